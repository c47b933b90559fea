#!/usr/bin/env bash
# The dialer benchmarks (issue 3), on the local PostgreSQL with the simulated gateway:
#
#   bench/dialer-bench.sh pacing     # one task, 20 lines x 25 cps, task cps 500, calls of 5-10 s, 60 s
#   bench/dialer-bench.sh fairness   # 100 enabled tasks sharing 10 lines, 90 s
#   CPS=2000 bench/dialer-bench.sh ceiling   # as pacing, at CPS: where one leader stops keeping up
#
# The service runs as it does in production (its own dialer thread, ticks of calltask.dialer.tick, 2 ms); numbers are
# loaded with SQL. After the run, bench/analyze-calls.py reads every call record and checks: the
# originate rate per one-second window (5th..95th percentile), every limit sampled every 100 ms
# (calls in progress per line and task; originates in the last second per line and task), and the
# service's CPU use during the measured window. Env: DURATION (s), WARMUP (s).
#
# Webhooks: NOTIFY_DELAY_MS=100 gives every task a call_notify_url (every call) on a local receiver
# (bench/WebhookSink.java) that answers after that many ms; NOTIFY_DOWN_S=600 keeps the receiver down
# for that long after the tasks start. The summary adds the oldest due event's age (sampled every
# 5 s), events stored and delivered, and how long the backlog took to drain after the run.
# THREADS=1 adds the service's CPU per thread group (as /proc names them) over the measured window.
#
# Several instances (docs/CLUSTER.md): INSTANCES=3 starts two more on the same database after the
# first (which leads; the others stand by), so the pacing is measured in a 3-instance cluster.
# KILLS=10 then kills the leader (SIGKILL) that many times, after the measured window: each time the
# time from the kill to the first originate of the next leader, then the killed instance is started
# again and the cluster runs 15 s before the next kill. The summary gives the median and the worst.
# Transfers to a person (issue 23): SEATS=200 TRANSFER_RATE=0.3 gives the tasks a bridge group of that
# many signed-in seats (wrap-up 0, ring timeout 20 s, max wait 30 s) and makes that fraction of the
# answered calls ask for a seat 1-3 s after the answer; seats answer after 0.3-0.7 s and talk
# SEAT_TALK_MS (default 600: 0.4-0.8 s, so that 200 seats keep up with 150 asks a second). The summary
# adds the transfers by result, the time from an ask to the first seat rung (p50/p99, the service's
# calltask.transfers.first_ring) and the pairs of bridged calls that overlapped on one seat (must be 0).
# POLICY (JSON) puts that contact policy on the user first (issue 25).
# RESTART_DB=1 stops PostgreSQL itself after the measured window and starts it again after
# RESTART_DB_DOWN_S (default 0; pg_ctlcluster, as root): the leader before and after, and when the
# first call after the restart was paced. The limits are checked over the whole run as always.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
MODE=${1:-pacing}
DB=${BENCH_DB:-calltask_dialer_bench}
PORT=${BENCH_PORT:-18090}
WARMUP=${WARMUP:-10}
PG="psql -v ON_ERROR_STOP=1 -q -h 127.0.0.1 -U postgres"
KEY=ct_bench_dialer_0f1e2d3c4b5a69788796a5b4c3d2e1f0011223344
OUT=${BENCH_OUT:-bench/out}
mkdir -p "$OUT"
[ -f "$JAR" ] || mvn -q -DskipTests package

