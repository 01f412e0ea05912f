#!/usr/bin/env bash
# Ingest benchmark: generates a label feed of N releases (default 10,000; 3 recordings each, ERN 4.3),
# starts Stave with the embedded defaults in a fresh data directory, moves the whole set into its
# inbox at once and times until every file has left the inbox (applied into the database and the
# Hazelcast maps, or failed). Prints MB/s and releases/s end to end.
#   bench/feeds/ingest.sh [RELEASES]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
releases="${1:-10000}"
work="$(mktemp -d /tmp/stave-ingest.XXXX)"
java -cp "$repo/bench/target/benchmarks.jar" io.stave.bench.feeds.LabelFeedGenerator "$work/feed" "$releases"
rm "$work/feed/demo.consents.csv" "$work/feed/demo.splits.csv"
bytes="$(du -sb "$work/feed" | cut -f1)"
STAVE_DATA_DIR="$work/data" STAVE_DEMO=0 "$repo/deploy/run.sh" --no-build > "$work/run.log" 2>&1 &
until grep -q 'Stave is ready' "$work/run.log"; do sleep 1; done
inbox="$work/data/inbox"
mkdir -p "$inbox"
start=$(date +%s.%N)
mv "$work/feed"/*.xml "$inbox/"
while [ "$(find "$inbox" -maxdepth 1 -type f -name '*.xml' | wc -l)" != 0 ]; do sleep 0.5; done
end=$(date +%s.%N)
done_count="$(find "$inbox/done" -type f | wc -l)"
failed_count="$( (find "$inbox/failed" -type f ! -name "*.reason" 2>/dev/null || true) | wc -l)"
kill -TERM "$(cat "$work/data/server.pid")"
python3 - "$start" "$end" "$bytes" "$releases" "$done_count" "$failed_count" <<'PY'
import sys
start, end, size, releases, done, failed = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
t = end - start
print(f"{releases} releases, {size/1e6:.1f} MB in {t:.1f} s: {size/1e6/t:.2f} MB/s, {releases/t:.0f} releases/s, {releases*3/t:.0f} recordings/s (applied {done}, failed {failed})")
PY
