#!/usr/bin/env bash
# The console in headless Chromium (Debian's chromium and chromium-driver) against the service on
# PostgreSQL database $DB (fresh): the task page with 1,000 tasks loaded from scratch ten times
# (navigation to rows shown), then the service's CPU per live refresh of 15 rows
# (io.calltask.console.ConsoleBench).
#
#   bench/console-bench.sh [SECONDS=60]
#   MVN_FLAGS=-o bench/console-bench.sh    # Maven offline
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
DB=${BENCH_DB:-calltask_console_bench}
PORT=${BENCH_PORT:-18090}
KEY=ct_bench_console_0000000000000000000000000000000001
OUT=bench/out
mkdir -p "$OUT"
CP=$(bench/test-classpath.sh)
[ -f "$JAR" ] || mvn -q ${MVN_FLAGS:-} -DskipTests package
psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
start_service "$OUT/console-server.log"
java -Xmx256m -cp "$CP" io.calltask.console.ConsoleBench "$PORT" "$KEY" "$SERVER" "${1:-60}" 2>&1 \
  | grep -v "CdpVersionFinder\|Unable to find CDP" | tee "$OUT/console-bench.txt"
