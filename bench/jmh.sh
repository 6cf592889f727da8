#!/usr/bin/env bash
# Runs the JMH benchmarks in one run on the same 4,096 questions: the rule engine (cached and uncached, with
# explanations), the hand-written reference and the peer engine Cedar, after checking that all of them give the
# same decision and vetting needed on every question (the first disagreement stops the run). Then writes JMH's
# JSON result to bench/target/jmh-result.json, prints decisions/s and the ratios (ours / reference, ours / peer)
# and draws docs/performance-engines.png.
#   bench/jmh.sh [JMH options, e.g. -f 1 -wi 2 -w 1s -i 3 -r 1s]
# It uses the service's classes installed in ~/.m2 (uk.vda:vetting-advisor:0.1.0-SNAPSHOT:classes; from the project
# root: mvn -q install -DskipTests).
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cd ..   # the engine reads ./rules
# the rules are read from ./rules but the classes from ~/.m2: both must be of this checkout
INSTALLED="$HOME/.m2/repository/uk/vda/vetting-advisor/0.1.0-SNAPSHOT/vetting-advisor-0.1.0-SNAPSHOT-classes.jar"
if [ -n "$(find src/main -type f -newer "$INSTALLED" | head -1)" ]; then
  echo "bench/jmh.sh: src/main changed after the service's classes were installed in ~/.m2; run mvn -q install -DskipTests first" >&2
  exit 1
fi
if [ $# -eq 0 ]; then
  set -- -f 1 -wi 3 -w 2s -i 5 -r 2s
fi
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
RESULT=bench/target/jmh-result.json
rm -f "$RESULT"
java -cp "$CP" org.openjdk.jmh.Main DecisionBenchmark "$@" -rf json -rff "$RESULT"
java -Djava.awt.headless=true -cp "$CP" uk.vda.bench.EngineChart "$RESULT" docs/performance-engines.png
