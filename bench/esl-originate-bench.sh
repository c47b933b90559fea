#!/usr/bin/env bash
# Originates over one Event Socket connection at a steady rate against the test peer (FakeFreeSwitch,
# writes split at random, every call answered after 100 ms and hung up after TALK ms, so three events
# per call share the connection with the replies). Reports command-to-reply latency percentiles and
# checks that every reply matched its command and every call's hangup arrived.
# Target: 500 originates/s sustained, every reply matched, p99 command-to-reply under 5 ms.
#
#   bench/esl-originate-bench.sh [RATE=500] [SECONDS=30] [TALK_MS=2000]
#   MVN_FLAGS=-o bench/esl-originate-bench.sh    # Maven offline
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
CP=$(bench/test-classpath.sh)
java -Xmx1g -cp "$CP" \
  io.calltask.freeswitch.internal.OriginateThroughputBench "${1:-500}" "${2:-30}" "${3:-2000}" \
  | tee "$OUT/esl-originate-bench.txt"
