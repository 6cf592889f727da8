#!/usr/bin/env bash
# HTTP load on loopback: starts the packaged service (fresh H2 in a temp folder, rate limit lifted), drives it with
# wrk (Debian package 'wrk') for single decisions and curl for a 1,000,000-pair batch, prints throughput and
# latency, and stops the service. Bounded: each wrk run lasts DURATION seconds; the batch is sent 3 times.
#   mvn -q package -DskipTests && bench/load.sh            (CONNECTIONS=64 DURATION=15 WARMUP=180 by default)
# The warm-up run is long on purpose: on two cores shared with wrk, the C2 compiler needs about three minutes
# under load before the request path is fully compiled (docs/performance.md); shorter warm-ups measure the JIT.
# JAVA_OPTS are passed to the service's JVM, e.g. JAVA_OPTS=-XX:+UseParallelGC or -XX:TieredStopAtLevel=1 (docs/performance.md).
# Ends with the service's resident memory, peak and now.
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-180}
PORT=${PORT:-18080}
KEY=bench-key
JAR=$(ls target/vetting-advisor-*.jar | grep -v -- -classes.jar | head -1)
WORK=$(mktemp -d)
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk"; exit 2; }

ADVISOR_BOOTSTRAP_API_KEY=$KEY java ${JAVA_OPTS:-} -jar "$JAR" --server.port=$PORT \
  --spring.datasource.url="jdbc:h2:file:$WORK/advisor" --advisor.limits.rate-per-second=10000000 \
  --advisor.limits.burst=10000000 --advisor.rules.hot-reload=false > "$WORK/service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null; rm -rf "$WORK"' EXIT
started=$(date +%s.%N)
for _ in $(seq 1 120); do
  curl -sf "localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 0.25
done
echo "start-up to healthy: $(echo "$(date +%s.%N) - $started" | bc) s"
curl -s -o /dev/null -w "first decision: %{time_total} s\n" "localhost:$PORT/api/v1/decisions" -H "X-API-Key: $KEY" \
  -H 'Content-Type: application/json' -d @examples/decisions/01-partner-asks-for-the-secret-ctlp.request.json

echo "single decisions, $CONNECTIONS connections (a ${WARMUP}s warm-up run, then a ${DURATION}s measured run):"
ADVISOR_API_KEY=$KEY wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/decision.lua "http://127.0.0.1:$PORT/api/v1/decisions" | grep RESULT
ADVISOR_API_KEY=$KEY wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/decision.lua "http://127.0.0.1:$PORT/api/v1/decisions" | grep RESULT

python3 bench/make-batch.py 1000 1000 > "$WORK/batch.json"
echo "batch of 1,000,000 pairs (1,000 people x 1,000 documents, explain=none):"
for run in 1 2 3; do
  curl -s -o /dev/null -w "  run $run: HTTP %{http_code}, %{time_total} s, %{size_download} bytes\n" \
    "localhost:$PORT/api/v1/decisions/batch?explain=none" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
    --data-binary @"$WORK/batch.json"
done
echo "service memory: $(grep -E 'VmHWM|VmRSS' /proc/$SERVICE/status | tr -s ' \t' ' ' | tr '\n' ';' | sed 's/;$//') (peak and now, resident)"
