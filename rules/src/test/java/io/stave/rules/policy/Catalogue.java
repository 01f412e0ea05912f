package io.stave.rules.policy;

import io.stave.rules.domain.Consent;
import io.stave.rules.domain.ConsentChoice;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import io.stave.rules.engine.InMemoryFactStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Test vocabulary for building a small catalogue the way a label would describe it. */
final class Catalogue {
  static final Isrc SONG = Isrc.of("USRC17607839");
  static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  static final Instant LAST_YEAR = Instant.parse("2025-11-24T10:00:00Z");

  private final InMemoryFactStore facts = new InMemoryFactStore();
  private final AtomicInteger ids = new AtomicInteger();

  InMemoryFactStore facts() {
    return facts;
  }

  Catalogue recording(Isrc isrc, String... mainArtists) {
    facts.add(
        new Recording(
            isrc,
            "Song " + isrc,
            "The Artists",
            List.of(mainArtists),
            "label-1",
            "(P) 2025 Label One"));
    return this;
  }

  /** A recording as a label delivers it without naming its main artists. */
  Catalogue recordingWithoutMainArtist(Isrc isrc) {
    facts.add(new Recording(isrc, "Song " + isrc, "Various", List.of(), "label-1", null));
    return this;
  }

  /** A recording whose label and rights controller the feed named (or not: null). */
  Catalogue recording(Isrc isrc, String mainArtist, String labelId, String rightsControllerId) {
    facts.add(
        new Recording(
            isrc,
            "Song " + isrc,
            "The Artists",
            List.of(mainArtist),
            labelId,
            rightsControllerId,
            null));
    return this;
  }

  Catalogue splitFiftyFifty(Isrc isrc) {
    facts.add(
        new SplitSheet(
            "split-" + isrc,
            isrc,
            null,
            List.of(
                new Share("label-1", "LABEL", Percent.of("50")),
                new Share("artist-a", "MAIN_ARTIST", Percent.of("50")))));
    return this;
  }

  Catalogue split(SplitSheet sheet) {
    facts.add(sheet);
    return this;
  }

  Catalogue consent(String artist, UseType use, ConsentChoice choice, Instant effectiveFrom) {
    return consent(artist, use, choice, effectiveFrom, effectiveFrom);
  }

  Catalogue consent(
      String artist, UseType use, ConsentChoice choice, Instant effectiveFrom, Instant recordedAt) {
    facts.add(
        new Consent(
            "consent-" + ids.incrementAndGet(),
            artist,
            use,
            choice,
            effectiveFrom,
            "artist portal",
            recordedAt));
    return this;
  }

  DealBuilder deal(String dealId) {
    return new DealBuilder(dealId);
  }

  /** A deal is worldwide, open-ended from last year and names no use until told otherwise. */
  final class DealBuilder {
    private final String dealId;
    private Set<Isrc> recordings = Set.of(SONG);
    private Set<Territory> territories = Set.of(Territory.WORLDWIDE);
    private Set<Territory> excluded = Set.of();
    private Instant from = LAST_YEAR;
    private Instant until;
    private Set<UseType> uses = EnumSet.noneOf(UseType.class);
    private Set<String> ddexUses = Set.of();
    private Integer excerptSeconds;
    private String licensorId = "label-1";

    private DealBuilder(String dealId) {
      this.dealId = dealId;
    }

    DealBuilder covering(Isrc... isrcs) {
      recordings = Set.of(isrcs);
      return this;
    }

    DealBuilder in(String... codes) {
      territories = territories(codes);
      return this;
    }

    DealBuilder excluding(String... codes) {
      excluded = territories(codes);
      return this;
    }

    DealBuilder validFrom(Instant start) {
      from = start;
      return this;
    }

    DealBuilder validUntil(Instant end) {
      until = end;
      return this;
    }

    DealBuilder forUses(UseType... useTypes) {
      uses = EnumSet.copyOf(Arrays.asList(useTypes));
      return this;
    }

    DealBuilder withDdexUses(String... useTypes) {
      ddexUses = Set.of(useTypes);
      return this;
    }

    DealBuilder from(String licensor) {
      licensorId = licensor;
      return this;
    }

    DealBuilder maxExcerptSeconds(int seconds) {
      excerptSeconds = seconds;
      return this;
    }

    Catalogue add() {
      facts.add(
          new Deal(
              dealId,
              licensorId,
              recordings,
              territories,
              excluded,
              from,
              until,
              uses,
              ddexUses,
              "SubscriptionModel",
              excerptSeconds));
      return Catalogue.this;
    }

    private Set<Territory> territories(String... codes) {
      Set<Territory> set = new HashSet<>();
      for (String code : codes) {
        set.add(Territory.of(code));
      }
      return set;
    }
  }
}
