package io.stave.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stave.interfaces.rest.problem.InvalidRequestException;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

/** An impact request names its window; a field it does not have is a 400, not the default. */
class ImpactRequestTest {
  @Test
  void aMisspeltFieldIsA400NamingIt() {
    InvalidRequestException refused =
        assertThrows(
            InvalidRequestException.class,
            () -> PolicyJson.window(Json.createObjectBuilder().add("lst", 10).build()));
    assertEquals("lst", refused.errors().get(0).field);
  }

  @Test
  void everyDocumentedFieldIsRead() {
    assertEquals(
        10,
        PolicyJson.window(
                Json.createObjectBuilder()
                    .add("last", 10)
                    .add("from", "2026-11-01T00:00:00Z")
                    .add("to", "2026-11-30T00:00:00Z")
                    .add("revenuePeriod", "open")
                    .build())
            .last());
  }
}
