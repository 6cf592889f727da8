#!/usr/bin/env bash
# The cold ratio side by side in one JVM, for a machine that is not quiet (bench/jmh.sh is the reference run):
# one-second slices of the rules (uncached, with explanations; repeated and all-distinct questions) and of
# AuthzForce alternate, so load falls on each alike. With --against DIR, a second build runs in the same slices: DIR a
# checkout (its target/classes and its rules/, for a change to both) or a classes folder. Both builds are then loaded
# alike, each in a class loader of its own, and warmed alike; every other round runs the other build's slices first.
# SERIES=1 prints every slice's rate too.
#   bench/side-by-side.sh [rounds] [--against /path/to/other/checkout]
# It uses this checkout's target/classes (mvn -q compile first) and the libraries of the bench module.
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cd ..   # the engine reads ./rules
java -cp "bench/target/classes:target/classes:$(cat bench/target/classpath.txt)" uk.vda.bench.SideBySide "$@"
