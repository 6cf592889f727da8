#!/usr/bin/env bash
# HTTP load on loopback: starts the packaged service (fresh H2 in a temp folder, rate limit lifted), drives it with
# wrk (Debian package 'wrk') and prints, from the same run: single decisions against the service's own floor
# (GET /api/v1/session: Tomcat, the security chain and Spring MVC with the same API key, no body, no rules, no
# audit record), alternating ROUNDS times, their ratio, and bare Tomcat (bench/BareTomcat.java: the service's
# Tomcat with one plain servlet, no Spring) beside them; then a 1,000,000-pair batch with curl, and the service's
# memory. Only 2xx answers count (ok_rps); 429s or 503s show as non2xx. cpu_us is the server's CPU (user + system,
# from /proc) per 2xx answer during the run: on cores shared with wrk and other work it moves less than
# throughput does. Bounded: each wrk run lasts DURATION seconds.
#   mvn -q package -DskipTests && bench/load.sh   (CONNECTIONS=64 DURATION=15 ROUNDS=2 WARMUP=240 BATCH=1 by default)
# AGAINST=other.jar starts a second service from that jar beside this one (its own port and database), warms both,
# then alternates their rounds (floor and decisions of one, then of the other; the first of each round alternates),
# so the machine's changing speed falls on both builds alike; it prints each build's ratio and this build's
# decisions against the other's. Bare Tomcat and the batch run for this jar only.
# The warm-up run is long on purpose: on two cores shared with wrk, the C2 compiler needs three to four minutes
# under load before the request path is fully compiled (docs/performance.md); shorter warm-ups measure the JIT.
# c2 is the share of the service's CPU its C2 compiler threads took during a run: more than a few percent in a
# measured round means the warm-up was too short.
# JAVA_OPTS are passed to the service's JVM, e.g. JAVA_OPTS=-XX:+UseParallelGC (docs/performance.md);
# JFR=/path/x.jfr records the service (JFR, profile settings, or JFR_SETTINGS=a .jfc file) during the measured rounds
# (jfr print --events jdk.ExecutionSample).
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-15}
ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-240}
BATCH=${BATCH:-1}
PORT=${PORT:-18080}
OTHER_PORT=$((PORT + 2))
KEY=bench-key
JAR=${JAR:-$(ls target/vetting-advisor-*.jar | grep -v -- -classes.jar | head -1)}
WORK=$(mktemp -d)
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk"; exit 2; }

start() { # jar, port, folder: starts a service on a fresh H2 database in the folder; prints its pid
  mkdir -p "$3"
  ADVISOR_BOOTSTRAP_API_KEY=$KEY java ${JAVA_OPTS:-} -jar "$1" --server.port="$2" \
    --spring.datasource.url="jdbc:h2:file:$3/advisor" --advisor.limits.rate-per-second=10000000 \
    --advisor.limits.burst=10000000 --advisor.rules.hot-reload=false > "$3/service.log" 2>&1 &
  echo $!
}
healthy() { # port, label: waits for the service, then asks it the first decision
  local port=$1
  for _ in $(seq 1 720); do # at most three minutes: a loaded machine starts slowly
    curl -sf "localhost:$port/actuator/health" >/dev/null 2>&1 && break
    sleep 0.25
  done
  echo "$2 healthy after $(echo "$(date +%s.%N) - $STARTED" | bc) s"
  curl -s -o /dev/null -w "$2 first decision: %{time_total} s\n" "localhost:$port/api/v1/decisions" -H "X-API-Key: $KEY" \
    -H 'Content-Type: application/json' -d @examples/decisions/01-partner-asks-for-the-secret-ctlp.request.json
}
STARTED=$(date +%s.%N)
SERVICE=$(start "$JAR" "$PORT" "$WORK/this")
OTHER=
BARE=
trap 'kill $SERVICE 2>/dev/null; [ -n "$OTHER" ] && kill $OTHER 2>/dev/null; [ -n "$BARE" ] && kill $BARE 2>/dev/null; rm -rf "$WORK"' EXIT
healthy "$PORT" "this jar:"
if [ -n "${AGAINST:-}" ]; then
  STARTED=$(date +%s.%N)
  OTHER=$(start "$(realpath "$AGAINST")" "$OTHER_PORT" "$WORK/other")
  healthy "$OTHER_PORT" "$AGAINST:"
fi

