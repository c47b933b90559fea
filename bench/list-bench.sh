#!/usr/bin/env bash
# The task list benchmark (issue 2): 1,000,000 tasks over 10,000 users in PostgreSQL, one user
# owning 100,000; wrk drives GET /agent-api/new/user/{user}/task for four cases, and pgbench runs
# the same SQL the service runs for each case (prepared, as the JDBC driver runs it, with the user
# id and the name pattern bound as parameters, inside the same read-only REPEATABLE READ transaction
# the service opens; PGBENCH_TX=0 leaves the transaction statements out), in the same run, as the
# database's own limit.
#
#   bench/list-bench.sh            # load (first time) and measure
#   bench/list-bench.sh --reload   # drop the bench database and load again
#
# Needs: a built jar (mvn -DskipTests package), wrk and pgbench (Debian: wrk, postgresql-client),
# the local PostgreSQL (trust auth). Env: DURATION (default 10s) of each of ROUNDS (3) rounds of
# wrk then pgbench per case, CONNECTIONS (4), THREADS (2).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

list_settings
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
PG="psql -v ON_ERROR_STOP=1 -q -h 127.0.0.1 -U postgres"
mkdir -p "$OUT"
rm -f "$OUT/rounds.txt"

[ -f "$JAR" ] || mvn -q -DskipTests package

fresh=0
if [ "${1:-}" = "--reload" ] || ! $PG -d test -Atc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  $PG -d test -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  fresh=1
fi

start_service "$OUT/server.log"

if [ $fresh = 1 ]; then
  AGENT=$($PG -d $DB -Atc "SELECT agent_id FROM agent_key WHERE key_hash = '$(printf '%s' $KEY | sha256sum | cut -c1-64)'")
  echo "loading 1,000,000 tasks (agent $AGENT) ..."
  time $PG -d $DB -v agent="$AGENT" -f bench/load-tasks.sql
fi

GROUP=$($PG -d $DB -Atc "SELECT id FROM bot_group WHERE user_id = '$USER_ID'")
LINE=$($PG -d $DB -Atc "SELECT id FROM line WHERE user_id = '$USER_ID'")
BASE="http://127.0.0.1:$PORT/agent-api/new/user/$USER_ID/task"

# The SQL one request of each case runs (TaskListQuery, TaskRepository.linesAndStats, Lines.byIds,
# Catalog.groups), with the values of the page it returns.
ORDER="ORDER BY t.is_top DESC, t.sort DESC, t.id DESC"
RUNTIME="r.call_status, r.number_count, r.cache_number_count, r.line_reserved"
page_ids() { # $1 = WHERE extra, $2 = offset
  $PG -d $DB -Atc "SELECT string_agg(id::text, ',') FROM (SELECT t.id FROM task t WHERE t.user_id = '$USER_ID' AND t.deleted_at IS NULL $1 $ORDER LIMIT 15 OFFSET $2) p"
}
extras() { # $1 = page ids: the page's lines and statistics, the line, the group
  cat <<SQL
SELECT task_id, line_id, line_limit, position, FALSE AS is_stats, 0 AS call_status, CAST(0 AS BIGINT) AS dialed, CAST(0 AS BIGINT) AS answered, CAST(0 AS BIGINT) AS gateway_errors, CAST(0 AS BIGINT) AS normal_hangups, CAST(0 AS BIGINT) AS bill, 0 AS calling, 0 AS answering FROM task_line WHERE task_id IN ($1) UNION ALL SELECT task_id, line_id, CAST(NULL AS INTEGER), 0, TRUE, call_status, dialed_number_total, answer_total, gateway_error_hangup_total, normal_hangup_total, bill, calling_count, answering_count FROM task_line_stats WHERE task_id IN ($1) ORDER BY 1, 5, 4;
SELECT * FROM line WHERE id IN ('$LINE');
SELECT * FROM bot_group WHERE id IN ($GROUP);
SQL
}
# The service's transaction: BEGIN READ ONLY (sent by the driver with the first query), then SET
# TRANSACTION ISOLATION LEVEL REPEATABLE READ (sent with it too), …, COMMIT. pgbench's prepared
# mode takes one statement per command, so BEGIN carries both.
begin() { [ "${PGBENCH_TX:-1}" = 0 ] || echo "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;"; }
commit() { [ "${PGBENCH_TX:-1}" = 0 ] || echo "COMMIT;"; }
# The name pattern as the service binds it: a parameter (pgbench -D pat=…), not a literal.
bound() { printf '%s' "${1//"'%双十一%'"/:pat}"; }
counted_script() { # $1 = file, $2 = WHERE extra, $3 = local offset, $4 = anchor predicate or empty, $5 = real offset
  { begin
    echo "SELECT live, enabled, version FROM task_count WHERE user_id = :uid;"
    echo "SELECT t.*, $RUNTIME FROM (SELECT t.id, t.is_top, t.sort FROM task t WHERE t.user_id = :uid AND t.deleted_at IS NULL $(bound "$2") $4 $ORDER LIMIT 15 OFFSET $3) p JOIN task t ON t.id = p.id LEFT JOIN task_runtime r ON r.task_id = t.id ORDER BY p.is_top DESC, p.sort DESC, p.id DESC;"
    extras "$(page_ids "$2" "$5")"; commit; } > "$1"
}
scanned_script() { # $1 = file, $2 = WHERE extra: a repeated search, its total known for the list's version
  { begin
    echo "SELECT live, enabled, version FROM task_count WHERE user_id = :uid;"
    echo "SELECT t.*, $RUNTIME FROM (SELECT t.id, t.is_top, t.sort FROM task t WHERE t.user_id = :uid AND t.deleted_at IS NULL $(bound "$2") $ORDER LIMIT 15 OFFSET 0) p JOIN task t ON t.id = p.id LEFT JOIN task_runtime r ON r.task_id = t.id ORDER BY p.is_top DESC, p.sort DESC, p.id DESC;"
    extras "$(page_ids "$2" 0)"; commit; } > "$1"
}
NAME_WHERE="AND t.name LIKE '%双十一%' ESCAPE '\\'"
# Page 3000 (offset 44985) starts from the anchor at position 44000: the row there, then 985 more.
ANCHOR=$($PG -d $DB -Atc "SELECT is_top || ', ' || sort || ', ' || id FROM task t WHERE t.user_id = '$USER_ID' AND t.deleted_at IS NULL $ORDER LIMIT 1 OFFSET 43999")

