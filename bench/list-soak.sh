#!/usr/bin/env bash
# The task list under sustained load, window by window: wrk drives one case (CASE, default page1) at
# CONNECTIONS (4) for WINDOWS (14) back-to-back windows of WINDOW seconds (5), from a cold start,
# and each window prints its rate, its p99, the CPU per request of the service and of the benchmark
# database's backends, and the machine's idle share. Shows when the JIT has settled and whether the
# tail latency holds under load that never pauses (bench/list-bench.sh rests the service while
# pgbench runs). The database must be loaded already (run bench/list-bench.sh once).
#
#   bench/list-soak.sh
#   CASE=status3 WINDOWS=30 bench/list-soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

list_settings
CASE=${CASE:-page1}
WINDOWS=${WINDOWS:-14}
WINDOW=${WINDOW:-5}
list_start_loaded "$OUT/soak-server.log"

printf '%6s %9s %9s %12s %12s %8s\n' window "req/s" "p99" "service µs" "database µs" "idle %"
for i in $(seq 1 "$WINDOWS"); do
  s0=$(ticks $SERVER); d0=$(backends); read -r b0 i0 < <(machine)
  wrk -t2 -c"$CONNECTIONS" -d"${WINDOW}s" --latency -H "Authorization: Bearer $KEY" "${URL[$CASE]}" > "$OUT/soak-wrk.txt"
  s1=$(ticks $SERVER); d1=$(backends); read -r b1 i1 < <(machine)
  n=$(awk '/requests in/ {print $1}' "$OUT/soak-wrk.txt")
  awk -v i="$i" -v n="$n" -v s=$((s1 - s0)) -v d="$(backend_delta "$d0" "$d1")" -v idle=$((i1 - i0)) -v busy=$((b1 - b0)) -v us=$((1000000 / HZ)) \
    '/Requests\/sec/ {r = $2} $1 == "99%" {p = $2}
     END {printf "%6d %9s %9s %12.0f %12.0f %8.1f\n", i, r, p, s * us / n, d * us / n, 100 * idle / (idle + busy)}' "$OUT/soak-wrk.txt"
done
