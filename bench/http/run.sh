#!/usr/bin/env bash
# HTTP load run: seeds the realistic catalogue into a fresh data dir, starts one Stave node with
# deploy/run.sh on it, and drives single and batch decisions with wrk (Debian package "wrk") on
# loopback. Results go to bench/results/http-latest.txt (OUT to change). Needs a built server
# (./mvnw package -pl deploy -am -DskipTests).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
duration="${DURATION:-30s}"
data="$repo/bench/target/http-data"
out="${OUT:-$repo/bench/results/http-latest.txt}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }

rm -rf "$data" && mkdir -p "$data" "$(dirname "$out")"
# The seeder runs on the module's own classpath without the Cedar jar, whose bundled Jackson
# classes clash with Flyway's; resolved in the reactor (-am), so it needs no ./mvnw install.
classpath_file="$data/classpath.txt"
(cd "$repo" && ./mvnw -q -B -o -pl bench -am compile dependency:build-classpath \
  -Dmdep.outputFile="$classpath_file" -Dmdep.excludeArtifactIds=cedar-java)
classpath="$(cat "$classpath_file")"
java -cp "$repo/bench/target/classes:$classpath" io.stave.bench.SeedDatabase "$data"

STAVE_DATA_DIR="$data" "$repo/deploy/run.sh" --no-build > "$data/run.log" 2>&1 &
runner=$!
# A background job of a script ignores SIGINT, so stop the node with TERM (run.sh traps both).
trap 'kill -TERM $runner 2>/dev/null; wait $runner 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  grep -q "Stave is ready" "$data/run.log" && break
  grep -q "NOT STARTED" "$data/run.log" && { cat "$data/run.log"; exit 1; }
  sleep 1
done

{
  echo "# Stave HTTP load, $(date -u +%FT%TZ), $(nproc) cores, wrk on loopback, duration $duration"
  echo "## warm-up (discarded)"
  wrk -t2 -c16 -d10s -s "$repo/bench/http/single.lua" http://127.0.0.1:8080 > /dev/null 2>&1 || true
  echo "## single decisions: wrk -t2 -c32 -d$duration --latency -s bench/http/single.lua"
  wrk -t2 -c32 -d"$duration" --latency -s "$repo/bench/http/single.lua" http://127.0.0.1:8080
  echo "## batches of 100: wrk -t2 -c8 -d$duration --latency -s bench/http/batch.lua"
  wrk -t2 -c8 -d"$duration" --latency -s "$repo/bench/http/batch.lua" http://127.0.0.1:8080
  echo "## made-up ISRCs, each new: wrk -t2 -c32 -d$duration --latency -s bench/http/flood.lua"
  wrk -t2 -c32 -d"$duration" --latency -s "$repo/bench/http/flood.lua" http://127.0.0.1:8080
} 2>&1 | tee "$out"
