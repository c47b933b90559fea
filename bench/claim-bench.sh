#!/usr/bin/env bash
# Claiming at scale (issue 3): does claiming slow down when PostgreSQL holds 10 million pending
# numbers? Loads numbers into database calltask_claim_bench (schema by the service's own Flyway
# migrations), then runs the engine's claiming select with pgbench: the next 200 due numbers of a
# task in import order (and in random order, pop_mode 0), FOR UPDATE SKIP LOCKED, rolled back so
# every run sees the same queue. Measured first with 10,000
# pending numbers, then with 10,000,000 (one task of 1,000,000 among 100 tasks of 90,000 each).
#
#   bench/claim-bench.sh        # DURATION (s, default 15), CLIENTS (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=calltask_claim_bench
PG="psql -v ON_ERROR_STOP=1 -q -h 127.0.0.1 -U postgres"
DURATION=${DURATION:-15}
CLIENTS=${CLIENTS:-2}
OUT=bench/out
mkdir -p "$OUT"
[ -f target/calltask.jar ] || mvn -q -DskipTests package

$PG -d test -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
# The schema: start the service once on the database (Flyway), then stop it.
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
SPRING_DATASOURCE_PASSWORD= SERVER_PORT=0 LOGGING_LEVEL_ROOT=WARN CALLTASK_DIALER_AUTO_RUN=false \
  java -jar target/calltask.jar > "$OUT/claim-server.log" 2>&1 &
SERVER=$!
for i in $(seq 1 120); do
  $PG -d $DB -Atc "SELECT 1 FROM dialer_node LIMIT 1" >/dev/null 2>&1 && break
  kill -0 $SERVER 2>/dev/null || { cat "$OUT/claim-server.log"; exit 1; }
  sleep 1
done
kill $SERVER; wait $SERVER 2>/dev/null || true

load() { # $1 = task id, $2 = first, $3 = last
  $PG -d $DB -c "INSERT INTO task_number (task_id, user_id, phone, status, rnd, attempts, answered, created_at, updated_at)
    SELECT $1, '00000000-0000-0000-0000-000000000001', '1' || lpad(($1::bigint * 100000000 + g)::text, 12, '0'), 'pending',
           (random() * 2e9)::int, 0, FALSE, now(), now() FROM generate_series($2, $3) g"
}
$PG -d $DB <<'SQL'
INSERT INTO agent (id, name, created_at) VALUES ('00000000-0000-0000-0000-000000000001', 'bench', now());
INSERT INTO app_user (id, agent_id, name, created_at) VALUES ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001', 'bench', now());
INSERT INTO task (uuid, user_id, name, enable, maximumcall, cps, destination_dialplan, destination_context, dial_format, sort,
  originate_variables, originate_timeout, origination_caller_id_number, call_notify_type, call_pause_second, call_notify_fail_stop,
  is_test, is_top, empty_seat_stop, task_type, line_callee, bridge_maximumcall, bridge_proportion, direct_bridge, direct_bridge_echo,
  enable_type, is_group_switch, is_call_in, work_week, work_hour, remote_work_hour, holiday, pop_mode, created_at, updated_at)
SELECT gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 'bench' || g, TRUE, 100, 100, 'XML', 'default', '', g,
  '', 60, '', 2, 0, 0, FALSE, 0, 0, 6, '', 0, 0, 0, 0, 0, 0, 0, '[]', '[]', '[]', '[]', 1, now(), now()
FROM generate_series(1, 101) g;
SQL
claim_sql() { # $1 = order: the engine's claiming select (NumberClaims); marking the 200 rows by id
  # afterwards costs the same at any table size, and rolling back a mark would leave dead rows.
  cat <<SQL
BEGIN;
SELECT id, phone, attempts, variables FROM task_number WHERE task_id = 1 AND status = 'pending' AND attempts = 0
 ORDER BY $1 LIMIT 200 FOR UPDATE SKIP LOCKED;
ROLLBACK;
SQL
}
claim_sql id > "$OUT/claim-order.sql"
claim_sql rnd > "$OUT/claim-random.sql"
run() { # $1 = label
  for f in order random; do
    pgbench -n -h 127.0.0.1 -U postgres -c $CLIENTS -j $CLIENTS -T $DURATION -f "$OUT/claim-$f.sql" $DB > "$OUT/claim-$1-$f.txt" 2>&1
    printf '%-22s %-7s %10s claims/s  %8s ms average\n' "$1" "$f" \
      "$(awk '/^tps/ {print $3; exit}' "$OUT/claim-$1-$f.txt")" "$(awk '/latency average/ {print $4}' "$OUT/claim-$1-$f.txt")" | tee -a "$OUT/claim-summary.txt"
  done
}
: > "$OUT/claim-summary.txt"
load 1 1 10000
$PG -d $DB -c "ANALYZE task_number"
run "10 thousand pending"
echo "loading 9,990,000 more pending numbers ..."
time load 1 10001 1000000 >/dev/null
for t in $(seq 2 101); do load $t 1 90000 >/dev/null; done
$PG -d $DB -c "VACUUM ANALYZE task_number"
echo "pending numbers: $($PG -d $DB -Atc "SELECT count(*) FROM task_number WHERE status = 'pending'")"
run "10 million pending"
echo "machine: $(nproc) cores, $(lscpu | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2}'), $(psql --version | head -1)" | tee -a "$OUT/claim-summary.txt"
