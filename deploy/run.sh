#!/usr/bin/env bash
# Builds Stave (unless --no-build) and runs one node in the foreground with the embedded defaults:
# H2 in ./data, a one-member Hazelcast cluster on 127.0.0.1, the baseline policy.
# Ctrl-C stops the node. A second start keeps the data of the first.
#
# Environment (all optional):
#   STAVE_DATA_DIR          where the H2 database lives (default: <repo>/data)
#   STAVE_DB_URL            JDBC URL of PostgreSQL, e.g. jdbc:postgresql://db:5432/stave
#   STAVE_DB_USER, STAVE_DB_PASSWORD
#   STAVE_DB_SCHEMA         PostgreSQL schema to create and migrate (the URL must select it with
#                           currentSchema=...); default: the URL's own
#   STAVE_CLUSTER_NAME, STAVE_CLUSTER_MEMBERS (host[:port],...), STAVE_CLUSTER_PORT,
#   STAVE_CLUSTER_INTERFACE, STAVE_CLUSTER_MINIMUM_SIZE
#   STAVE_PORT_OFFSET       added to every server port (8080, 9990, ...), default 0
#   STAVE_READY_TIMEOUT     seconds to wait for readiness, default 180
#   STAVE_FEEDS_INBOX       the watched feed inbox (default: <data dir>/inbox)
#   STAVE_DEMO=0            do not load the demo catalogue on first start
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument '$arg' (use --no-build or --help)" >&2; exit 2 ;;
  esac
done

fail() { echo "STAVE NOT STARTED: $*" >&2; exit 1; }

command -v java >/dev/null || fail "java is not on the PATH; install a JDK 17 or newer"

if [ "$build" = 1 ]; then
  echo "Building Stave (first build downloads WildFly and libraries from Maven Central)..."
  (cd "$repo" && ./mvnw -q -B package -DskipTests -pl deploy -am) || fail "the build failed; see the Maven output above"
fi

server="$(ls -d "$repo"/deploy/target/wildfly-*/ 2>/dev/null | head -1)"
ear="$repo/deploy/target/stave.ear"
[ -n "$server" ] && [ -f "$ear" ] || fail "no built server in deploy/target; run without --no-build"
server="${server%/}"

offset="${STAVE_PORT_OFFSET:-0}"
[[ "$offset" =~ ^[0-9]+$ ]] || fail "STAVE_PORT_OFFSET '$offset' is not a whole number"
if [ "${STAVE_DB_PASSWORD+set}" = set ] && [ -z "$STAVE_DB_PASSWORD" ]; then
  # WildFly refuses the datasource, and the start failed with "the Stave deployment failed"
  fail "STAVE_DB_PASSWORD is set but empty; the database password may not be empty (unset it for the embedded H2 default)"
fi
http_port=$((8080 + offset))
management_port=$((9990 + offset))

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$http_port" "$management_port" $((8443 + offset)) $((5445 + offset)) $((61616 + offset)); do
  if port_in_use "$port"; then
    fail "port $port on 127.0.0.1 is in use (is another Stave or WildFly running?); stop it or set STAVE_PORT_OFFSET"
  fi
done

data_dir="${STAVE_DATA_DIR:-$repo/data}"
mkdir -p "$data_dir" || fail "cannot create the data directory $data_dir"
data_dir="$(cd "$data_dir" && pwd)"
deployments="$data_dir/deployments"
mkdir -p "$deployments"
rm -f "$deployments"/stave.ear.*
cp "$ear" "$deployments/stave.ear"

# The server's own state (JMS journal, deployment content, temp files) lives in the data dir too,
# so this node never shares a file lock with another server of the same installation.
properties=(-Dstave.data.dir="$data_dir" -Dstave.deployments.dir="$deployments"
  -Djboss.socket.binding.port-offset="$offset" -Djboss.server.log.dir="$data_dir/log"
  -Djboss.server.data.dir="$data_dir/server/data" -Djboss.server.temp.dir="$data_dir/server/tmp")
if [[ "${STAVE_DB_URL:-}" == jdbc:postgresql:* ]]; then
  properties+=(-Dstave.db.driver=postgresql)
fi
if [ -n "${STAVE_DB_SCHEMA:-}" ]; then
  properties+=(-Dstave.db.schema="$STAVE_DB_SCHEMA")
fi

log="$data_dir/log/server.log"
mkdir -p "$data_dir/log"
: > "$log"

echo "Starting Stave on http://localhost:$http_port (data in $data_dir)..."
# In the background mode standalone.sh records the JVM pid and relays signals to it.
export LAUNCH_JBOSS_IN_BACKGROUND=1
export JBOSS_PIDFILE="$data_dir/server.pid"
rm -f "$JBOSS_PIDFILE"
"$server/bin/standalone.sh" -c standalone-full.xml "${properties[@]}" > "$data_dir/log/console.log" 2>&1 &
pid=$!

