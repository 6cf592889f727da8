#!/usr/bin/env bash
# HTTP load on loopback: starts the packaged service (fresh H2 in a temp folder, rate limit lifted), drives it with
# wrk (Debian package 'wrk') and prints, from the same run: single decisions against the service's own floor
# (GET /api/v1/session: Tomcat, the security chain and Spring MVC with the same API key, no body, no rules, no
# audit record), alternating ROUNDS times, their ratio, and bare Tomcat (bench/BareTomcat.java: the service's
# Tomcat with one plain servlet, no Spring) beside them; then a 1,000,000-pair batch with curl, and the service's
# memory. Only 2xx answers count (ok_rps); 429s or 503s show as non2xx. cpu_us is the server's CPU (user + system,
# from /proc) per 2xx answer during the run: on cores shared with wrk and other work it moves less than
# throughput does. Bounded: each wrk run lasts DURATION seconds.
#   mvn -q package -DskipTests && bench/load.sh   (CONNECTIONS=64 DURATION=15 ROUNDS=2 WARMUP=180 BATCH=1 by default)
# The warm-up run is long on purpose: on two cores shared with wrk, the C2 compiler needs about three minutes
# under load before the request path is fully compiled (docs/performance.md); shorter warm-ups measure the JIT.
# JAVA_OPTS are passed to the service's JVM, e.g. JAVA_OPTS=-XX:+UseParallelGC (docs/performance.md);
# JFR=/path/x.jfr records the service (JFR, profile settings, or JFR_SETTINGS=a .jfc file) during the measured rounds
# (jfr print --events jdk.ExecutionSample).
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-15}
ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-180}
BATCH=${BATCH:-1}
PORT=${PORT:-18080}
KEY=bench-key
JAR=${JAR:-$(ls target/vetting-advisor-*.jar | grep -v -- -classes.jar | head -1)}
WORK=$(mktemp -d)
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk"; exit 2; }

ADVISOR_BOOTSTRAP_API_KEY=$KEY java ${JAVA_OPTS:-} -jar "$JAR" --server.port=$PORT \
  --spring.datasource.url="jdbc:h2:file:$WORK/advisor" --advisor.limits.rate-per-second=10000000 \
  --advisor.limits.burst=10000000 --advisor.rules.hot-reload=false > "$WORK/service.log" 2>&1 &
SERVICE=$!
BARE=
trap 'kill $SERVICE 2>/dev/null; [ -n "$BARE" ] && kill $BARE 2>/dev/null; rm -rf "$WORK"' EXIT
started=$(date +%s.%N)
for _ in $(seq 1 720); do # at most three minutes: a loaded machine starts slowly
  curl -sf "localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 0.25
done
echo "start-up to healthy: $(echo "$(date +%s.%N) - $started" | bc) s"
curl -s -o /dev/null -w "first decision: %{time_total} s\n" "localhost:$PORT/api/v1/decisions" -H "X-API-Key: $KEY" \
  -H 'Content-Type: application/json' -d @examples/decisions/01-partner-asks-for-the-secret-ctlp.request.json

cpu_ticks() { # user + system CPU of a process so far, in clock ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}
drive() { # label, seconds, method, url[, pid]: one wrk run, its RESULT line labelled, with the server's CPU per 2xx
  local out before after
  before=$(cpu_ticks "${5:-$SERVICE}")
  out=$(ADVISOR_API_KEY=$KEY METHOD=$3 wrk -t2 -c"$CONNECTIONS" -d"${2}s" -s bench/decision.lua "$4" | grep RESULT)
  after=$(cpu_ticks "${5:-$SERVICE}")
  printf '  %-11s %s cpu_us=%s\n' "$1" "${out#RESULT }" "$(echo "$out" | awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
    END { ok = v["requests"] - v["non2xx"]; printf "%.0f", (ok > 0 ? t * 1e6 / hz / ok : 0) }')"
}
DECISIONS="http://127.0.0.1:$PORT/api/v1/decisions"
FLOOR="http://127.0.0.1:$PORT/api/v1/session"
echo "$CONNECTIONS connections; warm-up ${WARMUP}s of decisions and 30s of the floor, then $ROUNDS × ${DURATION}s of each, alternating (load $(cut -d' ' -f1 /proc/loadavg)):"
drive warm-up "$WARMUP" POST "$DECISIONS" >/dev/null
drive warm-up 30 GET "$FLOOR" >/dev/null
[ -n "${JFR:-}" ] && jcmd $SERVICE JFR.start name=bench settings=${JFR_SETTINGS:-profile} >/dev/null
results=()
for round in $(seq 1 "$ROUNDS"); do
  results+=("$(drive floor "$DURATION" GET "$FLOOR")")
  results+=("$(drive decisions "$DURATION" POST "$DECISIONS")")
done
[ -n "${JFR:-}" ] && jcmd $SERVICE JFR.stop name=bench filename="$JFR" >/dev/null
printf '%s\n' "${results[@]}"
printf '%s\n' "${results[@]}" | awk '
  { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[$1, kv[1]] += kv[2] } n[$1]++ }
  END { printf "decisions/floor: %.2f in 2xx answers/s (%.0f / %.0f/s), p99 %.2f× the floor'"'"'s (%.2f / %.2f ms), service CPU a 2xx answer %.0f / %.0f µs; means of the rounds\n",
          v["decisions", "ok_rps"] / v["floor", "ok_rps"], v["decisions", "ok_rps"] / n["decisions"], v["floor", "ok_rps"] / n["floor"],
          v["decisions", "p99_ms"] / v["floor", "p99_ms"], v["decisions", "p99_ms"] / n["decisions"], v["floor", "p99_ms"] / n["floor"],
          v["decisions", "cpu_us"] / n["decisions"], v["floor", "cpu_us"] / n["floor"] }'

# Bare Tomcat beside them, the service idle: the same Tomcat from the jar's libraries, the decision's body posted.
java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
java -cp "$WORK/app/lib/*" bench/BareTomcat.java $((PORT + 1)) > "$WORK/bare.log" 2>&1 &
BARE=$!
for _ in $(seq 1 120); do curl -s -o /dev/null "localhost:$((PORT + 1))/" 2>/dev/null && break; sleep 0.25; done
drive warm-up 20 POST "http://127.0.0.1:$((PORT + 1))/" $BARE >/dev/null
drive "bare Tomcat" "$DURATION" POST "http://127.0.0.1:$((PORT + 1))/" $BARE
kill $BARE; wait $BARE 2>/dev/null || true; BARE=

if [ "$BATCH" = 1 ]; then
python3 bench/make-batch.py 1000 1000 > "$WORK/batch.json"
echo "batch of 1,000,000 pairs (1,000 people x 1,000 documents, explain=none):"
for run in 1 2 3; do
  curl -s -o /dev/null -w "  run $run: HTTP %{http_code}, %{time_total} s, %{size_download} bytes\n" \
    "localhost:$PORT/api/v1/decisions/batch?explain=none" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
    --data-binary @"$WORK/batch.json"
done
fi
echo "service memory: $(grep -E 'VmHWM|VmRSS' /proc/$SERVICE/status | tr -s ' \t' ' ' | tr '\n' ';' | sed 's/;$//') (peak and now, resident)"
