#!/usr/bin/env bash
# Where the task list's CPU goes: for each case of bench/list-bench.sh, the CPU the service, the
# benchmark database's backends and wrk spend per request (their /proc ticks over a wrk run,
# divided by the requests served), and the machine's idle share during the run; then the same for
# pgbench running the case's SQL (bench/out/<case>.sql): the backends' and pgbench's CPU per
# transaction. The database must be loaded and the scripts written already (run
# bench/list-bench.sh once).
#
#   bench/list-cpu.sh                  # 4 connections, 10 s per case after an 80 s warm-up
#   CONNECTIONS=8 bench/list-cpu.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

list_settings
DURATION=${DURATION:-10}
list_start_loaded "$OUT/cpu-server.log"

list_warm_up "$CONNECTIONS"
printf '%-8s %9s %12s %12s %10s %8s   %9s %12s %11s %8s\n' case "req/s" "service µs" "database µs" "wrk µs" "idle %" \
  "tps" "database µs" "pgbench µs" "idle %" | tee "$OUT/cpu-summary.txt"
for c in page1 status3 deep name; do
  s0=$(ticks $SERVER); d0=$(backends); read -r b0 i0 < <(machine)
  wrk -t2 -c$CONNECTIONS -d${DURATION}s -H "Authorization: Bearer $KEY" "${URL[$c]}" > "$OUT/cpu-wrk-$c.txt" &
  W=$!
  w0=$(ticks $W); w1=$w0
  while kill -0 $W 2>/dev/null; do t=$(ticks $W); [ "$t" != 0 ] && w1=$t; sleep 0.2; done
  s1=$(ticks $SERVER); d1=$(backends); read -r b1 i1 < <(machine)
  n=$(awk '/requests in/ {print $1}' "$OUT/cpu-wrk-$c.txt")
  rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/cpu-wrk-$c.txt")
  # The same SQL through pgbench (bench/out/<case>.sql, written by bench/list-bench.sh): the database's
  # CPU per transaction when pgbench sends it, and pgbench's own, over the middle of a run.
  rm -f "$OUT"/cpu-pglog-$c.*
  pgbench -n -M prepared -h 127.0.0.1 -U postgres -c $CONNECTIONS -j 2 -T $((DURATION + 5)) -D uid="$USER_ID" \
    -D pat="%双十一%" -l --log-prefix="$OUT/cpu-pglog-$c" -f "$OUT/$c.sql" "$DB" > "$OUT/cpu-pgbench-$c.txt" 2>&1 &
  P=$!
  sleep 1
  q0=$(ticks $P); e0=$(backends); t0=$(date +%s%6N); read -r c0 j0 < <(machine)
  sleep "$DURATION"
  q1=$(ticks $P); e1=$(backends); t1=$(date +%s%6N); read -r c1 j1 < <(machine)
  wait $P
  # transactions that ended between the two samples (pgbench's log: …, epoch seconds, microseconds)
  x=$(cat "$OUT"/cpu-pglog-$c.* | awk -v a=$t0 -v b=$t1 '{t = $5 * 1000000 + $6} t >= a && t < b {n++} END {print n+0}')
  python3 -c "
n=$n; us=1e6/$HZ; tx=max(1, $x)
print(f'%-8s %9s %12.0f %12.0f %10.0f %8.1f   %9.0f %12.0f %11.0f %8.1f' % ('$c', '$rps', ($s1-$s0)*us/n,
      $(backend_delta "$d0" "$d1")*us/n, ($w1-$w0)*us/n, 100*($i1-$i0)/max(1,($b1-$b0)+($i1-$i0)), tx*1e6/($t1-$t0), $(backend_delta "$e0" "$e1")*us/tx,
      ($q1-$q0)*us/tx, 100*($j1-$j0)/max(1,($c1-$c0)+($j1-$j0))))" | tee -a "$OUT/cpu-summary.txt"
done
