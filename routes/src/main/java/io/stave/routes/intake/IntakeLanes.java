package io.stave.routes.intake;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies feed messages on a fixed number of single-threaded lanes. A message with an ordering key
 * (an ERN message's release) always goes to the lane its key hashes to, so messages for one release
 * run one after another in the order they were submitted, while messages for other releases run
 * beside them. A message without a key (consents, split sheets, purges, anything the cheap pre-read
 * could not place) is a barrier: it runs after every message submitted before it and before every
 * message submitted after it, on any lane, exactly as if there were one lane.
 *
 * <p>Submission is serialized (one lock), so the order of submission is the order of application
 * per key. The messages in flight are bounded all together ({@link #QUEUE_PER_LANE} per lane), so a
 * fast producer (the inbox poller) waits instead of holding thousands of message bodies in memory;
 * the bound is not per lane, because a producer blocked on one full lane leaves every other lane
 * idle behind it (over half the lanes' time in a PostgreSQL ingest profile, session 12).
 */
public final class IntakeLanes implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(IntakeLanes.class.getName());

  /** Messages in flight per lane, on average, before a submitter blocks. */
  static final int QUEUE_PER_LANE = 16;

  private final Lane[] lanes;
  private final Semaphore inFlight;
  private volatile boolean closed;

  public IntakeLanes(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one intake lane is needed, not " + count);
    }
    lanes = new Lane[count];
    inFlight = new Semaphore(count * QUEUE_PER_LANE);
    for (int i = 0; i < count; i++) {
      lanes[i] = new Lane(i);
      lanes[i].start();
    }
  }

  public int size() {
    return lanes.length;
  }

  /**
   * The lane a key runs on. {@code String.hashCode} alone will not do: its low bits follow the last
   * characters, and release keys end in an ICPN (an EAN-13 barcode) whose check digit made every
   * key's hash even, so half the lanes never ran (session 12). Its bits are mixed first
   * (MurmurHash3's finalizer).
   */
  int laneOf(String key) {
    int hash = key.hashCode();
    hash ^= hash >>> 16;
    hash *= 0x85ebca6b;
    hash ^= hash >>> 13;
    hash *= 0xc2b2ae35;
    hash ^= hash >>> 16;
    return Math.floorMod(hash, lanes.length);
  }

  /**
   * Runs {@code work} on the lane of {@code key} (null: as a barrier across all lanes) and
   * completes the future with its result or its failure. Blocks while the lanes hold as many
   * messages as they may.
   */
  public <T> CompletableFuture<T> submit(String key, Supplier<T> work) {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a feed intake lane", e);
    }
    try {
      return enqueue(key, work);
    } catch (RuntimeException e) {
      inFlight.release();
      throw e;
    }
  }

  private synchronized <T> CompletableFuture<T> enqueue(String key, Supplier<T> work) {
    if (closed) {
      throw new IllegalStateException("the feed intake lanes are stopped");
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    Runnable task =
        () -> {
          try {
            T done = work.get();
            inFlight.release();
            result.complete(done);
          } catch (Throwable e) { // handed to the caller, who decides; the lane goes on
            inFlight.release();
            result.completeExceptionally(e);
          }
        };
    if (key != null || lanes.length == 1) {
      lanes[key == null ? 0 : laneOf(key)].put(task);
      return result;
    }
    // A barrier: every other lane parks at this point of its queue until the barrier has run on
    // lane 0, which first waits for all of them to arrive.
    CountDownLatch arrived = new CountDownLatch(lanes.length - 1);
    CountDownLatch done = new CountDownLatch(1);
    for (int i = 1; i < lanes.length; i++) {
      lanes[i].put(
          () -> {
            arrived.countDown();
            awaitUninterruptibly(done);
          });
    }
    lanes[0].put(
        () -> {
          try {
            awaitUninterruptibly(arrived);
            task.run();
          } finally {
            done.countDown();
          }
        });
    return result;
  }

  /** Stops taking messages; the lanes finish what they hold, waiting at most {@code millis}. */
  @Override
  public void close() {
    closeWithin(30_000);
  }

  public void closeWithin(long millis) {
    synchronized (this) {
      closed = true;
    }
    long deadline = System.currentTimeMillis() + millis;
    for (Lane lane : lanes) {
      lane.put(Lane.STOP);
    }
    for (Lane lane : lanes) {
      try {
        lane.join(Math.max(1, deadline - System.currentTimeMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (lane.isAlive()) {
        lane.interrupt();
      }
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class Lane extends Thread {
    static final Runnable STOP = () -> {};

    /** Unbounded: what bounds the messages is {@code inFlight}, taken before they are queued. */
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    Lane(int index) {
      super("stave-feed-lane-" + index);
      setDaemon(true);
    }

    void put(Runnable task) {
      try {
        queue.put(task);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a feed intake lane", e);
      }
    }

    @Override
    public void run() {
      while (true) {
        Runnable task;
        try {
          task = queue.take();
        } catch (InterruptedException e) {
          return;
        }
        if (task == STOP) {
          return;
        }
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.log(Level.SEVERE, "a feed intake task failed on " + getName(), e);
        }
      }
    }
  }
}
