# Shared by the service benchmarks: source it, set DB, PORT, KEY and OUT, then
#   start_service LOG [VAR=value ...]
# starts target/calltask.jar on PostgreSQL database $DB (512 MiB heap, ParallelGC, rate limit off)
# with the extra environment given, waits for its health endpoint (at most 120 s), sets SERVER to
# its pid and stops it when the script exits.
start_service() {
  local log=$1
  shift
  env SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
    SPRING_DATASOURCE_PASSWORD= AGENT_API_KEY="$KEY" CALLTASK_API_RATE_LIMIT_REQUESTS_PER_SECOND=0 \
    SERVER_PORT="$PORT" LOGGING_LEVEL_ROOT=WARN "$@" \
    java -Xms512m -Xmx512m -XX:+UseParallelGC -jar target/calltask.jar > "$log" 2>&1 &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
  local i
  for i in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null && return 0
    kill -0 "$SERVER" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 1
  done
  echo "service did not start within 120 s"
  exit 1
}

# The task-list benchmark's agent key and big user (bench/load-tasks.sql derives the user's id
# from the same name), for bench/list-bench.sh and bench/list-cpu.sh.
LIST_KEY=ct_bench_5f0c1e2d3c4b5a69788796a5b4c3d2e1f00112233445566
LIST_USER_ID=$(printf '%s' bench-user-1 | md5sum | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\1-\2-\3-\4-\5/')

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
