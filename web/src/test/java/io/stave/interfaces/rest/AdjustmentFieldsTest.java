package io.stave.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.interfaces.rest.problem.FieldError;
import io.stave.interfaces.rest.problem.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bad correction or rate is a 400 naming the field as the body names it. */
class AdjustmentFieldsTest {
  private static List<FieldError> adjust(String json) {
    return assertThrows(
            InvalidRequestException.class,
            () ->
                new RevenueResource()
                    .adjust(null, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
        .errors();
  }

  private static List<FieldError> rates(String json) {
    return assertThrows(
            InvalidRequestException.class,
            () ->
                new RevenueResource()
                    .rates(null, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
        .errors();
  }

  /** It was named "period", a field the body does not have. */
  @Test
  void aBadRefersToIsNamedRefersTo() {
    List<FieldError> errors =
        adjust(
            "{\"partyId\":\"p\",\"amount\":\"1.00\",\"currency\":\"EUR\",\"reason\":\"r\","
                + "\"refersTo\":\"2026-13\"}");
    assertEquals(List.of("refersTo"), errors.stream().map(e -> e.field).toList());
  }

  /** 10 XXX was booked as a correction; a rate from XAU was stored. */
  @Test
  void aCurrencyWithoutMinorUnitsIsRefused() {
    List<FieldError> errors =
        adjust("{\"partyId\":\"p\",\"amount\":\"10\",\"currency\":\"XXX\",\"reason\":\"r\"}");
    assertEquals("currency", errors.get(0).field);
    assertTrue(errors.get(0).message.contains("no minor unit"), errors.get(0).message);
    List<FieldError> rate =
        rates(
            "{\"rates\":[{\"from\":\"XAU\",\"to\":\"EUR\",\"rate\":\"1\",\"validFrom\":\"2026-11-30\"}]}");
    assertEquals("rates[0].from", rate.get(0).field);
  }

  @Test
  void aMissingCurrencyIsRequiredNotNull() {
    List<FieldError> errors = adjust("{\"partyId\":\"p\",\"amount\":\"1.00\",\"reason\":\"r\"}");
    assertEquals("currency", errors.get(0).field);
    assertTrue(errors.get(0).message.startsWith("is required"), errors.get(0).message);
  }

  /** A misspelt field was dropped: the correction booked without its period, the rate stored. */
  @Test
  void aFieldTheBodyDoesNotHaveIsNamed() {
    List<FieldError> errors =
        adjust(
            "{\"partyId\":\"p\",\"amount\":\"1.00\",\"currency\":\"EUR\",\"reason\":\"r\","
                + "\"refersTO\":\"2026-03\"}");
    assertEquals(List.of("refersTO"), errors.stream().map(e -> e.field).toList());
    assertTrue(errors.get(0).message.contains("refersTo"), errors.get(0).message);
    List<FieldError> rate =
        rates(
            "{\"rates\":[{\"from\":\"JPY\",\"to\":\"EUR\",\"rate\":\"0.0062\","
                + "\"validFrom\":\"2026-03-31\",\"validTo\":\"2026-04-30\"}],\"note\":\"x\"}");
    assertEquals(
        List.of("note", "rates[0].validTo"), rate.stream().map(e -> e.field).sorted().toList());
  }
}
