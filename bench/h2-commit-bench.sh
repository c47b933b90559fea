#!/usr/bin/env bash
# What WRITE_DELAY 0 (every H2 database's setting: a commit is written when it returns, so a killed
# process loses nothing committed) costs a commit of the dialer writer's size: 2,000 commits of 10
# rows each on a file database, with H2's default delay (500 ms) and with 0.
#
#   bench/h2-commit-bench.sh
#   MVN_FLAGS=-o bench/h2-commit-bench.sh    # Maven offline
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
CP=$(bench/test-classpath.sh)
java -cp "$CP" io.calltask.dialer.engine.H2CommitBench | tee bench/out/h2-commit-bench.txt
