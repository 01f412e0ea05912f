package io.stave.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stave.interfaces.rest.dto.DecisionRequestBody;
import io.stave.interfaces.rest.problem.FieldError;
import io.stave.interfaces.rest.problem.InvalidRequestException;
import io.stave.rules.domain.UseType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestConversionTest {
  private static DecisionRequestBody body(String useType, String isrc, String territory) {
    DecisionRequestBody body = new DecisionRequestBody();
    body.useType = useType;
    body.isrc = isrc;
    body.territory = territory;
    return body;
  }

  private static List<String> fields(InvalidRequestException e) {
    return e.errors().stream().map(error -> error.field).toList();
  }

  @Test
  void aGoodRequestBecomesADomainRequestAtNowWhenNoTimeIsGiven() {
    Instant before = Instant.now();
    var request = RequestConversion.single(body("AI_VOICEOVER", "US-RC1-76-07839", "se"));
    assertEquals(UseType.AI_VOICEOVER, request.getUseType());
    assertEquals("USRC17607839", request.getIsrcCode());
    assertEquals("SE", request.getTerritoryCode());
    assertEquals(false, request.getAt().isBefore(before));
  }

  @Test
  void everyBadFieldIsNamedAtOnce() {
    DecisionRequestBody bad = body(null, "nope", "Worldwide");
    bad.at = "tomorrow";
    var error = assertThrows(InvalidRequestException.class, () -> RequestConversion.single(bad));
    assertEquals(List.of("useType", "isrc", "territory", "at"), fields(error));
  }

  @Test
  void batchErrorsNameTheRequestByItsPosition() {
    var error =
        assertThrows(
            InvalidRequestException.class,
            () ->
                RequestConversion.batch(
                    List.of(
                        body("AI_CURATION", "USRC17607839", "SE"),
                        body("AI_CURATION", "bad", "SE")),
                    10));
    assertEquals(List.of("requests[1].isrc"), fields(error));
  }

  @Test
  void aBatchOverTheLimitOrEmptyIsRefused() {
    List<DecisionRequestBody> tooMany =
        new ArrayList<>(Collections.nCopies(3, body("AI_CURATION", "USRC17607839", "SE")));
    FieldError over =
        assertThrows(InvalidRequestException.class, () -> RequestConversion.batch(tooMany, 2))
            .errors()
            .get(0);
    assertEquals("requests", over.field);
    assertThrows(InvalidRequestException.class, () -> RequestConversion.batch(List.of(), 2));
  }
}
