package io.stave.infrastructure.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.stave.application.Catalogue;
import io.stave.application.RefusedFactsException;
import io.stave.application.ServiceUnavailableException;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.CatalogueWriter;
import io.stave.infrastructure.persistence.CatalogueWriter.Written;
import io.stave.routes.feed.CatalogueChange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Writes catalogue facts to the database in one transaction, then reloads the touched keys of the
 * cluster's fact maps from it, so every member's near cache is invalidated and decisions see the
 * committed facts. A change that fails to commit leaves both the database and the maps untouched.
 *
 * <p>Reloads are grouped: while one thread reloads, the changes other threads (feed lanes) commit
 * meanwhile queue up, and the next reload serves them all under one map-wide lock, with one read of
 * the database per map and the four maps put at once. Each caller still returns only once its own
 * keys have been reloaded from a read made after its commit.
 */
public final class ClusterCatalogue implements Catalogue {
  private final CatalogueWriter writer;
  private final Supplier<HazelcastInstance> hazelcast;

  private final Object reloads = new Object();
  private final List<PendingReload> queued = new ArrayList<>();
  private boolean reloading;

  /** One committed change waiting for its keys to be reloaded. */
  private static final class PendingReload {
    final Written written;
    boolean done;
    RuntimeException failure;

    PendingReload(Written written) {
      this.written = written;
    }
  }

  public ClusterCatalogue(CatalogueRepository repository, Supplier<HazelcastInstance> hazelcast) {
    this(repository, hazelcast, CatalogueWriter.MAX_GROUP);
  }

  /**
   * @param maxGroup the most changes written in one transaction (1: each alone); see {@link
   *     CatalogueWriter}
   */
  public ClusterCatalogue(
      CatalogueRepository repository, Supplier<HazelcastInstance> hazelcast, int maxGroup) {
    this.writer = new CatalogueWriter(repository, maxGroup);
    this.hazelcast = hazelcast;
  }

  /** Transactions tried again after a serialization failure or deadlock (tests, metrics). */
  public long retriedTransactions() {
    return writer.retries();
  }

  /** Changes written in a transaction shared with others (tests, metrics). */
  public long changesWrittenInGroups() {
    return writer.changesGrouped();
  }

  @Override
  public void apply(CatalogueChange change) {
    try {
      apply(change, transaction -> Outcome.APPLY);
    } catch (RefusedFactsException e) {
      throw new ServiceUnavailableException(
          "the catalogue change could not be stored: " + e.getMessage(), e);
    }
  }

  @Override
  public Outcome apply(CatalogueChange change, FirstStep first) {
    Written written = writer.write(change, first);
    if (written.outcome() == Outcome.APPLY) {
      reload(written);
    }
    return written.outcome();
  }

  /**
   * Waits until this change's keys are reloaded: by this thread, if no reload is running (it then
   * reloads every change queued so far), or by the thread whose reload picked it up.
   */
  private void reload(Written written) {
    PendingReload mine = new PendingReload(written);
    List<PendingReload> batch;
    synchronized (reloads) {
      queued.add(mine);
      boolean interrupted = false;
      while (reloading && !mine.done) {
        try {
          reloads.wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (mine.done) {
        if (mine.failure != null) {
          throw mine.failure;
        }
        return;
      }
      reloading = true;
      batch = new ArrayList<>(queued);
      queued.clear();
    }
    RuntimeException failure = null;
    try {
      reloadUnderLock(hazelcast.get(), batch);
    } catch (RuntimeException e) {
      failure = e;
    }
    synchronized (reloads) {
      for (PendingReload pending : batch) {
        pending.done = true;
        pending.failure = failure;
      }
      reloading = false;
      reloads.notifyAll();
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** The key of the map-wide lock taken while changes' keys are reloaded; no fact has it. */
  static final String RELOAD_LOCK = "\u0000reload";

  /**
   * Puts the touched keys' committed values into the maps, which invalidates every member's near
   * cache. One lock (on the recordings map, for all four maps) is held while they are read from the
   * database and put: whoever takes it last read after both commits, so two messages touching the
   * same key, on any nodes, can never leave the older value in a map. (IMap.loadAll would reload
   * too, but waits for the load with one-second sleeps.)
   */
  private static void reloadUnderLock(HazelcastInstance cluster, List<PendingReload> batch) {
    Map<String, Set<String>> keys = new LinkedHashMap<>();
    HazelcastFactStore.FACT_MAPS.forEach(name -> keys.put(name, new HashSet<>()));
    for (PendingReload pending : batch) {
      keys.get(HazelcastFactStore.RECORDINGS).addAll(pending.written.recordings());
      keys.get(HazelcastFactStore.RECORDING_DEALS).addAll(pending.written.dealRecordings());
      keys.get(HazelcastFactStore.CONSENTS).addAll(pending.written.consents());
      keys.get(HazelcastFactStore.SPLIT_SHEETS).addAll(pending.written.splitSheets());
    }
    keys.values().removeIf(Set::isEmpty);
    if (keys.isEmpty()) {
      return;
    }
    IMap<String, ?> lockMap = cluster.getMap(HazelcastFactStore.RECORDINGS);
    lockMap.lock(RELOAD_LOCK, 30, TimeUnit.SECONDS);
    try {
      List<CompletableFuture<Void>> puts = new ArrayList<>();
      List<Runnable> evictions = new ArrayList<>();
      for (Map.Entry<String, Set<String>> entry : keys.entrySet()) {
        reload(cluster, entry.getKey(), entry.getValue(), puts, evictions);
      }
      puts.forEach(CompletableFuture::join);
      evictions.forEach(Runnable::run);
    } finally {
      lockMap.unlock(RELOAD_LOCK);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void reload(
      HazelcastInstance cluster,
      String name,
      Set<String> keys,
      List<CompletableFuture<Void>> puts,
      List<Runnable> evictions) {
    IMap map = cluster.getMap(name);
    FactLoader<?> loader =
        (FactLoader<?>)
            cluster.getConfig().getMapConfig(name).getMapStoreConfig().getImplementation();
    Map<String, ?> fresh = loader.loadAll(keys);
    // setAll, not putAll: putAll first loads each key's old value through the map's loader (a
    // second read of the database, on Hazelcast's threads, for every new recording) to return it.
    puts.add(map.setAllAsync(fresh).toCompletableFuture());
    keys.stream()
        .filter(key -> !fresh.containsKey(key))
        .forEach(key -> evictions.add(() -> map.evict(key)));
  }
}
