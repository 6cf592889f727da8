#!/usr/bin/env bash
# Start-up to the first answered decision, on the README's commands first (each RUNS times, 1 by default):
#   - the packaged jar (java -jar target/vetting-advisor-*.jar, nothing else on the line) in a fresh clone: no
#     ./data yet, so the rules are compiled whole and the database made;
#   - the same again in that clone: a restart, the rules' compiled parts read back from ./data/compiled-rules;
#   - ADVISOR_BOOTSTRAP_API_KEY=... mvn -Dmaven.test.skip spring-boot:run in another fresh clone (Maven compiles the
#     main classes; dependencies must already be in ~/.m2).
# Each line gives the wall time to the first 200 of POST /api/v1/decisions, the service JVM's CPU seconds by then
# and its busiest threads (on two shared cores both cores are busy throughout, so CPU seconds bound the wall time),
# and the load average. The port is set by the environment (SERVER_PORT), so the command stays the README's.
# VARIANTS=1 then also starts, alternating, the same jar extracted (java -Djarmode=tools ... extract) with an
# application class-data-sharing archive (AppCDS) made by one training start, with ParallelGC, with the C1 compiler
# only (-XX:TieredStopAtLevel=1: much less JIT work during start-up, but about a third of the in-process speed;
# docs/performance.md), and, when a JDK 25 is installed (JDK25=/path/to/java, default
# /usr/lib/jvm/temurin-25-jdk-amd64/bin/java), on JDK 25 with its ahead-of-time cache (JEP 483/514/515), each on a
# fresh H2 database; from the second start on the compiled parts are read back.
#   mvn -q package -DskipTests && bench/startup.sh
# AGAINST=other.jar instead starts this jar and the other alternately, each in its own fresh clone (the compiled
# parts and recorded passes are named by the jar's entries, so each jar keeps its own ./data): both fresh, then
# RESTARTS (2) restarts of each; RUNS rounds.
# FLOOR=1 instead measures the stack's own floor beside this jar, alternating, in one fresh clone: bench/StackFloor.java,
# launched from this jar by Spring Boot's launcher on the same libraries and application.yml, so it gets everything
# Spring Boot configures for the service (Tomcat, MVC, Spring Security, Actuator, springdoc, H2 and the Flyway
# migrations) and nothing of the service's own (no rules, audit or keys); its first answer is any status of GET /floor
# (401 from the default security chain). Both fresh, then RESTARTS (3) restarts of each.
# Java 17 only has static CDS for an application's classes (-XX:ArchiveClassesAtExit, the dynamic archive, and
# lambda proxy classes in a static archive both crash this JDK 17.0.15 while dumping), so the archive is made from
# a class list without its @lambda-proxy lines. Bounded: each start waits at most 180 s.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-1}
VARIANTS=${VARIANTS:-0}
PORT=${PORT:-18090}
KEY=bench-key
JAR=$(realpath "${JAR:-$(ls target/vetting-advisor-*.jar | grep -v -- -classes.jar | head -1)}")
RULES=$(realpath rules)
REQUEST=$(realpath examples/decisions/01-partner-asks-for-the-secret-ctlp.request.json)
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ORIGIN=$(pwd)

