package io.stave.rules.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueObjectsTest {
  @Test
  void anIsrcIsAcceptedWithOrWithoutDashes() {
    assertEquals(Isrc.of("USRC17607839"), Isrc.of("US-RC1-76-07839"));
    assertEquals("US-RC1-76-07839", Isrc.of("usrc17607839").display());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "USRC1760783", "USRC176078390", "U1RC17607839", "USRC1760783X"})
  void aMalformedIsrcIsRefusedNamingTheField(String bad) {
    var error = assertThrows(InvalidValueException.class, () -> Isrc.of(bad));
    assertEquals("isrc", error.field());
  }

  @Test
  void aTerritoryIsAnIsoCountryOrWorldwide() {
    assertEquals("SE", Territory.of("se").code());
    assertTrue(Territory.of("worldwide").isWorldwide());
    assertThrows(InvalidValueException.class, () -> Territory.of("XX"));
    assertThrows(InvalidValueException.class, () -> Territory.listenerCountry("Worldwide"));
  }

  @Test
  void anUnknownUseTypeIsRefusedListingTheKnownOnes() {
    var error =
        assertThrows(InvalidValueException.class, () -> UseType.parse("useType", "AI_KARAOKE"));
    assertTrue(error.getMessage().contains("AI_TRAINING"));
  }

  @Test
  void aPercentOutsideZeroToHundredOrWithThreeDecimalsIsRefused() {
    assertThrows(InvalidValueException.class, () -> Percent.of("100.01"));
    assertThrows(InvalidValueException.class, () -> Percent.of("-1"));
    assertThrows(InvalidValueException.class, () -> Percent.of("33.333"));
    assertEquals(3333, Percent.of("33.33").basisPoints());
  }

  @Test
  void moneyIsKeptInMinorUnitsAndRefusesFractionsOfACent() {
    assertEquals(1999, Money.of("19.99", "EUR").minorUnits());
    assertThrows(InvalidValueException.class, () -> Money.of("19.999", "EUR"));
    assertThrows(InvalidValueException.class, () -> Money.of("1", "EURO"));
  }

  @Test
  void aDealThatEndsBeforeItStartsIsRefused() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    assertThrows(
        InvalidValueException.class,
        () ->
            new Deal(
                "D",
                "L",
                java.util.Set.of(Isrc.of("USRC17607839")),
                java.util.Set.of(Territory.WORLDWIDE),
                null,
                start,
                start.minusSeconds(1),
                null,
                null,
                null,
                null));
  }

  @Test
  void theConsentInForceIsTheLatestWhoseEffectiveFromIsNotAfterTheTime() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    var history =
        new ConsentHistory(
            List.of(
                new Consent(
                    "c2",
                    "a",
                    UseType.AI_TRAINING,
                    ConsentChoice.OPT_OUT,
                    t0.plusSeconds(100),
                    "s",
                    t0),
                new Consent("c1", "a", UseType.AI_TRAINING, ConsentChoice.OPT_IN, t0, "s", t0)));
    assertTrue(history.effectiveAt(t0.minusSeconds(1)).isEmpty());
    assertEquals("c1", history.effectiveAt(t0.plusSeconds(99)).orElseThrow().consentId());
    assertEquals("c2", history.effectiveAt(t0.plusSeconds(100)).orElseThrow().consentId());
  }
}
