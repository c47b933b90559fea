#!/usr/bin/env bash
# Builds the test classes (benchmarks that live in the test tree: JMH classes, the FreeSWITCH peer)
# and prints the classpath that runs them. Used by the esl-*-bench.sh scripts; MVN_FLAGS=-o for
# Maven offline.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
mvn -q ${MVN_FLAGS:-} test-compile >&2
mvn -q ${MVN_FLAGS:-} dependency:build-classpath -Dmdep.outputFile=bench/out/test.classpath -Dmdep.includeScope=test >&2
echo "target/test-classes:target/classes:$(cat bench/out/test.classpath)"
