#!/usr/bin/env bash
# The worst case a client can send: a batch of 1,000 people x 1,000 documents in which no two pairs are the same
# question (bench/make-batch.py ... distinct), so every pair runs the rules and no cache helps. Starts the packaged
# service (fresh H2 in a temporary folder, default limits), warms it with a smaller distinct batch, then sends the
# big one (explain=none) while another client asks single decisions, RATE a second on one connection, and prints:
# the batch's time and size, the service's peak resident memory (sampled every 0.2 s, and the kernel's VmHWM), its
# CPU time and the C2 compiler's share of it (a service this new is still compiling), and the single-decision
# client's p50/p99/max. AGAIN=1 (the default) then sends another batch as big, of other distinct pairs: the same
# work on a service the first batch has warmed. PEER=1 (the default) then times the peer on the last batch's pairs:
# AuthzForce in a JVM of its own (uk.vda.bench.PeerBatch, a thread a core, no HTTP, JSON, explanations or audit; its
# answers checked against the rules' first), and prints the service's time against it. Then it starts another
# distinct batch, drops the connection after STOP_AFTER seconds, and prints the service's CPU use every 0.25 s: the
# work stops when the client goes. Last, a roster of ROSTER people (examples/roster/01's 24 posts over and over,
# each with an id of its own; 100,000 rows answered 236 MB of JSON when a roster was built whole in memory) as CSV:
# its time, size, the service's CPU and peak resident memory while it ran. ROSTER=0 leaves it out.
#   mvn -q install -DskipTests && bench/worst-case.sh   (PEOPLE=1000 DOCUMENTS=1000 RATE=20 ROSTER=100000 by default)
# (install, not only package: the peer's module, bench/, builds against the installed classes; PEER=0 needs package only)
# JAVA_OPTS are passed to the service's JVM, e.g. JAVA_OPTS=-XX:+UseParallelGC (docs/operations.md#jvm-options).
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-1000}
DOCUMENTS=${DOCUMENTS:-1000}
RATE=${RATE:-20}
STOP_AFTER=${STOP_AFTER:-5}
ROSTER=${ROSTER:-100000}
AGAIN=${AGAIN:-1}
PEER=${PEER:-1}
PORT=${PORT:-18281}
KEY=bench-key
JAR=$(ls target/vetting-advisor-*.jar | grep -v -- -classes.jar | head -1)
WORK=$(mktemp -d)
REQUEST=examples/decisions/01-partner-asks-for-the-secret-ctlp.request.json
TICK=$(getconf CLK_TCK)

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then echo "port $PORT is taken; set PORT"; exit 2; fi

ADVISOR_BOOTSTRAP_API_KEY=$KEY java ${JAVA_OPTS:-} -jar "$JAR" --server.port=$PORT \
  --spring.datasource.url="jdbc:h2:file:$WORK/advisor" --advisor.rules.hot-reload=false > "$WORK/service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 720); do
  curl -sf "localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 0.25
