package io.stave.interfaces.rest.dto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stave.rules.domain.ReasonCode;
import io.stave.rules.domain.UseType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

/**
 * The value lists the OpenAPI document gives for reason codes and use types are the domain's: a
 * code added to the domain without the documentation fails here.
 */
class DocumentedEnumerationsTest {

  @Test
  void theDocumentedReasonCodesAreTheDomainsReasonCodes() throws Exception {
    assertEquals(
        names(ReasonCode.values()),
        documented(DecisionView.ReasonView.class.getField("code").getAnnotation(Schema.class)));
  }

  @Test
  void theDocumentedUseTypesAreTheDomainsUseTypes() throws Exception {
    assertEquals(
        names(UseType.values()),
        documented(DecisionRequestBody.class.getField("useType").getAnnotation(Schema.class)));
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).sorted().toList();
  }

  private static List<String> documented(Schema schema) {
    return Arrays.stream(schema.enumeration()).sorted().toList();
  }
}
