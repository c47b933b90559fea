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
