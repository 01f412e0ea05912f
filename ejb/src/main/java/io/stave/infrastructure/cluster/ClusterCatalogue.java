package io.stave.infrastructure.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.stave.application.Catalogue;
import io.stave.application.CatalogueChange;
import io.stave.application.ServiceUnavailableException;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.rules.domain.Consent;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.SplitSheet;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
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

  @Override
  public void apply(CatalogueChange change) {
    Set<String> recordings = new HashSet<>();
    Set<String> dealRecordings = new HashSet<>();
    Set<String> consents = new HashSet<>();
    Set<String> splits = new HashSet<>();
    try (Connection connection = repository.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try {
        for (Recording recording : change.recordings()) {
          repository.saveRecording(connection, recording);
          recordings.add(recording.getIsrc().code());
        }
        for (Deal deal : change.deals()) {
          dealRecordings.addAll(repository.saveDeal(connection, deal));
        }
        for (Consent consent : change.consents()) {
          repository.appendConsent(connection, consent);
          consents.add(HazelcastFactStore.consentKey(consent.artistId(), consent.useType()));
        }
        for (SplitSheet sheet : change.splitSheets()) {
          repository.saveSplitSheet(connection, sheet);
          splits.add(sheet.getIsrc().code());
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new ServiceUnavailableException("the catalogue change could not be stored: "
          + e.getMessage(), e);
    }
    HazelcastInstance cluster = hazelcast.get();
    reload(cluster.getMap(HazelcastFactStore.RECORDINGS), recordings);
    reload(cluster.getMap(HazelcastFactStore.RECORDING_DEALS), dealRecordings);
    reload(cluster.getMap(HazelcastFactStore.CONSENTS), consents);
    reload(cluster.getMap(HazelcastFactStore.SPLIT_SHEETS), splits);
  }

  private static void reload(IMap<String, ?> map, Set<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    keys.forEach(map::evict);
    map.loadAll(keys, true);
  }
}
