#!/usr/bin/env bash
# Start-up to healthy and to the first answered decision: the packaged jar as built, then the same jar extracted
# (java -Djarmode=tools ... extract) with an application class-data-sharing archive (AppCDS) made by one training
# start. Each variant is started RUNS times (3 by default), alternating, on a fresh H2 database each time.
#   mvn -q package -DskipTests && bench/startup.sh
# Java 17 only has static CDS for an application's classes (-XX:ArchiveClassesAtExit, the dynamic archive, and
# lambda proxy classes in a static archive both crash this JDK 17.0.15 while dumping), so the archive is made from
# a class list without its @lambda-proxy lines. Bounded: each start waits at most 60 s.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
PORT=${PORT:-18090}
KEY=bench-key
JAR=$(ls target/vetting-advisor-*.jar | grep -v -- -classes.jar | head -1)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
APP="$WORK/app/$(basename "$JAR")"
# training start: the context refreshes (rules compiled, database migrated), then the JVM exits and lists classes
java -XX:DumpLoadedClassList="$WORK/classes.lst" -Dspring.context.exit=onRefresh -jar "$APP" \
  --spring.datasource.url="jdbc:h2:file:$WORK/train" --advisor.rules.hot-reload=false >"$WORK/train.log" 2>&1
grep -v '^@lambda-proxy' "$WORK/classes.lst" >"$WORK/classes-static.lst"
java -Xshare:dump -XX:SharedClassListFile="$WORK/classes-static.lst" -XX:SharedArchiveFile="$WORK/app.jsa" \
  -jar "$APP" >"$WORK/dump.log" 2>&1
echo "AppCDS archive: $(du -h "$WORK/app.jsa" | cut -f1)"

start() { # label, java arguments...
  local label=$1; shift
  local db; db=$(mktemp -d -p "$WORK")
  local t0; t0=$(date +%s.%N)
  ADVISOR_BOOTSTRAP_API_KEY=$KEY java "$@" --server.port=$PORT --spring.datasource.url="jdbc:h2:file:$db/advisor" \
    --advisor.rules.hot-reload=false >"$db/service.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do curl -sf "localhost:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 0.1; done
  local t1; t1=$(date +%s.%N)
  local code; code=$(curl -s -o /dev/null -w '%{http_code}' "localhost:$PORT/api/v1/decisions" -H "X-API-Key: $KEY" \
    -H 'Content-Type: application/json' -d @examples/decisions/01-partner-asks-for-the-secret-ctlp.request.json)
  local t2; t2=$(date +%s.%N)
  printf '%-18s healthy %5.1f s, first answer (HTTP %s) %5.1f s, %s; load %s\n' "$label" "$(echo "$t1 - $t0" | bc)" \
    "$code" "$(echo "$t2 - $t0" | bc)" "$(grep -oE 'rules in [0-9]+ ms' "$db/service.log" | head -1)" \
    "$(cut -d' ' -f1 /proc/loadavg)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
for _ in $(seq 1 "$RUNS"); do
  start "jar" -jar "$JAR"
  start "extracted" -jar "$APP"
  start "extracted+AppCDS" -XX:SharedArchiveFile="$WORK/app.jsa" -Xlog:cds=off -Xlog:class+path=off -jar "$APP"
done
