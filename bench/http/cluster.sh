#!/usr/bin/env bash
# Decision throughput of one node against two: seeds the realistic catalogue into one H2 file,
# starts one node on it and drives single decisions with wrk, then starts two nodes on the same
# file (deploy/cluster.sh, H2 in automatic server mode) and drives both at once with the same total
# of connections. Results go to bench/results/http-cluster-latest.txt. Needs a built tree.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
duration="${DURATION:-20s}"
data="$repo/bench/target/http-cluster"
out="$repo/bench/results/http-cluster-latest.txt"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }

rm -rf "$data" && mkdir -p "$data/seed" "$(dirname "$out")"
classpath="$(cd "$repo" && ./mvnw -q -B -o -pl bench dependency:build-classpath \
  -Dmdep.outputFile=/dev/stdout -Dmdep.excludeArtifactIds=cedar-java)"
java -cp "$repo/bench/target/classes:$classpath" io.stave.bench.SeedDatabase "$data/seed"
db="$(ls "$data"/seed/*.mv.db | head -1)"
export STAVE_DB_URL="jdbc:h2:file:${db%.mv.db};AUTO_SERVER=TRUE;WRITE_DELAY=0"
export STAVE_DB_USER=sa STAVE_DB_PASSWORD=sa STAVE_DEMO=0

run_cluster() { # nodes, then wrk commands; stops the cluster afterwards
  local nodes="$1"
  STAVE_CLUSTER_DIR="$data/cluster-$nodes" STAVE_CLUSTER_NAME="bench-$nodes-$$" \
    "$repo/deploy/cluster.sh" --no-build "$nodes" > "$data/cluster-$nodes.log" 2>&1 &
  local cluster=$!
  for _ in $(seq 1 300); do
    grep -q "is ready (members" "$data/cluster-$nodes.log" && break
    kill -0 "$cluster" 2>/dev/null || { cat "$data/cluster-$nodes.log"; exit 1; }
    sleep 1
  done
  local connections=$((32 / nodes))
  for i in $(seq 0 $((nodes - 1))); do  # warm-up, discarded
    wrk -t1 -c8 -d10s -s "$repo/bench/http/single.lua" "http://127.0.0.1:$((8080 + 100 * i))" > /dev/null 2>&1 &
  done
  wait $(jobs -p | grep -v "^$cluster$") 2>/dev/null || true
  echo "## $nodes node(s): single decisions, $connections connections per node, $duration"
  local pids=()
  for i in $(seq 0 $((nodes - 1))); do
    wrk -t1 -c"$connections" -d"$duration" --latency -s "$repo/bench/http/single.lua" \
      "http://127.0.0.1:$((8080 + 100 * i))" > "$data/wrk-$nodes-$i.txt" 2>&1 &
    pids+=($!)
  done
  wait "${pids[@]}"
  local total=0
  for i in $(seq 0 $((nodes - 1))); do
    echo "### node $i"; cat "$data/wrk-$nodes-$i.txt"
    total=$(awk -v t="$total" '/Requests\/sec/ {printf "%.1f", t + $2}' "$data/wrk-$nodes-$i.txt")
  done
  echo "### total: $total decisions/s over $nodes node(s)"
  kill -TERM "$cluster" 2>/dev/null || true
  wait "$cluster" 2>/dev/null || true
}

{
  echo "# Stave HTTP load, one node vs two, $(date -u +%FT%TZ), $(nproc) cores, wrk on loopback, one H2 file"
  run_cluster 1
  run_cluster 2
} 2>&1 | tee "$out"