case "$MODE" in
  pacing)   DURATION=${DURATION:-60}; LINES=20; LINE_CPS=25; LINE_LIMIT=400; TASKS=1; TASK_CPS=500; TASK_MAX=10000; NUMBERS=$(( (DURATION + WARMUP + 10 + ${KILLS:-0} * 30) * 500 )) ;;
  # The leader's ceiling: pacing at CPS (default 2000) on 20 lines, calls of 5-10 s, in tasks of at
  # most 1000 cps each (the API's largest task cps).
  ceiling)  CPS=${CPS:-2000}; DURATION=${DURATION:-60}; LINES=20; LINE_CPS=$((CPS / 20)); LINE_LIMIT=$((CPS / 2)); TASKS=$(( (CPS + 999) / 1000 )); TASK_CPS=$((CPS / TASKS)); TASK_MAX=$(( TASK_CPS * 10 > 10000 ? 10000 : TASK_CPS * 10 )); NUMBERS=$(( (DURATION + WARMUP + 10) * TASK_CPS )) ;;
  fairness) DURATION=${DURATION:-90}; LINES=10; LINE_CPS=10; LINE_LIMIT=100; TASKS=100; TASK_CPS=10; TASK_MAX=100; NUMBERS=$(( (DURATION + WARMUP + 10) * 2 )) ;;
  *) echo "usage: $0 pacing|ceiling|fairness"; exit 2 ;;
esac

$PG -d test -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
SINK_PORT=${SINK_PORT:-18099}
NOTIFY_JSON=""
if [ -n "${NOTIFY_DELAY_MS:-}" ]; then
  NOTIFY_JSON=",\"call_notify_url\":\"http://127.0.0.1:$SINK_PORT/hook\",\"call_notify_type\":2"
