package io.stave.bench;

import io.stave.rules.domain.Consent;
import io.stave.rules.domain.ConsentChoice;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import io.stave.rules.engine.InMemoryFactStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A catalogue of realistic shape, the same for the same seed: recordings with one to three main
 * artists, deals over 20 recordings each with per-territory terms (named countries or Worldwide
 * with exclusions, validity windows some of which ended, AI and streaming use types, excerpt
 * limits), consent histories, and a split sheet per recording.
 */
public final class SyntheticCatalogue {
  public static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  static final List<String> COUNTRIES =
      List.of(
          "SE", "NO", "DK", "FI", "DE", "FR", "GB", "IE", "ES", "IT", "NL", "BE", "PL", "US", "CA",
          "MX", "BR", "AR", "JP", "KR", "AU", "NZ", "IN", "ZA", "NG", "EG", "TR", "PT", "AT", "CH");
  private static final List<String> DDEX_USES =
      List.of("OnDemandStream", "NonInteractiveStream", "PermanentDownload", "Stream");

  public final List<Recording> recordings = new ArrayList<>();
  public final List<Deal> deals = new ArrayList<>();
  public final List<Consent> consents = new ArrayList<>();
  public final List<SplitSheet> splitSheets = new ArrayList<>();
  public final int artists;

  public SyntheticCatalogue(
      int recordingCount, int artistCount, int dealCount, int consentCount, long seed) {
    this.artists = artistCount;
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < recordingCount; i++) {
      Isrc isrc = isrc(i);
      int mainArtists = 1 + (random.nextInt(10) < 8 ? 0 : random.nextInt(1, 3));
      Set<String> ids = new HashSet<>();
      while (ids.size() < mainArtists) {
        ids.add(artist(random.nextInt(artistCount)));
      }
      List<String> main = new ArrayList<>(ids);
      recordings.add(
          new Recording(
              isrc,
              "Track " + i,
              String.join(" & ", main),
              main,
              "label-" + (i % 40),
              "(P) 2025 Label " + (i % 40)));
      List<Share> shares = new ArrayList<>();
      shares.add(new Share("label-" + (i % 40), "LABEL", Percent.of("50")));
      // Split the other half between the main artists in hundredths, remainder to the first.
      long each = 5_000 / main.size();
      for (int a = 0; a < main.size(); a++) {
        long basisPoints = each + (a == 0 ? 5_000 - each * main.size() : 0);
        shares.add(
            new Share(
                main.get(a),
                "MAIN_ARTIST",
                new Percent(java.math.BigDecimal.valueOf(basisPoints, 2))));
      }
      splitSheets.add(new SplitSheet("split-" + isrc.code(), isrc, null, shares));
    }
    int perDeal = Math.max(1, recordingCount / dealCount);
    for (int d = 0; d < dealCount; d++) {
      Set<Isrc> covered = new HashSet<>();
      for (int r = d * perDeal; r < Math.min(recordingCount, (d + 1) * perDeal); r++) {
        covered.add(isrc(r));
      }
      Set<Territory> territories = new HashSet<>();
      Set<Territory> excluded = new HashSet<>();
      if (random.nextInt(3) == 0) {
        territories.add(Territory.WORLDWIDE);
        for (int x = random.nextInt(4); x > 0; x--) {
          excluded.add(Territory.of(COUNTRIES.get(random.nextInt(COUNTRIES.size()))));
        }
      } else {
        for (int t = 1 + random.nextInt(8); t > 0; t--) {
          territories.add(Territory.of(COUNTRIES.get(random.nextInt(COUNTRIES.size()))));
        }
      }
      Instant from = NOW.minus(Duration.ofDays(random.nextInt(30, 900)));
      Instant until =
          random.nextInt(5) == 0
              ? NOW.minus(Duration.ofDays(random.nextInt(1, 30)))
              : random.nextBoolean() ? null : NOW.plus(Duration.ofDays(random.nextInt(1, 700)));
      Set<UseType> ai = EnumSet.noneOf(UseType.class);
      for (UseType use : UseType.values()) {
        if (random.nextInt(3) == 0) {
          ai.add(use);
        }
      }
      Set<String> ddex = new HashSet<>();
      if (random.nextBoolean()) {
        ddex.add(DDEX_USES.get(random.nextInt(DDEX_USES.size())));
      }
      if (ai.isEmpty() && ddex.isEmpty()) {
        ddex.add("OnDemandStream");
      }
      Integer excerpt = random.nextInt(4) == 0 ? 15 * random.nextInt(1, 8) : null;
      deals.add(
          new Deal(
              "deal-" + d,
              "label-" + (d % 40),
              covered,
              territories,
              excluded,
              from,
              until,
              ai,
              ddex,
              "SubscriptionModel",
              excerpt));
    }
    for (int c = 0; c < consentCount; c++) {
      UseType use = UseType.values()[random.nextInt(UseType.values().length)];
      ConsentChoice choice = random.nextInt(3) == 0 ? ConsentChoice.OPT_OUT : ConsentChoice.OPT_IN;
      Instant effective = NOW.minus(Duration.ofDays(random.nextInt(-30, 700)));
      consents.add(
          new Consent(
              "consent-" + c,
              artist(random.nextInt(artistCount)),
              use,
              choice,
              effective,
              "portal",
              effective));
    }
  }

  /** The shape the issue asks for: 100k recordings, 20k artists, 5k deals, 50k consents. */
  public static SyntheticCatalogue realistic() {
    return new SyntheticCatalogue(100_000, 20_000, 5_000, 50_000, 20261124L);
  }

  public InMemoryFactStore factStore() {
    InMemoryFactStore store = new InMemoryFactStore();
    recordings.forEach(store::add);
    deals.forEach(store::add);
    consents.forEach(store::add);
    splitSheets.forEach(store::add);
    return store;
  }

  /**
   * Requests over the catalogue: 95% known recordings, every use type, 30 countries, 600 features.
   */
  public List<DecisionRequest> requests(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<DecisionRequest> requests = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int recording =
          random.nextInt(20) == 0
              ? recordings.size() + random.nextInt(1000)
              : random.nextInt(recordings.size());
      requests.add(
          new DecisionRequest(
              "r" + i,
              "feature-" + random.nextInt(600),
              UseType.values()[random.nextInt(UseType.values().length)],
              isrc(recording),
              Territory.of(COUNTRIES.get(random.nextInt(COUNTRIES.size()))),
              NOW,
              Map.of()));
    }
    return requests;
  }

  /** A valid ISRC per index: country QZ, registrant S + two letters, year 26, five digits. */
  public static Isrc isrc(int index) {
    int block = index / 100_000;
    String registrant = "S" + (char) ('A' + block % 26) + (char) ('A' + block / 26 % 26);
    return Isrc.of("QZ" + registrant + "26" + String.format("%05d", index % 100_000));
  }

  static String artist(int index) {
    return String.format("artist-%05d", index);
  }
}
