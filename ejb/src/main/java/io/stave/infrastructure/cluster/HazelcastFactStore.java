package io.stave.infrastructure.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.stave.infrastructure.persistence.ConsentRepository;
import io.stave.rules.domain.Consent;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.FactStore;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.UseType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Facts in the cluster's maps, read through each member's near cache, so a decision in the steady
 * state reads local memory only. Maps are keyed the way decisions ask: deals and split sheets by
 * recording, consents by artist and use type; "none" is an empty list, cached like any answer.
 */
public final class HazelcastFactStore implements FactStore {
  public static final String RECORDINGS = "recordings";
  public static final String RECORDING_DEALS = "recording-deals";
  public static final String CONSENTS = "consents";
  public static final String SPLIT_SHEETS = "split-sheets";

  /** Every map that holds catalogue facts, each loaded from the database. */
  public static final java.util.List<String> FACT_MAPS =
      java.util.List.of(RECORDINGS, RECORDING_DEALS, CONSENTS, SPLIT_SHEETS);

  private final Supplier<HazelcastInstance> hazelcast;

  /** Takes the member lazily: it may start after this store is built. */
  public HazelcastFactStore(Supplier<HazelcastInstance> hazelcast) {
    this.hazelcast = hazelcast;
  }

  @Override
  public Optional<Recording> recording(Isrc isrc) {
    return Optional.ofNullable(recordings().get(isrc.code()));
  }

  @Override
  public List<Deal> dealsCovering(Isrc isrc) {
    ArrayList<Deal> deals = recordingDeals().get(isrc.code());
    return deals == null ? List.of() : deals;
  }

  @Override
  public List<Consent> consents(String artistId, UseType useType) {
    ArrayList<Consent> history = consents().get(consentKey(artistId, useType));
    return history == null ? List.of() : history;
  }

  @Override
  public Optional<SplitSheet> splitSheet(Isrc isrc, UseType useType) {
    ArrayList<SplitSheet> sheets = splitSheets().get(isrc.code());
    if (sheets == null) {
      return Optional.empty();
    }
    SplitSheet general = null;
    for (SplitSheet sheet : sheets) {
      if (sheet.getUseType().isEmpty()) {
        general = sheet;
      } else if (sheet.getUseType().get() == useType) {
        return Optional.of(sheet);
      }
    }
    return Optional.ofNullable(general);
  }

  /**
   * Loads every map (eagerly, from the database) and fills this member's near caches with all of
   * it, so the first decisions read local memory too instead of each first read of a key going to
   * its partition.
   */
  public void warmUp() {
    for (IMap<String, ?> map : List.of(recordings(), recordingDeals(), consents(), splitSheets())) {
      List<String> keys = new ArrayList<>(map.keySet());
      for (int i = 0; i < keys.size(); i += 1_000) {
        map.getAll(new HashSet<>(keys.subList(i, Math.min(keys.size(), i + 1_000))));
      }
    }
  }

  /**
   * Replaces every entry of every fact map with what the database holds (and loads keys it lacks):
   * what the node does after a merge or a lost partition, before it decides again.
   */
  public static void reloadAll(HazelcastInstance member) {
    for (String name : FACT_MAPS) {
      // Evicting drops entries the database no longer holds (a read of an evicted key goes to the
      // database through the map's loader), then every key the database holds is loaded afresh.
      member.getMap(name).evictAll();
      member.getMap(name).loadAll(true);
    }
  }

  public static String consentKey(String artistId, UseType useType) {
    return ConsentRepository.key(artistId, useType.name());
  }

  IMap<String, Recording> recordings() {
    return hazelcast.get().getMap(RECORDINGS);
  }

  IMap<String, ArrayList<Deal>> recordingDeals() {
    return hazelcast.get().getMap(RECORDING_DEALS);
  }

  IMap<String, ArrayList<Consent>> consents() {
    return hazelcast.get().getMap(CONSENTS);
  }

  IMap<String, ArrayList<SplitSheet>> splitSheets() {
    return hazelcast.get().getMap(SPLIT_SHEETS);
  }
}
