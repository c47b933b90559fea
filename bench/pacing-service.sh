#!/usr/bin/env bash
# Dialing paced by seats on the running service (issue 24): the simulated gateway in real time, two
# tasks side by side, each with a bridge group of SEATS signed-in seats (wrap-up 0) and direct_bridge
# (every answered call goes to a seat at once): one `predictive`, one progressive (`ratio` 1).
# Callees: 30 % answer after ~1.5 s (uniform 1-2 s), the rest ring out at 4.5 s; seats answer at once
# and talk SEAT_TALK_MS (default 4000, uniform 2/3..4/3 of it). A customer no seat takes within 2 s is
# let go (max_wait_seconds 2) and is abandoned, as is one bridged after more than 2 s
# (calltask.pacing.abandon-seconds). After WARMUP s, DURATION s are measured; from the call records
# alone: seat occupancy (bridged seconds in the window / seats x window), abandon rate (asked and not
# bridged within 2 s / asked), calls placed.
#
#   bench/pacing-service.sh                        # 10 seats each, 4 s talk, 60 s warm-up, 300 s
#   SEAT_TALK_MS=60000 DURATION=900 bench/pacing-service.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
DB=${BENCH_DB:-calltask_pacing_bench}
PORT=${BENCH_PORT:-18290}
SEATS=${SEATS:-10}
WARMUP=${WARMUP:-60}
DURATION=${DURATION:-300}
PG="psql -v ON_ERROR_STOP=1 -q -h 127.0.0.1 -U postgres"
KEY=ct_bench_pacing_0f1e2d3c4b5a69788796a5b4c3d2e1f0011223344
OUT=${BENCH_OUT:-bench/out}
mkdir -p "$OUT"
[ -f "$JAR" ] || mvn -q -DskipTests package
$PG -d test -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
start_service "$OUT/pacing-server.log" CALLTASK_DIALER_NODE_ID=pacing \
  CALLTASK_DIALER_SIMULATED_ANSWER_RATE=0.3 CALLTASK_DIALER_SIMULATED_BUSY_RATE=0 \
  CALLTASK_DIALER_SIMULATED_GATEWAY_ERROR_RATE=0 CALLTASK_DIALER_SIMULATED_RING_MS=1500 \
  CALLTASK_DIALER_SIMULATED_SEAT_RING_MS=0 CALLTASK_DIALER_SIMULATED_SEAT_TALK_MS="${SEAT_TALK_MS:-4000}" \
  CALLTASK_SEATS_HOLD_AUDIO=silence_stream://-1
