#!/usr/bin/env bash
# The FreeSWITCH gateway against the real switch of ../shared/freeswitch (start it first with its
# `up`): calls placed at RATE per second for SECONDS through sipp_uas (answered, 2 s, hung up), each
# followed to its hangup. Reports the rate achieved, the hangup causes (FreeSWITCH refuses calls over
# its sessions-per-second, 30 on the rig), originate-to-answer times and the gateway threads' CPU per
# call (the event handling cost).
#
#   bench/freeswitch-real-bench.sh [RATE=30] [SECONDS=20] [WARMUP_SECONDS=10] [FORMAT=plain]
#   MVN_FLAGS=-o bench/freeswitch-real-bench.sh    # Maven offline
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
CP=$(bench/test-classpath.sh)
java -Xmx512m -cp "$CP" \
  io.calltask.freeswitch.realswitch.RealSwitchOriginateBench "${1:-30}" "${2:-20}" "${3:-10}" "${4:-plain}" \
  | tee "$OUT/freeswitch-real-bench-${1:-30}.txt"
