#!/usr/bin/env bash
# Where the CPU goes on the whole machine, for one case of bench/list-bench.sh, with the service and
# with pgbench on the same SQL: a system-wide `perf record` (cpu-clock, call graphs) of DURATION
# seconds under wrk, then of DURATION seconds under pgbench, and per request (or transaction) the
# CPU of each side's processes, split into user and kernel time, the part spent waking another
# thread (the waker's side of try_to_wake_up: sockets, eventfd, futex) and the part spent taking
# reschedule or call-function interrupts. Needs perf (Debian: linux-perf) and the loaded database
# (run bench/list-bench.sh once).
#
#   bench/list-perf.sh              # page1, 4 connections, 10 s each after an 80 s warm-up
#   CASE=deep CONNECTIONS=8 bench/list-perf.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

list_settings
DURATION=${DURATION:-10}
CASE=${CASE:-page1}
command -v perf >/dev/null || { echo "perf is missing (apt-get install linux-perf)"; exit 1; }
list_start_loaded "$OUT/perf-server.log"
list_warm_up "$CONNECTIONS"

# record SIDE: perf over DURATION seconds of the load already running
record() {
  sleep 1
  perf record -q -e cpu-clock -F 1999 -a -g -o "$OUT/perf-$1.data" -- sleep "$DURATION" 2>/dev/null
}

wrk -t2 -c"$CONNECTIONS" -d$((DURATION + 2))s -H "Authorization: Bearer $KEY" "${URL[$CASE]}" > "$OUT/perf-wrk.txt" &
W=$!
record service
wait $W
pgbench -n -M prepared -h 127.0.0.1 -U postgres -c "$CONNECTIONS" -j 2 -T $((DURATION + 2)) -D uid="$USER_ID" \
  -D pat="%双十一%" -f "$OUT/$CASE.sql" "$DB" > "$OUT/perf-pgbench.txt" 2>&1 &
W=$!
record pgbench
wait $W

rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/perf-wrk.txt")
tps=$(awk '/^tps/ {print $3}' "$OUT/perf-pgbench.txt")
for side in service pgbench; do
  perf script -i "$OUT/perf-$side.data" -F comm,pid,ip,sym 2>/dev/null > "$OUT/perf-$side.txt"
done
python3 - "$OUT" "$SERVER" "$rps" "$tps" "$DURATION" "$CASE" <<'EOF' | tee "$OUT/perf-summary.txt"
import re, sys
out, server, rps, tps, duration, case = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
us_per_sample = 1e6 / 1999
WAKE = re.compile(r'try_to_wake_up|sock_def_readable|ep_poll_callback|eventfd_write|futex_wake')
IPI = re.compile(r'asm_sysvec_reschedule_ipi|asm_sysvec_call_function')

def group(pid, comm, side):
    if comm == 'swapper':
        return 'idle'
    if comm == 'postgres':
        return 'postgres'
    if side == 'service' and pid == server:
        return 'service'
    if comm in ('wrk', 'pgbench'):
        return comm
    return 'other'

def account(side, requests):
    cpu, kernel, wake, ipi = {}, {}, {}, {}
    text = open(f'{out}/perf-{side}.txt', encoding='utf-8', errors='replace').read()
    for sample in text.split('\n\n'):
        lines = sample.strip().split('\n')
        if not lines or not lines[0].strip():
            continue
        head = lines[0].split()
        if not head:
            continue
        pid, comm = head[-1], ' '.join(head[:-1])  # perf script writes the command first, then the pid
        g = group(pid, comm, side)
        frames = [l.split(None, 1) for l in lines[1:] if l.strip()]
        cpu[g] = cpu.get(g, 0) + 1
        if frames and frames[0][0].startswith('ffffffff'):
            kernel[g] = kernel.get(g, 0) + 1
        if WAKE.search(sample):
            wake[g] = wake.get(g, 0) + 1
        if IPI.search(sample):
            ipi[g] = ipi.get(g, 0) + 1
    per = lambda n: n * us_per_sample / requests
    total = sum(cpu.values())
    for g in ('service', 'pgbench', 'postgres', 'wrk', 'other', 'idle'):
        if g in cpu:
            print('%-8s %-9s %9.0f %9.0f %9.0f %9.0f   (%4.1f %% of the samples)' % (side, g, per(cpu[g]),
                  per(kernel.get(g, 0)), per(wake.get(g, 0)), per(ipi.get(g, 0)), 100 * cpu[g] / total))

print(f'{case}: wrk {rps:.0f} req/s, pgbench {tps:.0f} tps; CPU per request or transaction, µs')
print('%-8s %-9s %9s %9s %9s %9s' % ('side', 'process', 'cpu', 'kernel', 'waking', 'irq in'))
account('service', rps * duration)
account('pgbench', tps * duration)
EOF
