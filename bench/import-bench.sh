#!/usr/bin/env bash
# The number import benchmark (issue 3): 1,000,000 numbers imported into one task by one CSV
# request (POST /agent-api/new/user/{user}/task/{task}/number, Content-Type: text/csv), against a
# fresh PostgreSQL database; then the same file again (every number a duplicate); then the number
# list of that task with wrk; then, with a call record per number written by SQL, the call list.
#
#   bench/import-bench.sh
#
# The phones are 13000000000, 13000000001, … in file order; PHONES=scattered spreads them
# (13000000000 + i * 7919 mod 10^8, all distinct) as in an unsorted customer list, so the indexes
# on (task_id, phone) and (user_id, phone) take them in random order, which costs the database more.
# Each import starts right after a CHECKPOINT (CHECKPOINT_FIRST=0 to skip), so a checkpoint owed
# to earlier work on the shared server does not land in the middle of it.
#
# Needs: a built jar (built here if missing: mvn -DskipTests package), curl, python3, wrk, the local
# PostgreSQL (trust auth). Env: ROWS (default 1000000), PHONES (sequential), CALLS (1; 0 skips the
# call list), EXPORT (1; 0 skips the CSV downloads of the numbers and the calls), BENCH_DB, BENCH_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

DB=${BENCH_DB:-calltask_import_bench}
PORT=${BENCH_PORT:-18081}
ROWS=${ROWS:-1000000}
PHONES=${PHONES:-sequential}
PG="psql -v ON_ERROR_STOP=1 -q -h 127.0.0.1 -U postgres"
KEY=ct_bench_import_7a1c9e2b4d6f80a1b3c5d7e9f1a2b3c4d5e6f708
OUT=bench/out
CSV=$OUT/numbers-$ROWS-$PHONES.csv
mkdir -p "$OUT"

[ -f target/calltask.jar ] || mvn -q -DskipTests package

$PG -d test -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"

start_service "$OUT/import-server.log"

H="Authorization: Bearer $KEY"
API="http://127.0.0.1:$PORT/agent-api"
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
USER_ID=$(curl -fs -H "$H" -H 'Content-Type: application/json' -d '{"name":"import bench"}' "$API/user" | json 'd["data"]["user_id"]')
TASK_ID=$(curl -fs -H "$H" -H 'Content-Type: application/json' -d '{"name":"import bench"}' \
  "$API/new/user/$USER_ID/task" | json 'd["data"]["uuid"]')

if [ ! -f "$CSV" ]; then
  echo "generating $CSV ..."
  awk -v n="$ROWS" -v order="$PHONES" 'BEGIN {
    print "phone,name,amount"
    for (i = 0; i < n; i++) {
      p = order == "sequential" ? i : (i * 7919) % 100000000
      printf "%.0f,客户%d,\"%d.%02d\"\n", 13000000000 + p, i, i % 5000, i % 100
    }
  }' > "$CSV"
fi
# three of its phones blacklisted, so the import also files numbers as filtered
BLACK=$(awk -F, -v n="$ROWS" 'NR == 2 || NR == int(n / 2) + 1 || NR == n + 1 { printf "%s\"%s\"", (c++ ? "," : ""), $1 }' "$CSV")
curl -fs -H "$H" -H 'Content-Type: application/json' -d "{\"phones\":[$BLACK]}" \
  "$API/new/user/$USER_ID/blacklist" > /dev/null
echo "CSV: $ROWS rows, $PHONES phones, $(du -h "$CSV" | cut -f1)"

cpu() { # CPU seconds the service has used so far
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' /proc/$SERVER/stat
}
checkpoints() {
  $PG -d $DB -Atc "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter"
}
wal() {
  $PG -d $DB -Atc "SELECT pg_current_wal_lsn()"
}
import() { # $1 = label
  [ "${CHECKPOINT_FIRST:-1}" = 1 ] && $PG -d $DB -c CHECKPOINT
  local before; before=$(cpu)
  local cp; cp=$(checkpoints)
  local lsn; lsn=$(wal)
  curl -s -o "$OUT/import-answer.json" -w '%{http_code} %{time_total}\n' -H "$H" -H 'Content-Type: text/csv' \
    --data-binary @"$CSV" "$API/new/user/$USER_ID/task/$TASK_ID/number" > "$OUT/import-timing.txt"
  read -r code seconds < "$OUT/import-timing.txt"
  printf '%-38s HTTP %s  %6.2f s  (service CPU %4.1f s, WAL %s, checkpoints %s)  %s\n' "$1" "$code" "$seconds" \
    "$(python3 -c "print($(cpu) - $before)")" \
    "$($PG -d $DB -Atc "SELECT pg_size_pretty(pg_current_wal_lsn() - '$lsn')")" "$(( $(checkpoints) - cp ))" \
    "$(json '{k: d["data"][k] for k in ("accepted", "duplicate", "invalid")}' < "$OUT/import-answer.json")"
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: rerun if it is high)"
import "import 1: $ROWS new numbers"
import "import 2: the same file (duplicates)"
echo "number_count (expect $ROWS - 3 blacklisted): $(curl -fs -H "$H" "$API/new/user/$USER_ID/task/$TASK_ID" | json 'd["data"]["new_task_extra"]["number_count"]')"