fi
TRANSFER_ENV=()
if [ -n "${SEATS:-}" ]; then
  TRANSFER_ENV=(CALLTASK_DIALER_SIMULATED_TRANSFER_RATE=${TRANSFER_RATE:-0.3} CALLTASK_DIALER_SIMULATED_TRANSFER_AFTER_MS=2000
    CALLTASK_DIALER_SIMULATED_SEAT_RING_MS=500 CALLTASK_DIALER_SIMULATED_SEAT_TALK_MS=${SEAT_TALK_MS:-600}
    CALLTASK_SEATS_HOLD_AUDIO=silence_stream://-1)
fi
start_service "$OUT/dialer-server.log" CALLTASK_DIALER_NODE_ID=bench CALLTASK_NOTIFY_ALLOW_PRIVATE=true "${TRANSFER_ENV[@]}" \
  CALLTASK_DIALER_SIMULATED_ANSWER_RATE=1.0 CALLTASK_DIALER_SIMULATED_BUSY_RATE=0 \
  CALLTASK_DIALER_SIMULATED_GATEWAY_ERROR_RATE=0 CALLTASK_DIALER_SIMULATED_RING_MS=0 \
  CALLTASK_DIALER_SIMULATED_TALK_MS=7500 CALLTASK_DIALER_SIMULATED_SEED=7

INSTANCES=${INSTANCES:-1}
CLUSTER_ENV=(CALLTASK_NOTIFY_ALLOW_PRIVATE=true CALLTASK_DIALER_SIMULATED_ANSWER_RATE=1.0
  CALLTASK_DIALER_SIMULATED_BUSY_RATE=0 CALLTASK_DIALER_SIMULATED_GATEWAY_ERROR_RATE=0
  CALLTASK_DIALER_SIMULATED_RING_MS=0 CALLTASK_DIALER_SIMULATED_TALK_MS=7500)
declare -A PIDS=()
PIDS[1]=$SERVER
for n in $(seq 2 "$INSTANCES"); do
  launch_service "$OUT/dialer-server-$n.log" $((PORT + n - 1)) "${CLUSTER_ENV[@]}"
  PIDS[$n]=$LAUNCHED
done
trap 'kill ${PIDS[*]} ${SINK:-} 2>/dev/null; wait 2>/dev/null || true' EXIT
role() { curl -fs -m 2 "http://127.0.0.1:$((PORT + $1 - 1))/actuator/health/dialer" | python3 -c 'import sys,json;print(json.load(sys.stdin)["details"]["role"])' 2>/dev/null || echo down; }
[ "$INSTANCES" -gt 1 ] && for n in $(seq 1 "$INSTANCES"); do echo "instance $n: $(role "$n")"; done

H="Authorization: Bearer $KEY"
API="http://127.0.0.1:$PORT/agent-api"
USER_ID=$(curl -fs -H "$H" -H 'Content-Type: application/json' -d '{"name":"bench"}' "$API/user" | python3 -c 'import sys,json;print(json.load(sys.stdin)["data"]["user_id"])')
# Contact policy (issue 25): POLICY='{"max_per_day":5,"window":{"begin":"00:00","end":"24:00"}}' puts it
# on the benchmark's user before its tasks start.
if [ -n "${POLICY:-}" ]; then
  curl -fs -o /dev/null -X PUT -H "$H" -H 'Content-Type: application/json' -d "$POLICY" "$API/new/user/$USER_ID/contact-policy"
  echo "contact policy: $POLICY"
fi
LINE_IDS=()
for i in $(seq 1 $LINES); do
  LINE_IDS+=("$(curl -fs -H "$H" -H 'Content-Type: application/json' \
    -d "{\"name\":\"line$i\",\"gateway\":\"gw$i\",\"node_id\":\"fs-1\",\"cps\":$LINE_CPS,\"limit\":$LINE_LIMIT}" \
    "$API/new/user/$USER_ID/line" | python3 -c 'import sys,json;print(json.load(sys.stdin)["data"]["line_id"])')")
done
LINES_JSON=$(printf '"%s",' "${LINE_IDS[@]}"); LINES_JSON="[${LINES_JSON%,}]"
# A task dials only with a 话术组 to send answered calls to.
GROUP=$(curl -fs -H "$H" -H 'Content-Type: application/json' -d '{"name":"bench"}' "$API/new/user/$USER_ID/group" \
  | python3 -c 'import sys,json;print(json.load(sys.stdin)["data"]["id"])')
BRIDGE_JSON=""
if [ -n "${SEATS:-}" ]; then
  SEAT_IDS=()
  for i in $(seq 1 "$SEATS"); do
    S=$(curl -fs -H "$H" -H 'Content-Type: application/json' -d "{\"name\":\"seat$i\",\"extension\":\"$((8000 + i))\",\"wrap_up_seconds\":0,\"max_no_answer\":100}" \
      "$API/new/user/$USER_ID/seat" | python3 -c 'import sys,json;print(json.load(sys.stdin)["data"]["seat_id"])')
    curl -fs -o /dev/null -X PUT -H "$H" -H 'Content-Type: application/json' -d '{"status":"idle"}' "$API/new/user/$USER_ID/seat/$S/status"
    SEAT_IDS+=("$S")
  done
  SEATS_JSON=$(printf '%s,' "${SEAT_IDS[@]}"); SEATS_JSON="[${SEATS_JSON%,}]"
  BRIDGE_GROUP=$(curl -fs -H "$H" -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench\",\"seat_ids\":$SEATS_JSON,\"ring_timeout_seconds\":20,\"max_wait_seconds\":30}" \
    "$API/new/user/$USER_ID/bridge-group" | python3 -c 'import sys,json;print(json.load(sys.stdin)["data"]["bridge_group_id"])')
  BRIDGE_JSON=",\"bridge_group_id\":$BRIDGE_GROUP"
fi
HOURS=$(python3 -c 'import json;print(json.dumps([{"wday":d,"begin":"00:00","end":"24:00"} for d in range(7)]))')
TASK_IDS=()
for i in $(seq 1 $TASKS); do
  # Created paused: numbers are loaded first, then every task starts at once.
  TASK_IDS+=("$(curl -fs -H "$H" -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench$i\",\"maximumcall\":$TASK_MAX,\"cps\":$TASK_CPS,\"line\":$LINES_JSON,\"destination_extension\":\"$GROUP\",\"work_week\":[0,1,2,3,4,5,6],\"work_hour\":$HOURS$NOTIFY_JSON$BRIDGE_JSON}" \
    "$API/new/user/$USER_ID/task" | python3 -c 'import sys,json;print(json.load(sys.stdin)["data"]["uuid"])')")
done
$PG -d $DB <<SQL
INSERT INTO task_number (task_id, user_id, phone, status, rnd, attempts, answered, created_at, updated_at)
SELECT t.id, t.user_id, '138' || lpad((t.id * 1000000 + g)::text, 10, '0'), 'pending', (random() * 2e9)::int, 0, FALSE, now(), now()
  FROM task t, generate_series(1, $NUMBERS) g WHERE t.user_id = '$USER_ID';
INSERT INTO task_runtime (task_id, user_id, call_status, number_count, cache_number_count, line_reserved, updated_at)
SELECT id, user_id, FALSE, $NUMBERS, 0, FALSE, now() FROM task WHERE user_id = '$USER_ID';
INSERT INTO task_number_total (task_id, total) SELECT id, $NUMBERS FROM task WHERE user_id = '$USER_ID';
ANALYZE task_number;
SQL
for t in "${TASK_IDS[@]}"; do
  curl -fs -o /dev/null -H "$H" -X POST "$API/new/user/$USER_ID/task/$t/start"
done
STARTED=$(date +%s)
start_sink() {
  java bench/WebhookSink.java "$SINK_PORT" "$NOTIFY_DELAY_MS" "$OUT/sink-count.txt" > "$OUT/sink.log" 2>&1 &
  SINK=$!
  trap 'kill ${PIDS[*]} $SINK 2>/dev/null; wait 2>/dev/null || true' EXIT
}
if [ -n "${NOTIFY_DELAY_MS:-}" ] && [ -z "${NOTIFY_DOWN_S:-}" ]; then start_sink; fi
echo "$MODE: $TASKS task(s), $LINES lines; warming up ${WARMUP}s, measuring ${DURATION}s${NOTIFY_DELAY_MS:+, webhooks to a receiver answering in ${NOTIFY_DELAY_MS} ms${NOTIFY_DOWN_S:+ (down for ${NOTIFY_DOWN_S}s)}}"
sleep "$WARMUP"
cpu() { awk '{print $14 + $15}' /proc/$SERVER/stat; }
oldest_due() { $PG -d $DB -Atc "SELECT COALESCE(EXTRACT(EPOCH FROM now() - MIN(next_attempt_at)), 0)::int FROM notify_event WHERE status = 'pending' AND next_attempt_at <= now()"; }
# THREADS=1: the service's CPU per thread group over the measured window (/proc, names without digits).
threads() { python3 -c "
import os, re, sys
for tid in os.listdir('/proc/$SERVER/task'):
    try:
        name = re.sub(r'[0-9]', '', open(f'/proc/$SERVER/task/{tid}/comm').read().strip())
        stat = open(f'/proc/$SERVER/task/{tid}/stat').read().rsplit(')', 1)[1].split()
        print(tid, name, int(stat[11]) + int(stat[12]), sep='\t')
    except OSError:
        pass"; }
[ -z "${THREADS:-}" ] || threads > "$OUT/threads-before.tsv"
T0=$(date +%s.%N); C0=$(cpu)
MAX_OLDEST=0
END=$(python3 -c "print(int($T0 + $DURATION))")
while [ "$(date +%s)" -lt "$END" ]; do
  sleep 5
  if [ -n "${NOTIFY_DELAY_MS:-}" ]; then
    if [ -n "${NOTIFY_DOWN_S:-}" ] && [ -z "${SINK:-}" ] && [ $(( $(date +%s) - STARTED )) -ge "$NOTIFY_DOWN_S" ]; then
      start_sink; SINK_UP=$(date +%s); echo "receiver up after $(( SINK_UP - STARTED ))s"
    fi
    O=$(oldest_due); [ "$O" -gt "$MAX_OLDEST" ] && MAX_OLDEST=$O
  fi
done
T1=$(date +%s.%N); C1=$(cpu)
[ -z "${THREADS:-}" ] || threads > "$OUT/threads-after.tsv"
if [ -n "${RESTART_DB:-}" ]; then
  before=""; for n in $(seq 1 "$INSTANCES"); do [ "$(role "$n")" = leader ] && before=$n; done
  RESTARTED_AT=$(date +%s.%N)
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main stop
  sleep "${RESTART_DB_DOWN_S:-0}"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  UP_AT=$(date +%s.%N)
  sleep 20
  after=""; for n in $(seq 1 "$INSTANCES"); do [ "$(role "$n")" = leader ] && after=$n; done
  NEXT=$($PG -d $DB -Atc "SELECT round((extract(epoch FROM min(start_at)) - $UP_AT)::numeric, 2) FROM call_record WHERE start_at > to_timestamp($UP_AT)")
  python3 -c "print(f'database stopped and started: down {$UP_AT - $RESTARTED_AT:.1f} s; first call paced {$NEXT} s after it was back; leader before: instance $before, after: instance $after')" | tee "$OUT/dialer-db-restart.txt"
fi
rm -f "$OUT/failover.txt"
if [ "${KILLS:-0}" -gt 0 ]; then
  for k in $(seq 1 "$KILLS"); do
    leader=""
    for n in $(seq 1 "$INSTANCES"); do [ "$(role "$n")" = leader ] && leader=$n; done
    [ -n "$leader" ] || { echo "no leader before kill $k"; exit 1; }
    KILLED_AT=$(date +%s.%N)
    kill -9 "${PIDS[$leader]}"; wait "${PIDS[$leader]}" 2>/dev/null || true
    for i in $(seq 1 600); do
      FIRST=$($PG -d $DB -Atc "SELECT extract(epoch FROM min(start_at)) FROM call_record WHERE start_at > to_timestamp($KILLED_AT)")
      [ -n "$FIRST" ] && break
      sleep 0.1
    done
    python3 -c "print(f'{$FIRST - $KILLED_AT:.2f}')" | tee -a "$OUT/failover.txt" | sed "s/^/kill $k of instance $leader: first originate of the next leader after (s) /"
    launch_service "$OUT/dialer-server-$leader.log" $((PORT + leader - 1)) "${CLUSTER_ENV[@]}"
    PIDS[$leader]=$LAUNCHED
    sleep 15
  done
fi
for t in "${TASK_IDS[@]}"; do
  curl -fs -o /dev/null -H "$H" -X POST "$API/new/user/$USER_ID/task/$t/pause"
done
if [ -s "$OUT/failover.txt" ]; then
  python3 -c "
import statistics,sys
v=sorted(float(x) for x in open('$OUT/failover.txt'))
print(f'failover over {len(v)} kills of the leader (lease timeout 10 s): median {statistics.median(v):.2f} s, worst {v[-1]:.2f} s, best {v[0]:.2f} s')" | tee "$OUT/dialer-failover.txt"
fi
TICKS=$(getconf CLK_TCK)
CORES=$(python3 -c "print(f'{($C1 - $C0) / $TICKS / ($T1 - $T0):.2f}')")
$PG -d $DB -c "\\copy (SELECT extract(epoch FROM start_at), extract(epoch FROM end_at), line_id, task_id FROM call_record) TO '$OUT/dialer-calls.csv' CSV"
$PG -d $DB -Atc "SELECT line_id || ',' || l.line_limit || ',' || l.cps FROM task_line tl JOIN line l ON l.id = tl.line_id GROUP BY 1" > "$OUT/dialer-lines.csv"
python3 bench/analyze-calls.py "$OUT/dialer-calls.csv" "$OUT/dialer-lines.csv" "$(python3 -c "print($T0 - 0)")" "$(python3 -c "print($T1)")" \
  "$TASK_CPS" "$TASK_MAX" "$MODE" | tee "$OUT/dialer-$MODE.txt"
echo "service CPU during the measured window: $CORES cores" | tee -a "$OUT/dialer-$MODE.txt"
if [ -n "${THREADS:-}" ]; then
  python3 - "$OUT/threads-before.tsv" "$OUT/threads-after.tsv" "$TICKS" "$(python3 -c "print($T1 - $T0)")" <<'PY' | tee -a "$OUT/dialer-$MODE.txt"
import collections, sys
def read(path):
    return {tid: (name.strip(), int(ticks)) for tid, name, ticks in (l.rstrip('\n').split('\t') for l in open(path))}
before, after = read(sys.argv[1]), read(sys.argv[2])
seconds = float(sys.argv[4]) * int(sys.argv[3])
# a thread that ended within the window is missing after: its ticks are lost (pools end idle ones only)
use = collections.Counter()
for tid, (name, ticks) in after.items():
    use[name] += (ticks - before.get(tid, (name, 0))[1]) / seconds
print('threads (cores): ' + ', '.join(f'{n} {c:.3f}' for n, c in sorted(use.items(), key=lambda x: -x[1]) if c >= 0.005))
PY
fi
if [ -n "${SEATS:-}" ]; then
  {
    $PG -d $DB -Atc "SELECT 'transfers: ' || string_agg(bridge_result || ' ' || n, ', ' ORDER BY bridge_result) FROM (SELECT bridge_result, count(*) n FROM call_record WHERE bridge_result <> 'none' GROUP BY 1) r"
    curl -fs "http://127.0.0.1:$PORT/actuator/prometheus" | python3 -c '
import sys
q = {}
for line in sys.stdin:
    if line.startswith("calltask_transfers_first_ring_seconds{") and "quantile" in line:
        q[line.split("quantile=\"")[1].split("\"")[0]] = float(line.rsplit(" ", 1)[1]) * 1000
print("ask to first seat rung: p50 %.1f ms, p99 %.1f ms (the last 2 minutes)" % (q.get("0.5", -1), q.get("0.99", -1)))'
    $PG -d $DB -Atc "SELECT 'bridged calls overlapping on one seat: ' || count(*) FROM call_record a JOIN call_record b ON a.bridge_seat_id = b.bridge_seat_id AND a.callid < b.callid AND a.bridge_start_at < b.end_at AND b.bridge_start_at < a.end_at WHERE a.bridge_result = 'bridged' AND b.bridge_result = 'bridged'"
  } | tee -a "$OUT/dialer-$MODE.txt"
fi
if [ -n "${NOTIFY_DELAY_MS:-}" ]; then
  [ -n "${SINK:-}" ] || { start_sink; SINK_UP=$(date +%s); }
  D0=$(date +%s)
  for i in $(seq 1 600); do
    # the calls still in progress after the pause end (and are notified) within their talk time
    P=$($PG -d $DB -Atc "SELECT (SELECT count(*) FROM notify_event WHERE status = 'pending') + (SELECT count(*) FROM call_record WHERE end_at IS NULL)")
    [ "$P" = 0 ] && break
    sleep 1
  done
  {
    echo "webhooks: oldest due event during the window: ${MAX_OLDEST}s (sampled every 5 s)"
    $PG -d $DB -Atc "SELECT 'events: ' || count(*) || ' stored, ' || count(*) FILTER (WHERE status = 'delivered') || ' delivered, ' || count(*) FILTER (WHERE status = 'pending') || ' pending, ' || count(*) FILTER (WHERE status = 'failed') || ' failed' FROM notify_event"
    echo "backlog drained $(( $(date +%s) - D0 ))s after the tasks were paused; receiver: $(cat "$OUT/sink-count.txt" 2>/dev/null) (requests, distinct ids)"
  } | tee -a "$OUT/dialer-$MODE.txt"
fi
echo "machine: $(nproc) cores, $(lscpu | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2}'), $(psql --version | head -1), $(java -version 2>&1 | head -1)" | tee -a "$OUT/dialer-$MODE.txt"
