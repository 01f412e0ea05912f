package io.stave.infrastructure.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.stave.application.Catalogue;
import io.stave.application.CatalogueChange;
import io.stave.application.ServiceUnavailableException;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.SplitSheetRepository.SheetSource;
import io.stave.routes.feed.ReleaseDeals;
import io.stave.routes.feed.ReleasePurge;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
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
  private final CatalogueRepository repository;
  private final Supplier<HazelcastInstance> hazelcast;

  public ClusterCatalogue(CatalogueRepository repository, Supplier<HazelcastInstance> hazelcast) {
    this.repository = repository;
    this.hazelcast = hazelcast;
  }

  /** What the work done first in the transaction decided about the change. */
  public enum Verdict {
    /** Write the facts and commit. */
    APPLY,
    /** Commit what the first step wrote, but not the facts. */
    COMMIT_WITHOUT_FACTS,
    /** Roll everything back. */
    ROLL_BACK
  }

  /** Work that must commit or roll back with the facts (a feed message's status). */
  @FunctionalInterface
  public interface SameTransaction {
    Verdict run(Connection connection) throws SQLException;
  }

  @Override
  public void apply(CatalogueChange change) {
    apply(change, connection -> Verdict.APPLY);
  }

  /** Runs {@code first}, then, as it decides, applies the change in the same transaction. */
  public Verdict apply(CatalogueChange change, SameTransaction first) {
    Set<String> recordings = new HashSet<>();
    Set<String> dealRecordings = new HashSet<>();
    Set<String> consents = new HashSet<>();
    Set<String> splits = new HashSet<>();
    try (Connection connection = repository.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try {
        Verdict verdict = first.run(connection);
        if (verdict == Verdict.ROLL_BACK) {
          connection.rollback();
          return verdict;
        }
        if (verdict == Verdict.COMMIT_WITHOUT_FACTS) {
          connection.commit();
          return verdict;
        }
        repository.parties().save(connection, change.parties());
        repository.recordings().save(connection, change.recordings());
        change.recordings().forEach(recording -> recordings.add(recording.getIsrc().code()));
        repository.recordings().replaceCredits(connection, change.credits());
        dealRecordings.addAll(repository.deals().save(connection, change.deals()));
        for (ReleaseDeals release : change.releaseDeals()) {
          dealRecordings.addAll(
              repository
                  .deals()
                  .replaceReleaseDeals(connection, release.releaseKey(), release.deals()));
        }
        for (ReleasePurge purge : change.releasePurges()) {
          dealRecordings.addAll(
              repository
                  .deals()
                  .endReleaseDeals(
                      connection,
                      purge.releaseKeys(),
                      purge.endsAtLatest(java.time.Instant.now())));
        }
        repository.consents().append(connection, change.consents());
        change
            .consents()
            .forEach(
                consent ->
                    consents.add(
                        HazelcastFactStore.consentKey(consent.artistId(), consent.useType())));
        repository
            .splitSheets()
            .save(connection, change.splitSheets(), SheetSource.SPLIT_FEED)
            .forEach(sheet -> splits.add(sheet.getIsrc().code()));
        repository
            .splitSheets()
            .save(connection, change.rightsControllerSheets(), SheetSource.RIGHTS_CONTROLLERS)
            .forEach(sheet -> splits.add(sheet.getIsrc().code()));
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new ServiceUnavailableException(
          "the catalogue change could not be stored: " + e.getMessage(), e);
    }
    HazelcastInstance cluster = hazelcast.get();
    reload(cluster, HazelcastFactStore.RECORDINGS, recordings);
    reload(cluster, HazelcastFactStore.RECORDING_DEALS, dealRecordings);
    reload(cluster, HazelcastFactStore.CONSENTS, consents);
    reload(cluster, HazelcastFactStore.SPLIT_SHEETS, splits);
    return Verdict.APPLY;
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
