#!/usr/bin/env python3
"""Sums async-profiler collapsed stacks (jfrconv -o collapsed) by component of the server.

Each sample goes to the component of its innermost frame that names one (so a JSON-B call made by
RESTEasy counts as JSON, a JDBC call made by the log writer as database), and threads that are not
request or writer threads (GC, JIT compiler, Hazelcast, Artemis...) to their own rows.
Usage: profile-summary.py FILE.collapsed [TITLE]
"""
import collections
import re
import sys

COMPONENTS = [  # (component, pattern on one frame), innermost match wins; for one frame, first here
    # Parking and waking threads (a request waiting for its log commit, the writer releasing it,
    # idle pool threads) is kernel scheduling, wherever the wait is.
    ("thread hand-offs: park/unpark (commit waits, idle workers)", r"LockSupport\.(park|unpark)|Unsafe\.(park|unpark)"),
    # NIO's file channel is the database file; its socket channel below is the network.
    ("database: H2 file reads and writes", r"FileDispatcherImpl\.p(write|read)"),
    ("database: H2", r"org/h2/|org\.h2\."),
    ("database: PostgreSQL driver", r"org/postgresql/|org\.postgresql\."),
    ("database: connection pool (IronJacamar)", r"org/jboss/jca/|org\.jboss\.jca\."),
    ("decision log writer (Stave)", r"JdbcDecisionLog|DecisionDocument"),
    ("engine: Drools", r"org/drools/|org\.drools\.|org/kie/|org\.kie\."),
    ("engine: Stave rules/fact lookups", r"io/stave/rules/|io\.stave\.rules\."),
    ("fact store: Hazelcast", r"com/hazelcast/|com\.hazelcast\."),
    ("JSON (Parsson/Yasson/JSON-P)", r"org/eclipse/parsson|org/eclipse/yasson|jakarta/json|org\.eclipse\.(parsson|yasson)|jakarta\.json"),
    ("XML/JAXB", r"org/glassfish/jaxb|com/sun/xml|jakarta/xml/bind"),
    ("security: Elytron", r"org/wildfly/security/|org\.wildfly\.security\.|elytron"),
    ("EJB/CDI: Weld", r"org/jboss/weld/|org\.jboss\.weld\."),
    ("EJB container", r"org/jboss/as/ejb3|org\.jboss\.as\.ejb3|org/jboss/invocation|org\.jboss\.invocation"),
    ("metrics (Micrometer/SmallRye)", r"micrometer|smallrye/metrics|io/stave/.*Metrics"),
    ("JAX-RS: RESTEasy", r"org/jboss/resteasy/|org\.jboss\.resteasy\."),
    ("servlet container: Undertow", r"io/undertow/|io\.undertow\."),
    ("network I/O: XNIO/NIO", r"org/xnio/|org\.xnio\.|sun/nio/|sun\.nio\."),
    ("Stave application code", r"io/stave/|io\.stave\."),
]
COMPILED = [(name, re.compile(p)) for name, p in COMPONENTS]


THREAD_ROOTS = re.compile(r"Thread\.run|XnioWorker|WorkerThread\.run|EnhancedQueueExecutor|ThreadPoolExecutor|Runnable\.run")


def truncated(frames):
    """A request-thread stack async-profiler could not walk: the thread's root, then the leaf."""
    java = [f for f in frames if not f.endswith("_[k]")]
    return 2 <= len(java) <= 4 and all(THREAD_ROOTS.search(f) for f in java[:-1]) \
        and any("XnioWorker" in f for f in java[:-1])


def component(frames):
    if truncated(frames):
        return "request thread, stack not walked (leaf only; spread over the layers above)"
    for frame in reversed(frames):
        for name, pattern in COMPILED:
            if pattern.search(frame):
                return name
    joined = ";".join(frames[:8])
    if re.search(r"GCTaskThread|GangWorker|ConcurrentGCThread|G1|ParallelGC|WorkerThread::run|gc", joined):
        return "GC threads"
    if re.search(r"CompileBroker|C2Compiler|C1Compiler|Compile::", joined):
        return "JIT compiler"
    if re.search(r"VMThread", joined):
        return "JVM (VM thread, safepoints)"
    return "other (JDK, JVM, kernel)"


def main():
    path = sys.argv[1]
    title = sys.argv[2] if len(sys.argv) > 2 else path
    totals = collections.Counter()
    total = 0
    with open(path) as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not stack:
                continue
            n = int(count)
            totals[component(stack.split(";"))] += n
            total += n
    print(f"{title}: {total} samples")
    for name, n in totals.most_common():
        print(f"  {100.0 * n / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
