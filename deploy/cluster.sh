#!/usr/bin/env bash
# Starts N Stave nodes on this machine as one cluster, prints each node's URLs, and stops them all
# on Ctrl-C (or when any node stops). Each node is deploy/run.sh with its own data directory, port
# offset (node i: 100 * i, so node 0 answers on 8080, node 1 on 8180, ...) and Hazelcast port
# (5701 + i), one member list, and one database:
#   - PostgreSQL when STAVE_DB_URL (and STAVE_DB_USER, STAVE_DB_PASSWORD) is given;
#   - otherwise one H2 file shared through H2's automatic server mode (AUTO_SERVER=TRUE), in
#     STAVE_CLUSTER_DIR (default <repo>/data/cluster).
# Usage: deploy/cluster.sh [--no-build] N
# Settings: STAVE_CLUSTER_DIR, STAVE_CLUSTER_NAME (default stave-local), STAVE_CLUSTER_BASE_OFFSET
# (added to every node's offset, default 0), STAVE_CLUSTER_BASE_PORT (node 0's Hazelcast port,
# default 5701), STAVE_DB_URL/USER/PASSWORD/SCHEMA, STAVE_DEMO (node 0 loads
# the demo catalogue on first start unless 0).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"

build=1
count=""
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) count="$arg" ;;
  esac
done
[[ "$count" =~ ^[1-9][0-9]?$ ]] || { echo "cluster.sh: say how many nodes, e.g. deploy/cluster.sh 2" >&2; exit 2; }

if [ "$build" = 1 ]; then
  echo "Building Stave..."
  (cd "$repo" && ./mvnw -q -B install -DskipTests -pl deploy -am) || { echo "cluster.sh: the build failed" >&2; exit 1; }
fi

dir="${STAVE_CLUSTER_DIR:-$repo/data/cluster}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
base="${STAVE_CLUSTER_BASE_OFFSET:-0}"
hazelcast_port="${STAVE_CLUSTER_BASE_PORT:-5701}"
members=""
for i in $(seq 0 $((count - 1))); do
  members="${members:+$members,}127.0.0.1:$((hazelcast_port + i))"
done
if [ -z "${STAVE_DB_URL:-}" ]; then
  export STAVE_DB_URL="jdbc:h2:file:$dir/stave;AUTO_SERVER=TRUE"  # H2 refuses DB_CLOSE_ON_EXIT=FALSE with AUTO_SERVER
  export STAVE_DB_USER="${STAVE_DB_USER:-sa}" STAVE_DB_PASSWORD="${STAVE_DB_PASSWORD:-sa}"
fi
export STAVE_CLUSTER_NAME="${STAVE_CLUSTER_NAME:-stave-local}" STAVE_CLUSTER_MEMBERS="$members"

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo "Stopping the cluster..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap 'stop_all; exit 130' INT TERM
trap 'stop_all' EXIT

for i in $(seq 0 $((count - 1))); do
  offset=$((base + 100 * i))
  mkdir -p "$dir/node-$i"
  echo "Node $i: http://localhost:$((8080 + offset)) (management $((9990 + offset)), Hazelcast $((hazelcast_port + i)), log $dir/node-$i/run.log)"
  demo=0
  [ "$i" = 0 ] && demo="${STAVE_DEMO:-1}"
  STAVE_DATA_DIR="$dir/node-$i" STAVE_PORT_OFFSET="$offset" STAVE_CLUSTER_PORT="$((hazelcast_port + i))" STAVE_DEMO="$demo" \
    "$repo/deploy/run.sh" --no-build > "$dir/node-$i/run.log" 2>&1 &
  pids+=($!)
done

# Ready when every node's readiness says UP (run.sh prints "Stave is ready." once it is).
for i in $(seq 0 $((count - 1))); do
  until grep -q "Stave is ready." "$dir/node-$i/run.log" 2>/dev/null; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "cluster.sh: node $i stopped before it was ready:" >&2
      tail -n 5 "$dir/node-$i/run.log" >&2
      exit 1
    fi
    sleep 1
  done
  echo "Node $i is ready."
done
echo "Cluster '$STAVE_CLUSTER_NAME' of $count node(s) is ready (members $members). Ctrl-C stops every node."
# Runs until a node stops or Ctrl-C.
wait -n "${pids[@]}"
echo "cluster.sh: a node stopped; stopping the others." >&2
