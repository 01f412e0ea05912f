# Shared by the fault scripts (sourced, not run): start one node with deploy/run.sh, kill its JVM
# with SIGKILL, stop it cleanly. Expects $repo and STAVE_DATA_DIR; sets $base_url.

offset="${STAVE_PORT_OFFSET:-0}"
base_url="http://127.0.0.1:$((8080 + offset))"
runner=""

describe_database() {
  if [[ "${STAVE_DB_URL:-}" == jdbc:postgresql:* ]]; then
    echo "PostgreSQL ${STAVE_DB_URL} (schema ${STAVE_DB_SCHEMA:-})"
  else
    echo "embedded H2 in $STAVE_DATA_DIR"
  fi
}

# PostgreSQL: a schema of this run's own (created by the node's migrations), so runs never meet.
use_fresh_schema() {
  if [[ "${STAVE_DB_URL:-}" == jdbc:postgresql:* ]]; then
    export STAVE_DB_SCHEMA="${STAVE_DB_SCHEMA:-stave_$1_$(date +%s)_$RANDOM}"
    local separator='?'
    [[ "$STAVE_DB_URL" == *'?'* ]] && separator='&'
    export STAVE_DB_URL="${STAVE_DB_URL}${separator}currentSchema=${STAVE_DB_SCHEMA}"
  fi
}

# start_node LOG [run.sh options]: starts run.sh in the background and waits until it is ready.
start_node() {
  local log="$1"; shift
  "$repo/deploy/run.sh" "$@" > "$log" 2>&1 &
  runner=$!
  trap 'stop_node' EXIT
  for _ in $(seq 1 240); do
    if grep -q "Stave is ready" "$log"; then
      return 0
    fi
    if ! kill -0 "$runner" 2>/dev/null; then
      cat "$log" >&2
      echo "the node did not start; see $log" >&2
      exit 1
    fi
    sleep 1
  done
  cat "$log" >&2
  echo "the node was not ready within 240 s" >&2
  exit 1
}

# SIGKILL to the server JVM: no shutdown hook, no flush, no orderly close of anything.
kill_node_hard() {
  local pid
  pid="$(cat "$STAVE_DATA_DIR/server.pid")"
  echo "kill -9 $pid (the server JVM)"
  kill -KILL "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  wait "$runner" 2>/dev/null || true
  runner=""
}

stop_node() {
  if [ -n "$runner" ] && kill -0 "$runner" 2>/dev/null; then
    kill -TERM "$runner" 2>/dev/null || true
    wait "$runner" 2>/dev/null || true
  fi
  runner=""
}

# wait_for_acknowledgements FILE SECONDS: until FILE has a line, or give up.
wait_for_acknowledgements() {
  for _ in $(seq 1 $(($2 * 10))); do
    [ -s "$1" ] && return 0
    sleep 0.1
  done
  echo "no decision was acknowledged within $2 s" >&2
  exit 1
}