cpu_ticks() { # user + system CPU of a process so far, in clock ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}
c2_ticks() { # the same, of its C2 compiler threads only
  local t=0 task
  for task in /proc/"$1"/task/*; do
    grep -q '^C2 Compiler' "$task/comm" 2>/dev/null && t=$((t + $(awk '{ print $14 + $15 }' "$task/stat" 2>/dev/null || echo 0)))
  done
  echo $t
}
drive() { # label, seconds, method, url[, pid]: one wrk run, its RESULT line labelled, with the server's CPU per 2xx
  local out before after c2before c2after
  before=$(cpu_ticks "${5:-$SERVICE}")
  c2before=$(c2_ticks "${5:-$SERVICE}")
  out=$(ADVISOR_API_KEY=$KEY METHOD=$3 wrk -t2 -c"$CONNECTIONS" -d"${2}s" -s bench/decision.lua "$4" | grep RESULT)
  after=$(cpu_ticks "${5:-$SERVICE}")
  c2after=$(c2_ticks "${5:-$SERVICE}")
  printf '  %-11s %s cpu_us=%s c2=%s%%\n' "$1" "${out#RESULT }" "$(echo "$out" | awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
    END { ok = v["requests"] - v["non2xx"]; printf "%.0f", (ok > 0 ? t * 1e6 / hz / ok : 0) }')" \
    "$(( after > before ? 100 * (c2after - c2before) / (after - before) : 0 ))"
}
DECISIONS="http://127.0.0.1:$PORT/api/v1/decisions"
FLOOR="http://127.0.0.1:$PORT/api/v1/session"
OTHER_DECISIONS="http://127.0.0.1:$OTHER_PORT/api/v1/decisions"
OTHER_FLOOR="http://127.0.0.1:$OTHER_PORT/api/v1/session"
echo "$CONNECTIONS connections; warm-up ${WARMUP}s of decisions and 30s of the floor, then $ROUNDS × ${DURATION}s of each, alternating (load $(cut -d' ' -f1 /proc/loadavg)):"
if [ -z "$OTHER" ]; then
  drive warm-up "$WARMUP" POST "$DECISIONS" >/dev/null
  drive warm-up 30 GET "$FLOOR" >/dev/null
else # in four turns each, so that neither has sat idle long when the measured rounds begin
  for _ in 1 2 3 4; do
    drive warm-up $((WARMUP / 4)) POST "$DECISIONS" >/dev/null
    drive warm-up $((WARMUP / 4)) POST "$OTHER_DECISIONS" "$OTHER" >/dev/null
  done
  drive warm-up 30 GET "$FLOOR" >/dev/null
  drive warm-up 30 GET "$OTHER_FLOOR" "$OTHER" >/dev/null
fi
[ -n "${JFR:-}" ] && jcmd $SERVICE JFR.start name=bench settings=${JFR_SETTINGS:-profile} >/dev/null
rounds_of() { # this or other: one round of that service, floor then decisions
  if [ "$1" = this ]; then
    drive floor "$DURATION" GET "$FLOOR"
    drive decisions "$DURATION" POST "$DECISIONS"
  else
    drive floor-other "$DURATION" GET "$OTHER_FLOOR" "$OTHER"
    drive decisions-other "$DURATION" POST "$OTHER_DECISIONS" "$OTHER"
  fi
}
results=()
for round in $(seq 1 "$ROUNDS"); do
  if [ -z "$OTHER" ]; then
    results+=("$(rounds_of this)")
  elif [ $((round % 2)) = 1 ]; then
    results+=("$(rounds_of this)" "$(rounds_of other)")
  else
    results+=("$(rounds_of other)" "$(rounds_of this)")
  fi
done
[ -n "${JFR:-}" ] && jcmd $SERVICE JFR.stop name=bench filename="$JFR" >/dev/null
printf '%s\n' "${results[@]}"
printf '%s\n' "${results[@]}" | awk '
  { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[$1, kv[1]] += kv[2] } n[$1]++ }
  function ratio(d, f, name) {
    printf "%sdecisions/floor: %.2f in 2xx answers/s (%.0f / %.0f/s), p99 %.2f× the floor'"'"'s (%.2f / %.2f ms), service CPU a 2xx answer %.0f / %.0f µs; means of the rounds\n",
      name, v[d, "ok_rps"] / v[f, "ok_rps"], v[d, "ok_rps"] / n[d], v[f, "ok_rps"] / n[f],
      v[d, "p99_ms"] / v[f, "p99_ms"], v[d, "p99_ms"] / n[d], v[f, "p99_ms"] / n[f], v[d, "cpu_us"] / n[d], v[f, "cpu_us"] / n[f] }
  END {
    ratio("decisions", "floor", n["decisions-other"] ? "this jar:  " : "")
    if (n["decisions-other"]) {
      ratio("decisions-other", "floor-other", "other jar: ")
      printf "this jar against the other: decisions %.2f× in 2xx answers/s, %.2f× in service CPU a 2xx answer; floors %.2f×\n",
        v["decisions", "ok_rps"] / v["decisions-other", "ok_rps"], v["decisions", "cpu_us"] / v["decisions-other", "cpu_us"],
        v["floor", "ok_rps"] / v["floor-other", "ok_rps"]
    }
  }'
[ -n "$OTHER" ] && { kill "$OTHER"; OTHER=; }

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