first_answer() { # pid, t0, label, log: waits for the first answered decision (with URL set: any answer there), prints the line
  local pid=$1 t0=$2 label=$3 log=$4 code=000 threads
  for _ in $(seq 1 1800); do
    if [ -n "${URL:-}" ]; then # the floor: any answer of its security chain (401) counts
      code=$(curl -s -o /dev/null -w '%{http_code}' "$URL" 2>/dev/null) || true
      [ "$code" != 000 ] && break
    else
      code=$(curl -s -o /dev/null -w '%{http_code}' "localhost:$PORT/api/v1/decisions" -H "X-API-Key: $KEY" \
        -H 'Content-Type: application/json' -d @"$REQUEST" 2>/dev/null) || true
      [ "$code" = 200 ] && break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  local t1; t1=$(date +%s.%N)
  threads=$(for t in /proc/"$pid"/task/*; do
      echo "$(awk '{ print ($14 + $15) }' "$t/stat" 2>/dev/null) $(cat "$t/comm" 2>/dev/null)"; done |
    sort -rn | head -4 | awk -v hz="$(getconf CLK_TCK)" '{ c = $1; $1 = ""; printf "%s%s %.1f", (NR > 1 ? ", " : ""), substr($0, 2), c / hz }')
  printf '%-34s first answer (HTTP %s) %5.1f s; %5.1f CPU-s (%s); %s; load %s\n' "$label" "$code" \
    "$(echo "$t1 - $t0" | bc)" "$(awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' /proc/"$pid"/stat)" "$threads" \
    "$(r=$(grep -oE 'rules in [0-9]+ ms \([0-9]+ of [0-9]+' "$log" | tail -1 | tr -d '('); if [ -n "$r" ]; then echo "$r packages kept"; else echo "no rules"; fi)" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}

readme() { # the README's commands, in fresh clones of this repository's committed state
  local clone="$WORK/clone-jar" pid t0
  git clone -q "$ORIGIN" "$clone"
  for label in "packaged jar, fresh clone" "packaged jar, restart"; do
    t0=$(date +%s.%N)
    (cd "$clone" && ADVISOR_BOOTSTRAP_API_KEY=$KEY SERVER_PORT=$PORT exec java -jar "$JAR" >>"$clone/service.log" 2>&1) &
    pid=$!
    first_answer "$pid" "$t0" "$label" "$clone/service.log"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
  clone="$WORK/clone-mvn"
  git clone -q "$ORIGIN" "$clone"
  t0=$(date +%s.%N)
  (cd "$clone" && ADVISOR_BOOTSTRAP_API_KEY=$KEY SERVER_PORT=$PORT exec mvn -B -ntp -q -Dmaven.test.skip spring-boot:run \
    >"$clone/service.log" 2>&1) &
  local mvn=$!
  # spring-boot:run forks the service's JVM: the child of Maven's JVM that listens on the port
  for _ in $(seq 1 1800); do pid=$(pgrep -P "$mvn" -f 'uk.vda.AdvisorApplication' || true); [ -n "$pid" ] && break; sleep 0.1; done
  first_answer "${pid:-$mvn}" "$t0" "mvn spring-boot:run, fresh clone" "$clone/service.log"
  [ -n "$pid" ] && kill "$pid"
  wait "$mvn" 2>/dev/null || true
  rm -rf "$WORK"/clone-*
}
measure() { # label, clone, command...: runs the command in the clone to its first answer, then stops it
  local label=$1 clone=$2 log pid t0
  shift 2
  log="$clone/${LOG:-service.log}"
  t0=$(date +%s.%N)
  (cd "$clone" && exec env ADVISOR_BOOTSTRAP_API_KEY=$KEY SERVER_PORT=$PORT "$@" >>"$log" 2>&1) &
  pid=$!
  first_answer "$pid" "$t0" "$label" "$log"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  sleep "${PAUSE:-2}"
}
side_by_side() { # AGAINST=other.jar: the README's jar command with this jar and the other, alternating
  local a="$WORK/clone-a" b="$WORK/clone-b" label jar clone n
  git clone -q "$ORIGIN" "$a"; git clone -q "$ORIGIN" "$b"
  for n in fresh $(seq 1 "${RESTARTS:-2}"); do
    for side in this against; do
      if [ "$side" = this ]; then jar=$JAR; clone=$a; else jar=$AGAINST; clone=$b; fi
      if [ "$n" = fresh ]; then label="$side, fresh clone"; else label="$side, restart $n"; fi
      measure "$label" "$clone" java -jar "$jar"
    done
  done
  rm -rf "$WORK"/clone-*
}
floor() { # FLOOR=1: the stack's own floor (bench/StackFloor.java) and this jar, alternating, fresh and restarted
  local clone="$WORK/clone-floor" classes="$WORK/floor-classes" lib="$WORK/floor-lib" n label
  git clone -q "$ORIGIN" "$clone"
  java -Djarmode=tools -jar "$JAR" extract --destination "$lib" >/dev/null
  javac -d "$classes" -cp "$lib/lib/*" bench/StackFloor.java
  # each side its own database and ./data, made by its first start in the fresh clone
  for n in fresh $(seq 1 "${RESTARTS:-3}"); do
    [ "$n" = fresh ] && label="fresh clone" || label="restart $n"
    URL="localhost:$PORT/floor" LOG=floor.log measure "stack floor, $label" "$clone" java -cp "$JAR" \
      -Dloader.path="$classes" -Dloader.main=uk.vda.bench.floor.StackFloor \
      org.springframework.boot.loader.launch.PropertiesLauncher --spring.datasource.url="jdbc:h2:file:$WORK/floor-db/advisor"
    measure "this jar, $label" "$clone" java -jar "$JAR"
  done
  rm -rf "$WORK"/clone-*
}
if [ "${FLOOR:-0}" = 1 ]; then
  for _ in $(seq 1 "$RUNS"); do floor; done
  exit 0
fi
if [ -n "${AGAINST:-}" ]; then
  AGAINST=$(realpath "$AGAINST")
  for _ in $(seq 1 "$RUNS"); do side_by_side; done
  exit 0
fi
for _ in $(seq 1 "$RUNS"); do readme; done
[ "$VARIANTS" = 1 ] || exit 0

java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
APP="$WORK/app/$(basename "$JAR")"
# training start: the context refreshes (rules compiled, database migrated), then the JVM exits and lists classes
cd "$WORK"
java -XX:DumpLoadedClassList="$WORK/classes.lst" -Dspring.context.exit=onRefresh -jar "$APP" \
  --spring.datasource.url="jdbc:h2:file:$WORK/train" --advisor.rules.path="$RULES" --advisor.rules.hot-reload=false \
  >"$WORK/train.log" 2>&1
grep -v '^@lambda-proxy' "$WORK/classes.lst" >"$WORK/classes-static.lst"
java -Xshare:dump -XX:SharedClassListFile="$WORK/classes-static.lst" -XX:SharedArchiveFile="$WORK/app.jsa" \
  -jar "$APP" >"$WORK/dump.log" 2>&1
echo "AppCDS archive: $(du -h "$WORK/app.jsa" | cut -f1)"
if [ -x "$JDK25" ]; then
  "$JDK25" -XX:AOTCacheOutput="$WORK/app.aot" -Dspring.context.exit=onRefresh -jar "$APP" \
    --spring.datasource.url="jdbc:h2:file:$WORK/train25" --advisor.rules.path="$RULES" --advisor.rules.hot-reload=false \
    >"$WORK/train25.log" 2>&1
  echo "JDK 25 AOT cache: $(du -h "$WORK/app.aot" | cut -f1)"
fi

start() { # label, java arguments...
  local label=$1; shift
  local db; db=$(mktemp -d -p "$WORK")
  local t0; t0=$(date +%s.%N)
  ADVISOR_BOOTSTRAP_API_KEY=$KEY ${JAVA:-java} "$@" --server.port=$PORT --spring.datasource.url="jdbc:h2:file:$db/advisor" \
    --advisor.rules.path="$RULES" --advisor.rules.hot-reload=false >"$db/service.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 1800); do curl -sf "localhost:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 0.1; done
  local t1; t1=$(date +%s.%N)
  local code; code=$(curl -s -o /dev/null -w '%{http_code}' "localhost:$PORT/api/v1/decisions" -H "X-API-Key: $KEY" \
    -H 'Content-Type: application/json' -d @"$REQUEST")
  local t2; t2=$(date +%s.%N)
  printf '%-18s healthy %5.1f s, first answer (HTTP %s) %5.1f s; %s parts kept; scenarios %s; load %s\n' "$label" \
    "$(echo "$t1 - $t0" | bc)" "$code" "$(echo "$t2 - $t0" | bc)" \
    "$(grep -oE 'rules in [0-9]+ ms \([0-9]+ of [0-9]+' "$db/service.log" | head -1 | tr -d '(')" \
    "$(grep -oE 'done [0-9]+ ms after .* waited [0-9]+ ms' "$db/service.log" | sed -E 's/done ([0-9]+) ms.*waited ([0-9]+) ms/\1 ms, start-up waited \2 ms/')" \
    "$(cut -d' ' -f1 /proc/loadavg)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
for _ in $(seq 1 "$RUNS"); do
  start "jar" -jar "$JAR"
  start "extracted" -jar "$APP"
  start "extracted+AppCDS" -XX:SharedArchiveFile="$WORK/app.jsa" -Xlog:cds=off -Xlog:class+path=off -jar "$APP"
  start "AppCDS, ParallelGC" -XX:SharedArchiveFile="$WORK/app.jsa" -Xlog:cds=off -Xlog:class+path=off \
    -XX:+UseParallelGC -jar "$APP"
  start "AppCDS, C1 only" -XX:SharedArchiveFile="$WORK/app.jsa" -Xlog:cds=off -Xlog:class+path=off \
    -XX:TieredStopAtLevel=1 -jar "$APP"
  if [ -x "$JDK25" ]; then
    JAVA="$JDK25" start "JDK 25 + AOT cache" -XX:AOTCache="$WORK/app.aot" -jar "$APP"
    JAVA="$JDK25" start "JDK 25 AOT, ParGC" -XX:AOTCache="$WORK/app.aot" -XX:+UseParallelGC -jar "$APP"
  fi
done