# Stops the server JVM and waits until it is gone, so its ports are free when this script exits.
stop_server() {
  local java_pid
  java_pid="$(cat "$JBOSS_PIDFILE" 2>/dev/null || true)"
  if kill -0 "$pid" 2>/dev/null || { [ -n "$java_pid" ] && kill -0 "$java_pid" 2>/dev/null; }; then
    echo "Stopping Stave..."
    [ -n "$java_pid" ] && kill -TERM "$java_pid" 2>/dev/null || true
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      if ! kill -0 "$pid" 2>/dev/null && { [ -z "$java_pid" ] || ! kill -0 "$java_pid" 2>/dev/null; }; then
        break
      fi
      sleep 0.5
    done
    [ -n "$java_pid" ] && kill -KILL "$java_pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}
trap 'stop_server; exit 130' INT TERM
# A command of this script that fails unexpectedly must not leave the server running without it.
trap 'status=$?; echo "run.sh: stopped at line $LINENO (exit $status)" >&2; stop_server; exit $status' ERR

health="http://127.0.0.1:$management_port/health/ready"
deadline=$(( $(date +%s) + ${STAVE_READY_TIMEOUT:-180} ))
while :; do
  if ! kill -0 "$pid" 2>/dev/null; then
    tail -20 "$data_dir/log/console.log" >&2
    fail "the server exited during start-up; its output is in $data_dir/log/console.log"
  fi
  failure="$(grep -h -o 'STAVE CANNOT START.*' "$log" "$data_dir/log/console.log" 2>/dev/null | head -1 || true)"
  if [ -n "$failure" ]; then
    stop_server
    fail "${failure#STAVE CANNOT START }"
  fi
  bind_failure="$(grep -h -o 'Address already in use.*' "$data_dir/log/console.log" 2>/dev/null | head -1 || true)"
  if [ -n "$bind_failure" ]; then
    stop_server
    fail "a server port could not be bound: $bind_failure"
  fi
  if grep -q 'WFLYSRV0026' "$data_dir/log/console.log" 2>/dev/null; then
    stop_server
    fail "the Stave deployment failed: $(grep -h -m1 -o 'Caused by: .*' "$log" || echo "see $log")"
  fi
  if curl -fsS -o /dev/null "$health" 2>/dev/null; then
    break
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    stop_server
    fail "not ready after ${STAVE_READY_TIMEOUT:-180} s; readiness says: $(curl -s "$health" || echo 'no answer')"
  fi
  sleep 1
done

# First start: the demo catalogue goes through the same inbox route as any label's files.
inbox="${STAVE_FEEDS_INBOX:-$data_dir/inbox}"
if [ "${STAVE_DEMO:-1}" != 0 ] && [ ! -e "$data_dir/.demo-loaded" ]; then
  echo "Loading the demo catalogue through the feed inbox ($inbox)..."
  mkdir -p "$inbox"
  # Releases first, as a label would send them, then the consents and split sheets that name them.
  for file in "$repo"/deploy/src/main/demo/*.xml "$repo"/deploy/src/main/demo/*.csv; do
    name="$(basename "$file")"
    cp "$file" "$inbox/.$name.part" && mv "$inbox/.$name.part" "$inbox/$name"
  done
  for _ in $(seq 1 180); do
    pending="$(find "$inbox" -maxdepth 1 -type f ! -name '.*' | wc -l)"
    [ "$pending" = 0 ] && break
    sleep 1
  done
  applied="$(ls "$inbox/done" 2>/dev/null | wc -l || true)"
  failed="$(ls "$inbox/failed" 2>/dev/null | grep -vc '\.reason$' || true)"
  echo "Demo catalogue: $applied file(s) applied, $failed rejected (see $inbox/failed)."
  touch "$data_dir/.demo-loaded"
fi

cat <<EOF

Stave is ready.
  Decision API   http://localhost:$http_port/api/v1/decisions
  Console        http://localhost:$http_port/console/  (sign in as author, approver or auditor)
  Readiness      http://localhost:$management_port/health/ready
  Server log     $log
  Data           $data_dir

Development users (password = user name; DEVELOPMENT ONLY, see README "Production"):
  client (feature-client)   feeds (feed-integrator)   author (policy-author)
  approver (policy-approver)   auditor (auditor)   holder (rights-holder of the demo artist)

Try (demo catalogue):
  # PERMIT with obligations and the 50/50 split of its AI-training split sheet: release 0's artist opted in
  curl -u client:client -H 'Content-Type: application/json' \\
    -d '{"useType":"AI_TRAINING","isrc":"GBQZS2600000","territory":"SE"}' \\
    http://localhost:$http_port/api/v1/decisions
  # DENY: release 1's artist never opted in to AI training
  curl -u client:client -H 'Content-Type: application/json' \\
    -d '{"useType":"AI_TRAINING","isrc":"GBQZS2600003","territory":"SE"}' \\
    http://localhost:$http_port/api/v1/decisions
  # what was ingested for a recording, and the feed messages
  curl -u auditor:auditor http://localhost:$http_port/api/v1/recordings/GBQZS2600000
  curl -u feeds:feeds 'http://localhost:$http_port/api/v1/feeds/messages?limit=5'

Ctrl-C stops the node.
EOF

wait "$pid"
