#!/usr/bin/env bash
# Where the task list's CPU goes: for each case of bench/list-bench.sh, the CPU the service, the
# benchmark database's backends and wrk spend per request (their /proc ticks over a wrk run,
# divided by the requests served), and the machine's idle share during the run. The database must
# be loaded already (run bench/list-bench.sh once).
#
#   bench/list-cpu.sh                  # 4 connections, 10 s per case after an 80 s warm-up
#   CONNECTIONS=8 bench/list-cpu.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

DB=${BENCH_DB:-calltask_bench}
PORT=${BENCH_PORT:-18080}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-4}
KEY=$LIST_KEY
USER_ID=$LIST_USER_ID
OUT=bench/out
mkdir -p "$OUT"
[ -f target/calltask.jar ] || mvn -q -DskipTests package
psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT 1 FROM task_count LIMIT 1" >/dev/null \
  || { echo "load the benchmark database first: bench/list-bench.sh"; exit 1; }

start_service "$OUT/cpu-server.log"
list_cases "http://127.0.0.1:$PORT/agent-api/new/user/$USER_ID/task"

ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
backends() { # CPU ticks of the database's backends serving $DB
  local sum=0 p
  for p in $(psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT pid FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid()"); do
    sum=$((sum + $(ticks "$p")))
  done
  echo $sum
}
machine() { awk '/^cpu / {print $2+$3+$4+$6+$7+$8+$9, $5}' /proc/stat; }
HZ=$(getconf CLK_TCK)

list_warm_up "$CONNECTIONS"
printf '%-8s %9s %12s %12s %10s %8s\n' case "req/s" "service µs" "database µs" "wrk µs" "idle %" | tee "$OUT/cpu-summary.txt"
for c in page1 status3 deep name; do
  s0=$(ticks $SERVER); d0=$(backends); read -r b0 i0 < <(machine)
  wrk -t2 -c$CONNECTIONS -d${DURATION}s -H "Authorization: Bearer $KEY" "${URL[$c]}" > "$OUT/cpu-wrk-$c.txt" &
  W=$!
  w0=$(ticks $W); w1=$w0
  while kill -0 $W 2>/dev/null; do t=$(ticks $W); [ "$t" != 0 ] && w1=$t; sleep 0.2; done
  s1=$(ticks $SERVER); d1=$(backends); read -r b1 i1 < <(machine)
  n=$(awk '/requests in/ {print $1}' "$OUT/cpu-wrk-$c.txt")
  rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/cpu-wrk-$c.txt")
  python3 -c "
n=$n; us=1e6/$HZ
print(f'%-8s %9s %12.0f %12.0f %10.0f %8.1f' % ('$c', '$rps', ($s1-$s0)*us/n, ($d1-$d0)*us/n, ($w1-$w0)*us/n,
      100*($i1-$i0)/max(1,($b1-$b0)+($i1-$i0))))" | tee -a "$OUT/cpu-summary.txt"
done
