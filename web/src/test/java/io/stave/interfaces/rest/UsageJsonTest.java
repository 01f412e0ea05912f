package io.stave.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.interfaces.rest.problem.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A usage event is money: every field it cannot use is a 400 naming it, never dropped. */
class UsageJsonTest {
  private static JsonObjectBuilder event() {
    return Json.createObjectBuilder()
        .add("eventId", "e1")
        .add("decisionId", "d1")
        .add("useType", "AI_DERIVATIVE")
        .add("isrc", "GBQZS2600000")
        .add("unit", "ITEMS")
        .add("quantity", 1)
        .add("from", "2026-11-24T10:00:00Z");
  }

  private static List<FieldError> errors(JsonObjectBuilder event) {
    List<FieldError> errors = new ArrayList<>();
    UsageJson.event(event.build(), "events[1].", errors);
    return errors;
  }

  @Test
  void aWellFormedEventIsRead() {
    List<FieldError> errors = new ArrayList<>();
    assertNotNull(UsageJson.event(event().add("attribution", "0.9").build(), "", errors));
    assertEquals(List.of(), errors);
  }

  /** "atribution" was dropped and the event booked as if it had no attribution score. */
  @Test
  void aMisspeltFieldIsA400NamingItNotDropped() {
    List<FieldError> errors = errors(event().add("atribution", "0.9"));
    assertEquals(List.of("events[1].atribution"), errors.stream().map(e -> e.field).toList());
    assertTrue(errors.get(0).message.contains("attribution"), errors.get(0).message);
  }

  /** 'XXX' with "1" said "at most -1 decimals" about the amount; with "10" it was accepted. */
  @ParameterizedTest
  @ValueSource(strings = {"1", "10"})
  void aCurrencyWithoutMinorUnitsIsRefusedNamingTheCurrency(String amount) {
    List<FieldError> errors = errors(event().add("amount", amount).add("currency", "XXX"));
    assertEquals(List.of("events[1].currency"), errors.stream().map(e -> e.field).toList());
    assertTrue(errors.get(0).message.contains("no minor unit"), errors.get(0).message);
  }

  @Test
  void aNegativeAmountIsOneErrorAboutTheAmount() {
    List<FieldError> errors = errors(event().add("amount", "-1.00").add("currency", "EUR"));
    assertEquals(List.of("events[1].amount"), errors.stream().map(e -> e.field).toList());
  }
}
