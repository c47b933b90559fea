# Shared by the service benchmarks: source it, set DB, PORT, KEY and OUT, then
#   start_service LOG [VAR=value ...]
# starts $JAR (default target/calltask.jar; bench/compare.sh sets another build) on PostgreSQL database $DB (512 MiB heap, ParallelGC, rate limit off)
# (SERVICE_JAVA_OPTS: more JVM options, e.g. a flight recording to profile)
# with the extra environment given, waits for its health endpoint (at most 120 s), sets SERVER to
# its pid and stops it when the script exits.
JAR=${JAR:-target/calltask.jar}
start_service() {
  : > "$1"
  launch_service "$1" "$PORT" "${@:2}"
  SERVER=$LAUNCHED
  trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
}

# launch_service LOG PORT [VAR=value ...]: one more instance on $DB, listening on PORT; sets LAUNCHED
# to its pid once its health endpoint answers (at most 120 s). The caller stops it.
launch_service() {
  local log=$1 port=$2
  shift 2
  env SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
    SPRING_DATASOURCE_PASSWORD= AGENT_API_KEY="$KEY" CALLTASK_API_RATE_LIMIT_REQUESTS_PER_SECOND=0 \
    SERVER_PORT="$port" LOGGING_LEVEL_ROOT=WARN "$@" \
    java -Xms512m -Xmx512m -XX:+UseParallelGC ${SERVICE_JAVA_OPTS:-} -jar "$JAR" >> "$log" 2>&1 &
  LAUNCHED=$!
  local i
  for i in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null && return 0
    kill -0 "$LAUNCHED" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 1
  done
  echo "service did not start within 120 s"
  exit 1
}

# The task-list benchmark's agent key and big user (bench/load-tasks.sql derives the user's id
# from the same name), for bench/list-bench.sh and bench/list-cpu.sh.
LIST_KEY=ct_bench_5f0c1e2d3c4b5a69788796a5b4c3d2e1f00112233445566
LIST_USER_ID=$(printf '%s' bench-user-1 | md5sum | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\1-\2-\3-\4-\5/')

# list_settings: what the list benchmarks share (env BENCH_DB, BENCH_PORT, CONNECTIONS): DB, PORT,
# CONNECTIONS, KEY, USER_ID and OUT.
list_settings() {
  DB=${BENCH_DB:-calltask_bench}
  PORT=${BENCH_PORT:-18080}
  CONNECTIONS=${CONNECTIONS:-4}
  KEY=$LIST_KEY
  USER_ID=$LIST_USER_ID
  OUT=${BENCH_OUT:-bench/out}
}

# list_cases BASE: the four cases' URLs of the user's task list at BASE, in URL[page1|status3|deep|name].
list_cases() {
  declare -gA URL=([page1]="$1" [status3]="$1?status=3" [deep]="$1?page=3000&per_page=15"
    [name]="$1?name=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("双十一"))')")
}

# list_warm_up CONNECTIONS: on two cores the C2 JIT compiles for about a minute under load,
# competing with the service; run every case twice for 10 s first, to measure the steady state.
list_warm_up() {
  local c
  for c in page1 status3 deep name page1 status3 deep name; do
    wrk -t2 -c"$1" -d10s -H "Authorization: Bearer $KEY" "${URL[$c]}" > /dev/null
  done
}

# list_start_loaded LOG: for the benches that reuse bench/list-bench.sh's data (DB, PORT, KEY, OUT
# set): builds the jar if missing, stops if the data is not loaded, starts the service and fills URL.
list_start_loaded() {
  mkdir -p "$OUT"
  [ -f "$JAR" ] || mvn -q -DskipTests package
  psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT 1 FROM task_count LIMIT 1" >/dev/null \
    || { echo "load the benchmark database first: bench/list-bench.sh"; exit 1; }
  start_service "$1"
  list_cases "http://127.0.0.1:$PORT/agent-api/new/user/$LIST_USER_ID/task"
}

# CPU accounting, in clock ticks (HZ per second): ticks PID (user + system of a process, 0 once it
# is gone); backends (each backend of database $DB, as "pid ticks" lines); backend_delta BEFORE
# AFTER (the ticks the backends present in both spent in between: a backend that ends or starts in
# between would otherwise make the sum jump); machine (busy and idle of the whole machine).
HZ=$(getconf CLK_TCK)
ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
backends() {
  local p
  for p in $(psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT pid FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid()"); do
    echo "$p $(ticks "$p")"
  done
}
backend_delta() {
  awk 'NR == FNR {before[$1] = $2; next} ($1 in before) && $2 >= before[$1] {sum += $2 - before[$1]} END {print sum + 0}' \
    <(printf '%s\n' "$1") <(printf '%s\n' "$2")
}
machine() { awk '/^cpu / {print $2+$3+$4+$6+$7+$8+$9, $5}' /proc/stat; }
