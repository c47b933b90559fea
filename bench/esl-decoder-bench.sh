#!/usr/bin/env bash
# ESL decoding speed: how many CHANNEL_HANGUP_COMPLETE events one core decodes per second (frame cut
# out of the buffer, event indexed, the eight fields a dialer reads), plain and JSON, on the frame the
# test peer writes (about 7 KB, some 190 headers). Target: at least 100,000 plain events/s.
# JMH throughput, one thread, one fork, 3 warm-up and 5 measured iterations of 2 s (under a minute).
#
#   bench/esl-decoder-bench.sh                 # extra JMH options pass through, e.g. -i 10
#   MVN_FLAGS=-o bench/esl-decoder-bench.sh    # Maven offline
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
CP=$(bench/test-classpath.sh)
java -cp "$CP" org.openjdk.jmh.Main \
  EslDecoderBenchmark -f 1 -t 1 -wi 3 -w 2s -i 5 -r 2s "$@" | tee "$OUT/esl-decoder-bench.txt"
