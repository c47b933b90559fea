#!/usr/bin/env bash
# ESL decoding speed: how many CHANNEL_HANGUP_COMPLETE events one core decodes per second (frame cut
# out of the buffer, event indexed, the eight fields a dialer reads), plain and JSON, on the frame the
# test peer writes (about 7 KB, some 190 headers). Target: at least 100,000 plain events/s.
# JMH throughput, one thread, one fork, 3 warm-up and 5 measured iterations of 2 s (under a minute).
#
#   bench/esl-decoder-bench.sh                 # or with JMH options instead of the defaults, e.g. -f 1 -i 10
#   MVN_FLAGS=-o bench/esl-decoder-bench.sh    # Maven offline
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
CP=$(bench/test-classpath.sh)
# JMH options given on the command line replace these defaults (JMH refuses an option given twice).
OPTIONS=("$@")
[ ${#OPTIONS[@]} -gt 0 ] || OPTIONS=(-f 1 -t 1 -wi 3 -w 2s -i 5 -r 2s)
java -cp "$CP" org.openjdk.jmh.Main EslDecoderBenchmark "${OPTIONS[@]}" | tee "$OUT/esl-decoder-bench.txt"