H="Authorization: Bearer $KEY"
API="http://127.0.0.1:$PORT/agent-api"
json() { python3 -c "import sys,json;print(json.load(sys.stdin)$1)"; }
post() { curl -fs -H "$H" -H 'Content-Type: application/json' -d "$2" "$API$1"; }
USER_ID=$(post /user '{"name":"pacing"}' | json '["data"]["user_id"]')
U="/new/user/$USER_ID"
LINE=$(post "$U/line" '{"name":"line","gateway":"gw","node_id":"fs-1","cps":50,"limit":500}' | json '["data"]["line_id"]')
BOT=$(post "$U/group" '{"name":"bot"}' | json '["data"]["id"]')
HOURS=$(python3 -c 'import json;print(json.dumps([{"wday":d,"begin":"00:00","end":"24:00"} for d in range(7)]))')
TASKS=()
for mode in predictive ratio; do
  IDS=()
  for i in $(seq 1 "$SEATS"); do
    S=$(post "$U/seat" "{\"name\":\"$mode$i\",\"extension\":\"$([ $mode = ratio ] && echo 7 || echo 8)$(printf %03d "$i")\",\"wrap_up_seconds\":0,\"max_no_answer\":100}" | json '["data"]["seat_id"]')
    curl -fs -o /dev/null -X PUT -H "$H" -H 'Content-Type: application/json' -d '{"status":"idle"}' "$API$U/seat/$S/status"
    IDS+=("$S")
  done
  SEAT_IDS=$(printf '%s,' "${IDS[@]}"); SEAT_IDS="[${SEAT_IDS%,}]"
  G=$(post "$U/bridge-group" "{\"name\":\"$mode\",\"seat_ids\":$SEAT_IDS,\"max_wait_seconds\":2}" | json '["data"]["bridge_group_id"]')
  MODE_JSON=$([ $mode = ratio ] && echo '"dial_mode":"ratio","bridge_proportion":1' || echo '"dial_mode":"predictive"')
  TASKS+=("$(post "$U/task" "{\"name\":\"$mode\",\"enable\":false,\"maximumcall\":200,\"cps\":20,\"line\":[\"$LINE\"],\"destination_extension\":\"$BOT\",\"bridge_group_id\":$G,\"direct_bridge\":1,$MODE_JSON,\"_originate_timeout\":30,\"work_week\":[0,1,2,3,4,5,6],\"work_hour\":$HOURS}" | json '["data"]["uuid"]')")
done
NUMBERS=$(( (WARMUP + DURATION + 60) * 20 ))
$PG -d $DB <<SQL
INSERT INTO task_number (task_id, user_id, phone, status, rnd, attempts, answered, created_at, updated_at)
SELECT t.id, t.user_id, '139' || lpad((t.id * 1000000 + g)::text, 8, '0'), 'pending', (random() * 2e9)::int, 0, FALSE, now(), now()
  FROM task t, generate_series(1, $NUMBERS) g WHERE t.user_id = '$USER_ID';
INSERT INTO task_runtime (task_id, user_id, call_status, number_count, cache_number_count, line_reserved, updated_at)
SELECT id, user_id, FALSE, $NUMBERS, 0, FALSE, now() FROM task WHERE user_id = '$USER_ID';
INSERT INTO task_number_total (task_id, total) SELECT id, $NUMBERS FROM task WHERE user_id = '$USER_ID';
ANALYZE task_number;
SQL
for t in "${TASKS[@]}"; do curl -fs -o /dev/null -H "$H" -X POST "$API$U/task/$t/start"; done
echo "predictive and ratio 1 side by side: $SEATS seats each, seat talk ${SEAT_TALK_MS:-4000} ms; warming up ${WARMUP}s, measuring ${DURATION}s"
sleep "$WARMUP"
T0=$(date +%s.%N)
sleep "$DURATION"
T1=$(date +%s.%N)
for t in "${TASKS[@]}"; do curl -fs -o /dev/null -H "$H" -X POST "$API$U/task/$t/pause"; done
sleep 5
$PG -d $DB -Atc "
WITH w AS (SELECT to_timestamp($T0) t0, to_timestamp($T1) t1),
r AS (SELECT t.name, c.* FROM call_record c JOIN task t ON t.id = c.task_id, w WHERE c.start_at >= w.t0 - interval '60 seconds')
SELECT name || ': occupancy ' || round((SUM(CASE WHEN bridge_result = 'bridged' THEN extract(epoch FROM least(end_at, (SELECT t1 FROM w)) - greatest(bridge_start_at, (SELECT t0 FROM w))) ELSE 0 END)
         FILTER (WHERE bridge_result = 'bridged' AND end_at > (SELECT t0 FROM w) AND bridge_start_at < (SELECT t1 FROM w))
         / ($SEATS * extract(epoch FROM (SELECT t1 - t0 FROM w))))::numeric, 3)
  || ', abandoned ' || round((100.0 * count(*) FILTER (WHERE bridge_result <> 'none' AND (bridge_result <> 'bridged' OR bridge_wait_ms > 2000) AND start_at >= (SELECT t0 FROM w) AND start_at < (SELECT t1 FROM w))
         / greatest(1, count(*) FILTER (WHERE bridge_result <> 'none' AND start_at >= (SELECT t0 FROM w) AND start_at < (SELECT t1 FROM w))))::numeric, 2) || ' %'
  || ' of ' || count(*) FILTER (WHERE bridge_result <> 'none' AND start_at >= (SELECT t0 FROM w) AND start_at < (SELECT t1 FROM w)) || ' answered'
  || ', calls placed ' || count(*) FILTER (WHERE start_at >= (SELECT t0 FROM w) AND start_at < (SELECT t1 FROM w))
FROM r GROUP BY name ORDER BY name" | tee "$OUT/pacing-service.txt"
curl -fs -H "$H" "$API$U/task?per_page=10" | python3 -c '
import sys,json
for t in json.load(sys.stdin)["data"]: print(t["name"], "pacing:", json.dumps(t["pacing"]))' | tee -a "$OUT/pacing-service.txt"
echo "machine: $(nproc) cores, $(lscpu | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2}')" | tee -a "$OUT/pacing-service.txt"
