#!/usr/bin/env bash
# Seat-paced dialing in virtual time (PacingSimulation, in the test tree: one thread, no Spring, no
# database): SeatPacing's predictive mode against ratio 1, 2, 3 and VICIdial's ADAPT_HARD_LIMIT, on 10 and
# 50 seats with 4 s and 60 s of talk, over the simulated gateway's callee model (30 % answered after
# about 1.5 s). Prints a markdown table: seat occupancy, abandon rate, calls placed. docs/pacing-sim.md
# has the figures and the model. Default: 2 simulated hours per run, 5 seeds per cell (about a minute
# on one core).
#
#   bench/pacing-sim.sh                       # or: hours seeds [wrap-up ms], e.g. bench/pacing-sim.sh 2 5 5000
#   bench/pacing-sim.sh frontier [hours seeds]  # fixed rules on the 60 s cells: what any ratio allows
#   bench/pacing-sim.sh caps [hours seeds]      # predictive at lower max_abandon_rate (0.1, 0.5, 1, 2 %)
#   bench/pacing-sim.sh trace 50 60000 1 3.0  # one predictive run (seats, talk ms, seed, max level [, max abandon %]), minute by minute
#   MVN_FLAGS=-o bench/pacing-sim.sh          # Maven offline
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
# The simulation needs no library: the compiled classes are its classpath.
mvn -q ${MVN_FLAGS:-} test-compile >&2
case "${1:-}" in frontier | caps | trace) NAME=pacing-sim-$1 ;; *) NAME=pacing-sim ;; esac
java -cp target/test-classes:target/classes io.calltask.dialer.pacing.PacingSimulation "$@" | tee "$OUT/$NAME.txt"
