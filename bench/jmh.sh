#!/usr/bin/env bash
# Runs the JMH benchmarks: the rule engine (cached and uncached) against the hand-written reference, after
# checking that both give the same decision and required vetting on every benchmark input.
#   mvn -q install -DskipTests && bench/jmh.sh [JMH options, e.g. -f 1 -wi 3 -i 5]
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cd ..   # the engine reads ./rules
if [ $# -eq 0 ]; then
  set -- -f 1 -wi 3 -w 2s -i 5 -r 2s
fi
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.openjdk.jmh.Main "$@"