list_cases "$BASE"
counted_script "$OUT/page1.sql" "" 0 "" 0
counted_script "$OUT/status3.sql" "AND t.enable" 0 "" 0
counted_script "$OUT/deep.sql" "" 985 "AND (t.is_top, t.sort, t.id) < ($ANCHOR)" 44985
scanned_script "$OUT/name.sql" "$NAME_WHERE"

echo "name matches: $($PG -d $DB -Atc "SELECT count(*) FROM task t WHERE t.user_id = '$USER_ID' AND t.deleted_at IS NULL $NAME_WHERE") of the user's $($PG -d $DB -Atc "SELECT live FROM task_count WHERE user_id = '$USER_ID'") tasks"

list_warm_up 4

# Each case alternates wrk and pgbench for ROUNDS rounds, so both sides see the same moments of a
# noisy machine; the summary gives the medians and the ratio of each round's pair, median taken.
printf '\n%-8s %10s %9s %9s %9s %12s %8s\n' case "wrk req/s" "p50 ms" "p99 ms" "errors" "pgbench tps" ratio | tee "$OUT/summary.txt"
ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000} print v}'; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
for c in page1 status3 deep name; do
  curl -fs -H "Authorization: Bearer $KEY" "${URL[$c]}" | python3 -c 'import sys,json;d=json.load(sys.stdin);assert d["code"]==200 and len(d["data"])>0, d["meta"]'
  rpss=""; p50s=""; p99s=""; tpss=""; ratios=""; errs=""
  for r in $(seq 1 "$ROUNDS"); do
    wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -H "Authorization: Bearer $KEY" "${URL[$c]}" > "$OUT/wrk-$c-$r.txt"
    pgbench -n -M prepared -h 127.0.0.1 -U postgres -c $CONNECTIONS -j $THREADS -T ${DURATION%s} \
      -D uid="$USER_ID" -D pat="%双十一%" -f "$OUT/$c.sql" $DB > "$OUT/pgbench-$c-$r.txt" 2>&1
    rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-$c-$r.txt")
    tps=$(awk '/^tps/ {print $3; exit}' "$OUT/pgbench-$c-$r.txt")
    rpss="$rpss $rps"; tpss="$tpss $tps"; ratios="$ratios $(python3 -c "print($rps/$tps)")"
    p50s="$p50s $(awk '$1=="50%" {print $2}' "$OUT/wrk-$c-$r.txt" | ms)"
    p99s="$p99s $(awk '$1=="99%" {print $2}' "$OUT/wrk-$c-$r.txt" | ms)"
    errs="$errs$(awk '/Non-2xx|Socket errors/ {print $0}' "$OUT/wrk-$c-$r.txt" | tr '\n' ' ')"
    echo "  $c round $r: wrk $rps req/s (p99 $(awk '$1=="99%" {print $2}' "$OUT/wrk-$c-$r.txt")), pgbench $tps tps" >> "$OUT/rounds.txt"
  done
  printf '%-8s %10.2f %7.2fms %7.2fms %9s %12.2f %8.2f\n' "$c" "$(echo $rpss | median)" "$(echo $p50s | median)" \
    "$(echo $p99s | median)" "${errs:-0}" "$(echo $tpss | median)" "$(echo $ratios | median)" | tee -a "$OUT/summary.txt"
done
echo "(medians of $ROUNDS rounds of $DURATION each; every round: $OUT/rounds.txt)"
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(lscpu | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2}'), $(psql --version | head -1), $(java -version 2>&1 | head -1)"