# Lists of that task (wrk, 4 connections, 10 s after 3 s of warm-up). The number list: unfiltered,
# its total read from the task's counter, and filtered by status, its total counted.
list_page() { # $1 = label, $2 = path and query under the task
  local url="$API/new/user/$USER_ID/task/$TASK_ID/$2"
  wrk -t2 -c4 -d3s -H "$H" "$url" > /dev/null
  wrk -t2 -c4 -d10s --latency -H "$H" "$url" > "$OUT/import-list.txt"
  printf '%-38s %9s req/s  p50 %8s  p99 %8s  total %s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' "$OUT/import-list.txt")" \
    "$(awk '$1 == "50%" {print $2}' "$OUT/import-list.txt")" "$(awk '$1 == "99%" {print $2}' "$OUT/import-list.txt")" \
    "$(curl -fs -H "$H" "$url" | json 'd["meta"]["total"]')"
}
list_page "number list, page 1" "number"
list_page "number list, page 1 of status=pending" "number?status=pending"

# The call list: one finished call per number of the task, written with SQL (one in four answered),
# and the task's totals (all calls, per outcome) added as the engine adds them; unfiltered, then
# filtered by outcome (both totals read from those counters), then by phone (counted by its index).
[ "${CALLS:-1}" = 1 ] && {
  start=$(date +%s)
  $PG -d $DB -v task="$TASK_ID" <<'SQL'
WITH t AS (SELECT id FROM task WHERE uuid = :'task'),
ins AS (
  INSERT INTO call_record (callid, task_id, number_id, phone, line_id, attempt, node_id, start_at, answer_at,
                           end_at, duration, billsec, bill_ms, hangup_cause, outcome, status)
  SELECT md5('bench-call-' || n.id)::uuid, n.task_id, n.id, n.phone, md5('bench-line')::uuid, 1, 'bench',
         now() - interval '1 day' + n.id * interval '10 ms',
         CASE WHEN n.id % 4 = 0 THEN now() - interval '1 day' + n.id * interval '10 ms' + interval '5 s' END,
         now() - interval '1 day' + n.id * interval '10 ms' + interval '30 s', 30,
         CASE WHEN n.id % 4 = 0 THEN 25 ELSE 0 END, CASE WHEN n.id % 4 = 0 THEN 25000 ELSE 0 END,
         CASE WHEN n.id % 4 = 0 THEN 'NORMAL_CLEARING' ELSE 'NO_ANSWER' END,
         CASE WHEN n.id % 4 = 0 THEN 'answered' ELSE 'no_answer' END, CASE WHEN n.id % 4 = 0 THEN 1 ELSE 4 END
  FROM task_number n WHERE n.task_id = (SELECT id FROM t)
  RETURNING task_id, outcome),
totals AS (
  INSERT INTO call_record_total (task_id, total) SELECT task_id, count(*) FROM ins GROUP BY task_id
  ON CONFLICT (task_id) DO UPDATE SET total = call_record_total.total + EXCLUDED.total)
INSERT INTO call_outcome_total (task_id, outcome, total) SELECT task_id, outcome, count(*) FROM ins
GROUP BY task_id, outcome
ON CONFLICT (task_id, outcome) DO UPDATE SET total = call_outcome_total.total + EXCLUDED.total;
SQL
  $PG -d $DB -c "VACUUM ANALYZE call_record"
  echo "call records written with SQL: $(( $(date +%s) - start )) s"
  list_page "call list, page 1" "call"
  list_page "call list, page 1 of outcome=answered" "call?outcome=answered"
  list_page "call list, page 1 of one phone" "call?phone=13000500000"
}

# CSV downloads (?format=csv) of every number (with its two variables) and every call of the task:
# time, size, rows, and the service's heap while it streams (jstat every 200 ms). The young
# generation fills and empties whatever the download's size; the old generation's peak tells
# whether anything was kept, and it should stay where it was.
export_csv() { # $1 = label, $2 = path and query under the task
  local url="$API/new/user/$USER_ID/task/$TASK_ID/$2"
  jstat -gc "$SERVER" 200 > "$OUT/export-jstat.txt" &
  local sampler=$!
  curl -s -o "$OUT/export.csv" -w '%{http_code} %{time_total} %{size_download}\n' -H "$H" "$url" > "$OUT/export-timing.txt"
  sleep 0.5; kill "$sampler"; wait "$sampler" 2>/dev/null || true
  read -r code seconds bytes < "$OUT/export-timing.txt"
  printf '%-38s HTTP %s  %6.2f s  %4d MiB  %s rows  old generation %s MiB\n' "$1" "$code" "$seconds" \
    "$(( bytes / 1048576 ))" "$(( $(wc -l < "$OUT/export.csv") - 1 ))" \
    "$(awk 'NR == 2 {first = $8} NR > 1 && $8 > peak {peak = $8} END {printf "%.0f before, peak %.0f", first / 1024, peak / 1024}' "$OUT/export-jstat.txt")"
}
[ "${EXPORT:-1}" = 1 ] && {
  export_csv "numbers as CSV" "number?format=csv"
  [ "${CALLS:-1}" = 1 ] && export_csv "calls as CSV" "call?format=csv"
}
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(lscpu | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2}'), $(psql --version | head -1), $(java -version 2>&1 | head -1)"
