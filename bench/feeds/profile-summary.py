#!/usr/bin/env python3
"""Sums an async-profiler collapsed-stack file (jfrconv -o collapsed) into the ingest's stages.

   python3 bench/feeds/profile-summary.py profile-cpu.collapsed [profile-wall.collapsed]

Each stack counts once, for the first stage (in the order below) one of its frames matches, so a
commit inside the apply is "database commit", not "apply". Threads: only stacks that pass through
the feed lanes, the inbox poller or the map reload are in the "per stage" table; the rest (GC,
JIT, Hazelcast's own threads, WildFly) are summed by the first column.
"""
import re
import sys
from collections import Counter

STAGES = [
    ("pre-read (release key)", r"ReleaseKeyPreRead"),
    ("XSD-validating parse (SAX + schema + JAXB)", r"ErnReader\.read|ErnReader\.versionOf"),
    ("mapping to facts", r"ErnMapper|Ern43Adapter|Ern432Adapter"),
    ("database commit", r"\.commit\b|commit\(|MVStore\.store|FileStore\.|MVStore\.tryCommit|storeNow|QueryExecutorImpl\.execute.*COMMIT"),
    ("map reload (loaders, put, lock)", r"ClusterCatalogue\.reload|FactLoader|putAllAsync|IMap|MapProxy"),
    ("database statements", r"JdbcFeedLedger|JdbcFeedTransaction|Repository\.|CatalogueWriter|org/h2|org\.h2|org/postgresql|org\.postgresql"),
    ("file poll, read and move (Camel file)", r"GenericFile|FileConsumer|FileOperations|camel\.component\.file"),
    ("other feed work", r"FeedIntake|ApplyFeedMessages|FeedRoutes|LaneProcessor|IntakeLanes"),
]
OTHER = [
    ("GC", r"GC|G1|ParallelGC|PSPromotion|PSScavenge|Scavenge"),
    ("JIT compiler", r"C2Compiler|C1Compiler|CompileBroker|Compile::"),
    ("Hazelcast threads", r"hazelcast"),
]


def summarize(path):
    stages, others, total = Counter(), Counter(), 0
    with open(path) as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            n = int(count)
            total += n
            for name, pattern in STAGES:
                if re.search(pattern, stack):
                    stages[name] += n
                    break
            else:
                for name, pattern in OTHER:
                    if re.search(pattern, stack):
                        others[name] += n
                        break
                else:
                    others["everything else (WildFly, idle pollers, ...)"] += n
    print(f"## {path}: {total} samples")
    for name, _ in STAGES:
        print(f"{name:50s} {stages[name]:8d} {100.0 * stages[name] / total:5.1f} %")
    for name, n in others.most_common():
        print(f"{name:50s} {n:8d} {100.0 * n / total:5.1f} %")


for argument in sys.argv[1:]:
    summarize(argument)
