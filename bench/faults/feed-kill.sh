#!/usr/bin/env bash
# Kill-mid-feed check: RELEASES ERN messages (LabelFeedGenerator, default 1,000) through the feed
# inbox twice, each time into a fresh database:
#   clean run  - the node applies them all and is stopped normally;
#   killed run - the node's JVM is killed with SIGKILL (kill -9) once KILL_AT messages are done,
#                started again on the same data, and left to finish the inbox.
# Then it compares a digest of the catalogue tables and the feed messages' outcomes (FaultClient
# digest: rows without the columns that only say when they were written). Exits 0 when every
# message is APPLIED after exactly one attempt and both digests are equal.
#
#   bench/faults/feed-kill.sh [RELEASES] [KILL_AT]
#
# Embedded H2 by default; STAVE_DB_URL=jdbc:postgresql://... for PostgreSQL (each run gets a fresh
# schema). Needs a built tree (./mvnw package -pl deploy,bench -am -DskipTests). FAULTS_WORK: where
# the data and logs go (default: a new directory under /tmp).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
releases="${1:-1000}"
kill_at="${2:-$((releases * 3 / 10))}"
source "$repo/bench/faults/node.sh"

work="${FAULTS_WORK:-$(mktemp -d /tmp/stave-feed-kill.XXXX)}"
mkdir -p "$work"
server="$(ls -d "$repo"/deploy/target/wildfly-*/ | head -1)"
drivers="$(ls "$server"/modules/system/layers/base/com/h2database/h2/main/h2-*.jar):$(ls "$server"/modules/org/postgresql/main/postgresql-*.jar)"
export STAVE_DEMO=0
database_url="${STAVE_DB_URL:-}"

java -cp "$repo/bench/target/benchmarks.jar" io.stave.bench.feeds.LabelFeedGenerator "$work/feed" "$releases" > /dev/null
rm -f "$work/feed"/*.csv

pending() { find "$1" -maxdepth 1 -type f -name '*.xml' | wc -l; }
applied() { find "$1/done" -maxdepth 1 -type f 2>/dev/null | wc -l; }

# run NAME [KILL_AT]: a fresh data dir (and schema), the whole feed into the inbox at once.
run() {
  local name="$1" kill_when="${2:-}"
  export STAVE_DATA_DIR="$work/$name"
  if [ -n "$database_url" ]; then
    export STAVE_DB_URL="$database_url"
    unset STAVE_DB_SCHEMA
    use_fresh_schema "feed_kill_$name"
  fi
  local inbox="$STAVE_DATA_DIR/inbox"
  mkdir -p "$inbox"
  start_node "$work/$name-1.log"
  cp "$work/feed"/*.xml "$inbox/"
  if [ -n "$kill_when" ]; then
    for _ in $(seq 1 1200); do
      [ "$(applied "$inbox")" -ge "$kill_when" ] && break
      sleep 0.1
    done
    echo "$name: $(applied "$inbox") of $releases files done"
    kill_node_hard
    echo "$name: restarting on the same data; $(pending "$inbox") files still in the inbox"
    start_node "$work/$name-2.log"
  fi
  for _ in $(seq 1 1200); do
    [ "$(pending "$inbox")" = 0 ] && break
    sleep 0.5
  done
  stop_node
  echo "$name: $(applied "$inbox") files done, $(find "$inbox/failed" -type f ! -name '*.reason' 2>/dev/null | wc -l) failed, $(pending "$inbox") left"
  if [ -n "$database_url" ]; then
    java -cp "$drivers" "$repo/bench/faults/FaultClient.java" digest "$STAVE_DB_URL" "${STAVE_DB_USER:-postgres}" "${STAVE_DB_PASSWORD:-}" "$STAVE_DB_SCHEMA"
  else
    java -cp "$drivers" "$repo/bench/faults/FaultClient.java" digest "jdbc:h2:file:$STAVE_DATA_DIR/stave" sa sa
  fi > "$work/$name.digest"
  sed "s/^/$name: /" "$work/$name.digest"
}

echo "feed-kill: $releases ERN messages, database ${database_url:-embedded H2}, kill -9 after $kill_at applied; work in $work"
run clean
run killed "$kill_at"

clean_digest="$(grep '^digest' "$work/clean.digest")"
killed_digest="$(grep '^digest' "$work/killed.digest")"
once="$(grep -c "^feed messages APPLIED after 1 attempt(s): $releases\$" "$work/killed.digest" || true)"
others="$(grep '^feed messages' "$work/killed.digest" | grep -vc "APPLIED after 1 attempt(s)" || true)"
if [ "$clean_digest" = "$killed_digest" ] && [ "$once" = 1 ] && [ "$others" = 0 ]; then
  echo "messages $releases, applied once $releases, digest after kill equals the clean run's: ${killed_digest#digest }"
else
  echo "MISMATCH: clean ${clean_digest#digest }, after kill ${killed_digest#digest }; messages applied once after the kill: $once/1 lines, other outcomes: $others"
  diff "$work/clean.digest" "$work/killed.digest" || true
  exit 1
fi
