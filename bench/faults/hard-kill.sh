#!/usr/bin/env bash
# Hard-kill check of the decision log: starts one node with deploy/run.sh on a fresh data
# directory, lets N clients post decisions, kills the server JVM with SIGKILL (kill -9) while they
# do, starts the node again on the same data, and reads every decision that was answered 200 back
# as auditor. Prints "acknowledged N, missing after restart M"; exits 0 only when M = 0.
#
#   bench/faults/hard-kill.sh [--clients N] [--kill-after SECONDS] [--build]
#
# Embedded H2 by default; PostgreSQL with STAVE_DB_URL=jdbc:postgresql://... (plus STAVE_DB_USER,
# STAVE_DB_PASSWORD): the run then uses a fresh schema of its own (STAVE_DB_SCHEMA to name it).
# Every other STAVE_* variable reaches run.sh (e.g. STAVE_PORT_OFFSET, STAVE_CLUSTER_PORT).
# FAULTS_WORK: where the data directory and logs go (default: a new directory under /tmp).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
clients=16
kill_after=6
build=--no-build
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) clients="$2"; shift 2 ;;
    --kill-after) kill_after="$2"; shift 2 ;;
    --build) build=""; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "hard-kill.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$clients" =~ ^[0-9]+$ && "$kill_after" =~ ^[0-9]+$ ]] || { echo "hard-kill.sh: --clients and --kill-after take whole numbers" >&2; exit 2; }

source "$repo/bench/faults/node.sh"

work="${FAULTS_WORK:-$(mktemp -d /tmp/stave-hard-kill.XXXX)}"
mkdir -p "$work"
export STAVE_DATA_DIR="$work/data" STAVE_DEMO=0 STAVE_FEEDS_INBOX=off
use_fresh_schema hard_kill
acks="$work/acknowledged.txt"
: > "$acks"

echo "hard-kill: database $(describe_database), $clients clients, kill -9 after ${kill_after}s; work in $work"
start_node "$work/run-1.log" $build
java "$repo/bench/faults/FaultClient.java" load "$base_url" "$clients" $((kill_after + 60)) "$acks" \
  > "$work/load.log" 2>&1 &
client=$!
# Kill only once decisions are flowing, then after the given time.
wait_for_acknowledgements "$acks" 60
sleep "$kill_after"
kill_node_hard
wait "$client" || true
cat "$work/load.log"

start_node "$work/run-2.log" --no-build
status=0
java "$repo/bench/faults/FaultClient.java" verify "$base_url" "$acks" | tee "$work/verify.log" || status=$?
stop_node
exit "$status"
