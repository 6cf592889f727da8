#!/usr/bin/env bash
# Rule-set reload of the default rules in a running service: starts the packaged service on a copy of rules/
# (fresh H2 in a temp folder, hot reload polling every 200 ms), then edits the explanation of the regular SECRET row of
# vetting/minimum-vetting.csv RELOADS times (12 by default; each edit passes the scenarios, so it goes live);
# with EDIT=drl it edits the largest rule file instead (the .drl with the most lines; a comment at its end), with
# EDIT=assessment/verdicts.drl (say) that rule file,
# and prints, for each reload, what the service logs: from reading the changed files to the new set answering,
# split into compile and scenarios. Also the wall time from the file being written to a decision answered by the
# new version (which adds up to one poll interval). Bounded: each reload waits at most 30 s.
# Between edits it waits PAUSE seconds (5 by default), as policy staff do between saves: after each reload the
# service makes a warm copy of the new rules in the background for the next one (docs/performance.md); with
# PAUSE=0 an edit can come before the copy is ready, and that reload puts the rules together anew. The first copy
# is made at once here (the service waits 30 s by default, so as not to slow its first answers).
#   mvn -q package -DskipTests && bench/reload.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RELOADS=${RELOADS:-12}
PAUSE=${PAUSE:-5}
PORT=${PORT:-18085}
KEY=bench-key
JAR=$(ls target/vetting-advisor-*.jar | grep -v -- -classes.jar | head -1)
WORK=$(mktemp -d)
cp -r rules "$WORK/rules"
TABLE="$WORK/rules/vetting/minimum-vetting.csv"
EDIT=${EDIT:-table}
case "$EDIT" in
  table) ;;
  drl) DRL=$(wc -l "$WORK"/rules/*/*.drl | grep -v ' total$' | sort -n | tail -1 | awk '{print $2}'); EDIT=drl ;;
  *.drl) DRL="$WORK/rules/$EDIT"; [ -f "$DRL" ] || { echo "no rule file rules/$EDIT"; exit 2; }; EDIT=drl ;;
  *) echo "EDIT is table, drl or a rule file such as assessment/verdicts.drl"; exit 2 ;;
esac

(cd "$WORK" && ADVISOR_BOOTSTRAP_API_KEY=$KEY exec java ${JAVA_OPTS:-} -jar "$OLDPWD/$JAR" --server.port=$PORT \
  --spring.datasource.url="jdbc:h2:file:$WORK/advisor" --advisor.rules.path="$WORK/rules" \
  --advisor.rules.poll-millis=200 --advisor.rules.warm-copy-delay-millis=0 > "$WORK/service.log" 2>&1) &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 240); do
  curl -sf "localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 0.25
done
grep -oE "Rule set .* compiled from .*" "$WORK/service.log" | head -1
[ "$EDIT" = drl ] && echo "editing ${DRL#$WORK/rules/} ($(wc -l < "$DRL") lines)"

version() {
  curl -s "localhost:$PORT/api/v1/decisions" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
    -d @examples/decisions/01-partner-asks-for-the-secret-ctlp.request.json | grep -oE '"ruleSet":\{"version":"[0-9a-f]+"'
}
before=$(version)
for i in $(seq 1 "$RELOADS"); do
  sleep "$PAUSE"
  seen=$(grep -c "Rules reloaded" "$WORK/service.log" || true)
  t0=$(date +%s.%N)
  if [ "$EDIT" = drl ]; then
    # one write (sed -i renames a new file into place): the service never sees the file half edited
    sed -i -e "\$a // reload edit $i" -e '/^\/\/ reload edit [0-9]*$/d' "$DRL"
  else
    sed -i "s/access to SECRET material needs SC\( (edit [0-9]*)\)\?\./access to SECRET material needs SC (edit $i)./" "$TABLE"
  fi
  for _ in $(seq 1 3000); do
    now=$(version)
    [ -n "$now" ] && [ "$now" != "$before" ] && break
    sleep 0.05
  done
  t1=$(date +%s.%N)
  for _ in $(seq 1 300); do
    [ "$(grep -c "Rules reloaded" "$WORK/service.log" || true)" -gt "$seen" ] && break
    sleep 0.1
  done
  printf 'reload %2d: %s; file written to new version answering %5.2f s\n' "$i" \
    "$(grep "Rules reloaded" "$WORK/service.log" | tail -1 | grep -oE 'live [0-9]+ ms.*')" "$(echo "$t1 - $t0" | bc)"
  before=$now
done
