package io.stave.rules.engine;

import io.stave.rules.domain.Consent;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.FactStore;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.UseType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Facts in plain maps, for rule tests, benchmarks and tools that run without a server. */
public final class InMemoryFactStore implements FactStore {
  private final Map<Isrc, Recording> recordings = new ConcurrentHashMap<>();
  private final Map<Isrc, List<Deal>> dealsByRecording = new ConcurrentHashMap<>();
  private final Map<String, List<Consent>> consentsByArtistAndUse = new ConcurrentHashMap<>();
  private final Map<String, SplitSheet> splitSheets = new ConcurrentHashMap<>();

  public InMemoryFactStore add(Recording recording) {
    recordings.put(recording.getIsrc(), recording);
    return this;
  }

  public InMemoryFactStore add(Deal deal) {
    for (Isrc isrc : deal.getRecordings()) {
      dealsByRecording.computeIfAbsent(isrc, k -> new ArrayList<>()).add(deal);
    }
    return this;
  }

  public InMemoryFactStore add(Consent consent) {
    consentsByArtistAndUse
        .computeIfAbsent(key(consent.artistId(), consent.useType()), k -> new ArrayList<>())
        .add(consent);
    return this;
  }

  public InMemoryFactStore add(SplitSheet sheet) {
    splitSheets.put(splitKey(sheet.getIsrc(), sheet.getUseType().orElse(null)), sheet);
    return this;
  }

  @Override
  public Optional<Recording> recording(Isrc isrc) {
    return Optional.ofNullable(recordings.get(isrc));
  }

  @Override
  public List<Deal> dealsCovering(Isrc isrc) {
    return dealsByRecording.getOrDefault(isrc, List.of());
  }

  @Override
  public List<Consent> consents(String artistId, UseType useType) {
    return consentsByArtistAndUse.getOrDefault(key(artistId, useType), List.of());
  }

  @Override
  public Optional<SplitSheet> splitSheet(Isrc isrc, UseType useType) {
    SplitSheet specific = splitSheets.get(splitKey(isrc, useType));
    return Optional.ofNullable(specific != null ? specific : splitSheets.get(splitKey(isrc, null)));
  }

  private static String key(String artistId, UseType useType) {
    return artistId + "|" + useType;
  }

  private static String splitKey(Isrc isrc, UseType useType) {
    return isrc.code() + "|" + (useType == null ? "*" : useType.name());
  }
}