done
kill -0 $SERVICE 2>/dev/null && curl -sf "localhost:$PORT/actuator/health" >/dev/null || { echo "the service did not start in 180 s:"; tail -20 "$WORK/service.log"; exit 1; }
cpu() { awk '{print $14 + $15}' "/proc/$SERVICE/stat"; }   # user + system, in clock ticks
c2() { # the same, of the service's C2 compiler threads only
  local t=0 task
  for task in /proc/$SERVICE/task/*; do
    grep -q '^C2 Compiler' "$task/comm" 2>/dev/null && t=$((t + $(awk '{ print $14 + $15 }' "$task/stat" 2>/dev/null || echo 0)))
  done
  echo $t
}
c2share() { echo "C2 $(( $3 > $1 ? 100 * ($4 - $2) / ($3 - $1) : 0 ))% of it"; } # cpu0 c2before cpu1 c2after
rss() { awk '/VmRSS/ {print $2}' "/proc/$SERVICE/status"; }  # kB
batch() { # file, extra curl arguments...
  local file=$1; shift
  curl -s -o /dev/null -w 'HTTP %{http_code}, %{time_total} s, %{size_download} bytes' "$@" \
    "localhost:$PORT/api/v1/decisions/batch?explain=none" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
    --data-binary @"$file"
}

python3 bench/make-batch.py 200 50 distinct 20000 > "$WORK/warm.json"
python3 bench/make-batch.py "$PEOPLE" "$DOCUMENTS" distinct > "$WORK/batch.json"
python3 bench/make-batch.py "$PEOPLE" "$DOCUMENTS" distinct 10000 > "$WORK/gone.json"
echo "service started: $(echo "scale=1; $(rss) / 1048576" | bc) GB resident; warm-up batch of 10,000 distinct pairs: $(batch "$WORK/warm.json")"
echo "after warm-up: $(echo "scale=2; $(rss) / 1048576" | bc) GB resident"

# the other client: single decisions at RATE a second on one connection, each timed
cat > "$WORK/single.py" <<'EOF'
import http.client, json, sys, time
port, key, rate, body, stop = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), open(sys.argv[4], "rb").read(), sys.argv[5]
import os
conn = http.client.HTTPConnection("localhost", port)
times, bad, next_at = [], 0, time.monotonic()
while not os.path.exists(stop):
    t0 = time.monotonic()
    conn.request("POST", "/api/v1/decisions", body, {"Content-Type": "application/json", "X-API-Key": key})
    r = conn.getresponse(); r.read()
    times.append((time.monotonic() - t0) * 1000)
    bad += r.status != 200
    next_at += 1 / rate
    time.sleep(max(0, next_at - time.monotonic()))
times.sort()
pct = lambda p: times[min(len(times) - 1, int(len(times) * p / 100))]
print(f"single decisions meanwhile: {len(times)} at {rate:g}/s, non-200: {bad}, p50 {pct(50):.1f} ms, p99 {pct(99):.1f} ms, max {times[-1]:.1f} ms")
EOF
python3 "$WORK/single.py" "$PORT" "$KEY" "$RATE" "$REQUEST" "$WORK/stop" > "$WORK/single.out" &
SINGLE=$!
sleep 2
( peak=0; while kill -0 $SERVICE 2>/dev/null && [ ! -e "$WORK/stop" ]; do
    r=$(rss); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" > "$WORK/peak"; sleep 0.2; done ) &
SAMPLER=$!
cpu0=$(cpu); c2before=$(c2)
said=$(batch "$WORK/batch.json"); last=batch.json
echo "batch of $((PEOPLE * DOCUMENTS)) distinct pairs ($PEOPLE people x $DOCUMENTS documents, explain=none): $said"
cpu1=$(cpu); c2after=$(c2)
sleep 1
touch "$WORK/stop"
wait $SINGLE $SAMPLER 2>/dev/null || true
echo "service CPU during the batch: $(echo "scale=1; ($cpu1 - $cpu0) / $TICK" | bc) s, $(c2share $cpu0 $c2before $cpu1 $c2after); peak resident while it ran: $(echo "scale=2; $(cat "$WORK/peak") / 1048576" | bc) GB" \
  "(VmHWM since start $(awk '/VmHWM/ {printf "%.2f", $2 / 1048576}' "/proc/$SERVICE/status") GB, now $(echo "scale=2; $(rss) / 1048576" | bc) GB)"
cat "$WORK/single.out"
if [ "$AGAIN" = 1 ]; then
  python3 bench/make-batch.py "$PEOPLE" "$DOCUMENTS" distinct 30000 > "$WORK/again.json"
  cpu0=$(cpu); c2before=$(c2)
  said=$(batch "$WORK/again.json"); last=again.json
  echo "again, on the service the batch warmed, other distinct pairs: $said"
  cpu1=$(cpu); c2after=$(c2)
  echo "  service CPU: $(echo "scale=1; ($cpu1 - $cpu0) / $TICK" | bc) s, $(c2share $cpu0 $c2before $cpu1 $c2after)"
fi

if [ "$PEER" = 1 ]; then
  (cd bench && mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt) > "$WORK/mvn.log" 2>&1 \
    || { echo "bench/ did not build (mvn -q install -DskipTests first):"; tail -5 "$WORK/mvn.log"; exit 1; }
  peer=$(java -cp "bench/target/classes:target/classes:$(cat bench/target/classpath.txt)" \
    uk.vda.bench.PeerBatch "$WORK/$last" 2>"$WORK/peer.log" | tail -1) || true
  if [[ $peer =~ ^([0-9.]+)\ ([0-9.]+)\ ([0-9]+)\ [0-9]+$ ]]; then
    took=$(echo "$said" | awk -F', ' '{ print $2 + 0 }')
    echo "the peer on the same pairs ($last): AuthzForce in-process, ${BASH_REMATCH[3]} threads, no HTTP, JSON, explanations or audit: ${BASH_REMATCH[1]} s, ${BASH_REMATCH[2]} CPU-s"
    if [ "${BASH_REMATCH[1]}" != 0.000 ]; then
      echo "  the service took $(echo "scale=2; $took / ${BASH_REMATCH[1]}" | bc)x the peer's time"
    fi
  else
    echo "the peer did not finish:"; grep -v ' INFO \| WARN ' "$WORK/peer.log" | head -5
  fi
fi

echo "another distinct batch, dropped by its client after ${STOP_AFTER} s; the service's CPU use every 0.25 s:"
batch "$WORK/gone.json" --max-time "$STOP_AFTER" >/dev/null || true
prev=$(cpu); line=""
for i in $(seq 1 12); do
  sleep 0.25
  now=$(cpu)
  line="$line $(echo "scale=0; ($now - $prev) * 100 / $TICK / 0.25" | bc)%"
  prev=$now
done
echo "  after the client went:$line"
sleep 0.5
grep -o 'Batch .* stopped after .*' "$WORK/service.log" | tail -1 | sed 's/^/  service log: /' || true

if [ "$ROSTER" -gt 0 ]; then
  python3 - "$ROSTER" > "$WORK/roster.csv" <<'EOF2'
import sys
lines = open("examples/roster/01-prevent-partnership.request.csv", encoding="utf-8").read().splitlines()
rows = [l for l in lines[1:] if l.strip()]
print(lines[0])
for i in range(int(sys.argv[1])):
    person, rest = rows[i % len(rows)].split(",", 1)
    print(f"{person}-{i},{rest}")
EOF2
  rm -f "$WORK/peak" "$WORK/stop"
  ( peak=0; while kill -0 $SERVICE 2>/dev/null && [ ! -e "$WORK/stop" ]; do
      r=$(rss); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" > "$WORK/peak"; sleep 0.2; done ) &
  SAMPLER=$!
  cpu0=$(cpu)
  result=$(curl -s -o /dev/null -w 'HTTP %{http_code}, %{time_total} s, %{size_download} bytes' \
    "localhost:$PORT/api/v1/vetting-assessments/roster" -H "X-API-Key: $KEY" -H 'Content-Type: text/csv' -H 'Expect:' \
    --data-binary @"$WORK/roster.csv")
  cpu1=$(cpu)
  touch "$WORK/stop"
  wait $SAMPLER 2>/dev/null || true
  echo "roster of $ROSTER people as CSV ($(wc -c < "$WORK/roster.csv") bytes), JSON answer: $result"
  echo "  service CPU during the roster: $(echo "scale=1; ($cpu1 - $cpu0) / $TICK" | bc) s; peak resident while it ran: $(echo "scale=2; $(cat "$WORK/peak") / 1048576" | bc) GB"
fi
