#!/usr/bin/env bash
# The number import benchmark (issue 3): 1,000,000 numbers imported into one task by one CSV
# request (POST /agent-api/new/user/{user}/task/{task}/number, Content-Type: text/csv), against a
# fresh PostgreSQL database; then the same file again (every number a duplicate).
#
#   bench/import-bench.sh
#
# Needs: a built jar (built here if missing: mvn -DskipTests package), curl, python3, the local
# PostgreSQL (trust auth). Env: ROWS (default 1000000), BENCH_DB, BENCH_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${BENCH_DB:-calltask_import_bench}
PORT=${BENCH_PORT:-18081}
ROWS=${ROWS:-1000000}
PG="psql -v ON_ERROR_STOP=1 -q -h 127.0.0.1 -U postgres"
KEY=ct_bench_import_7a1c9e2b4d6f80a1b3c5d7e9f1a2b3c4d5e6f708
OUT=bench/out
CSV=$OUT/numbers-$ROWS.csv
mkdir -p "$OUT"

[ -f target/calltask.jar ] || mvn -q -DskipTests package

$PG -d test -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"

SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
SPRING_DATASOURCE_PASSWORD= AGENT_API_KEY=$KEY CALLTASK_API_RATE_LIMIT_REQUESTS_PER_SECOND=0 \
SERVER_PORT=$PORT LOGGING_LEVEL_ROOT=WARN \
  java -Xms512m -Xmx512m -XX:+UseParallelGC -jar target/calltask.jar > "$OUT/import-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for i in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break
  kill -0 $SERVER 2>/dev/null || { cat "$OUT/import-server.log"; exit 1; }
  [ "$i" = 120 ] && { echo "service did not start"; exit 1; }
  sleep 1
done

H="Authorization: Bearer $KEY"
API="http://127.0.0.1:$PORT/agent-api"
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
USER_ID=$(curl -fs -H "$H" -H 'Content-Type: application/json' -d '{"name":"import bench"}' "$API/user" | json 'd["data"]["user_id"]')
TASK_ID=$(curl -fs -H "$H" -H 'Content-Type: application/json' -d '{"name":"import bench"}' \
  "$API/new/user/$USER_ID/task" | json 'd["data"]["uuid"]')
# a few blacklisted phones, so the import also files some numbers as filtered
curl -fs -H "$H" -H 'Content-Type: application/json' \
  -d '{"phones":["13000000007","13000500000","13000999999"]}' "$API/new/user/$USER_ID/blacklist" > /dev/null

if [ ! -f "$CSV" ]; then
  echo "generating $CSV ..."
  awk -v n="$ROWS" 'BEGIN { print "phone,name,amount"; for (i = 0; i < n; i++) printf "%d,客户%d,\"%d.%02d\"\n", 13000000000 + i, i, i % 5000, i % 100 }' > "$CSV"
fi
echo "CSV: $ROWS rows, $(du -h "$CSV" | cut -f1)"

cpu() { # CPU seconds the service has used so far
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' /proc/$SERVER/stat
}
import() { # $1 = label
  local before; before=$(cpu)
  curl -s -o "$OUT/import-answer.json" -w '%{http_code} %{time_total}\n' -H "$H" -H 'Content-Type: text/csv' \
    --data-binary @"$CSV" "$API/new/user/$USER_ID/task/$TASK_ID/number" > "$OUT/import-timing.txt"
  read -r code seconds < "$OUT/import-timing.txt"
  printf '%-38s HTTP %s  %6.2f s  (service CPU %5.1f s)  %s\n' "$1" "$code" "$seconds" \
    "$(python3 -c "print($(cpu) - $before)")" \
    "$(json '{k: d["data"][k] for k in ("accepted", "duplicate", "invalid")}' < "$OUT/import-answer.json")"
}
import "import 1: $ROWS new numbers"
import "import 2: the same file (duplicates)"
echo "number_count: $(curl -fs -H "$H" "$API/new/user/$USER_ID/task/$TASK_ID" | json 'd["data"]["new_task_extra"]["number_count"]')"
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(lscpu | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2}'), $(psql --version | head -1), $(java -version 2>&1 | head -1)"
