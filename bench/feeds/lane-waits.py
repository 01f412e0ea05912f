#!/usr/bin/env python3
"""Where the feed lanes' wall-clock time goes, from async-profiler's collapsed wall-clock stacks
(bench/feeds/ingest.sh with PROFILE_DIR writes wall.collapsed).

    python3 bench/feeds/lane-waits.py PROFILE_DIR/wall.collapsed [...]

For each file: the lanes' samples by the innermost Stave frame and the leaf (a lane idle in
`IntakeLanes$Lane.run -> futex` waits for work), and the share of the inbox poller's time spent
blocked handing messages to the lanes (`IntakeLanes.submit`)."""
import collections
import sys

for path in sys.argv[1:]:
    lanes = collections.Counter()
    lane_total = poller = poller_blocked = 0
    for line in open(path):
        stack, _, count = line.rstrip().rpartition(' ')
        count = int(count)
        if 'IntakeLanes$Lane.run' in stack:
            lane_total += count
            frames = stack.split(';')
            stave = [f for f in frames if 'io/stave' in f]
            where = (stave[-1] if stave else '?').split('/')[-1][:70]
            lanes[where + ' -> ' + frames[-1][:30]] += count
        elif 'GenericFileConsumer' in stack:
            poller += count
            if 'IntakeLanes.submit' in stack and 'futex' in stack:
                poller_blocked += count
    print(f'{path}: {lane_total} lane samples; the inbox poller blocked handing over '
          f'{100 * poller_blocked / max(poller, 1):.1f} % of its time')
    for where, count in lanes.most_common(10):
        print(f'  {100 * count / lane_total:5.1f} %  {where}')
