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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Writes catalogue facts to the database in one transaction, then reloads the touched keys of the
 * cluster's fact maps from it, so every member's near cache is invalidated and decisions see the
 * committed facts. A change that fails to commit leaves both the database and the maps untouched.
 */
public final class ClusterCatalogue implements Catalogue {
  private final CatalogueWriter writer;
  private final Supplier<HazelcastInstance> hazelcast;

  public ClusterCatalogue(CatalogueRepository repository, Supplier<HazelcastInstance> hazelcast) {
    this.writer = new CatalogueWriter(repository);
    this.hazelcast = hazelcast;
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
      HazelcastInstance cluster = hazelcast.get();
      reload(cluster, HazelcastFactStore.RECORDINGS, written.recordings());
      reload(cluster, HazelcastFactStore.RECORDING_DEALS, written.dealRecordings());
      reload(cluster, HazelcastFactStore.CONSENTS, written.consents());
      reload(cluster, HazelcastFactStore.SPLIT_SHEETS, written.splitSheets());
    }
    return written.outcome();
  }

  /** The key of the map-wide lock taken while a change's keys are reloaded; no fact has it. */
  static final String RELOAD_LOCK = "\u0000reload";

  /**
   * Puts the touched keys' committed values into the map, which invalidates every member's near
   * cache. A map-wide lock is held while they are read from the database and put: whoever takes it
   * last read after both commits, so two messages touching the same key, on any nodes, can never
   * leave the older value in the map. (IMap.loadAll would reload too, but waits for the load with
   * one-second sleeps.)
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void reload(HazelcastInstance cluster, String name, Set<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    IMap map = cluster.getMap(name);
    FactLoader<?> loader =
        (FactLoader<?>)
            cluster.getConfig().getMapConfig(name).getMapStoreConfig().getImplementation();
    map.lock(RELOAD_LOCK, 30, TimeUnit.SECONDS);
    try {
      Map<String, ?> fresh = loader.loadAll(keys);
      map.putAll(fresh);
      keys.stream().filter(key -> !fresh.containsKey(key)).forEach(map::evict);
    } finally {
      map.unlock(RELOAD_LOCK);
    }
  }
}
