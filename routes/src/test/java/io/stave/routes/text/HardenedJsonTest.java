package io.stave.routes.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Untrusted JSON is refused with a position, never a stack overflow or a bare runtime exception.
 */
class HardenedJsonTest {

  private static MalformedTextException refused(String json) {
    return refused(json.getBytes(StandardCharsets.UTF_8));
  }

  private static MalformedTextException refused(byte[] json) {
    return assertThrows(MalformedTextException.class, () -> HardenedJson.read(json));
  }

  @Test
  void aDocumentNestedAHundredThousandLevelsIsRefusedAtTheFirstLevelTooDeep() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    MalformedTextException e = refused(deep);
    assertEquals("line 1, column 65", e.where());
    assertTrue(e.what().contains("deeper than 64 levels"), e.what());
  }

  @Test
  void deepObjectsInsideAValidPrefixAreRefusedWithTheirLine() {
    String deep =
        "{\"consents\": [\n" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000) + "]}";
    MalformedTextException e = refused(deep);
    assertTrue(e.where().startsWith("line 2, column "), e.where());
  }

  @Test
  void sixtyFourLevelsAreRead() {
    String json =
        "[".repeat(HardenedJson.MAX_DEPTH) + "\"bottom\"" + "]".repeat(HardenedJson.MAX_DEPTH);
    JsonValue value = HardenedJson.read(json.getBytes(StandardCharsets.UTF_8));
    for (int level = 1; level < HardenedJson.MAX_DEPTH; level++) {
      value = value.asJsonArray().get(0);
    }
    assertEquals("bottom", value.asJsonArray().getString(0));
  }

  @Test
  void theTreeKeepsKeysValuesAndOrder() {
    JsonValue value =
        HardenedJson.read("{\"a\": [1, \"x\", true, null, {\"b\": {}}], \"c\": -2.5}");
    assertEquals("{\"a\":[1,\"x\",true,null,{\"b\":{}}],\"c\":-2.5}", value.toString());
  }

  @Test
  void invalidUtf8IsRefusedNamingLineColumnAndByte() {
    byte[] json =
        "{\"consents\": [\n{\"artist\": \"Bj\u00f6rk\"}]}".getBytes(StandardCharsets.UTF_8);
    int o = new String(json, StandardCharsets.ISO_8859_1).indexOf('\u00c3');
    json[o + 1] = (byte) 0x28; // 0xC3 0x28: a lead byte without its continuation
    MalformedTextException e = refused(json);
    assertEquals("line 2, column 15 (byte " + o + ")", e.where());
    assertTrue(e.what().contains("not valid UTF-8") && e.what().contains("0xC3"), e.what());
  }

  @Test
  void aTruncatedSequenceAtTheEndIsRefused() {
    byte[] json = {'[', '"', (byte) 0xE2, (byte) 0x82};
    assertTrue(refused(json).what().contains("at the end of the input"));
  }

  @Test
  void truncatedJsonNamesWhereItStops() {
    MalformedTextException e = refused("{\"useType\": ");
    assertTrue(e.where().startsWith("line 1, column "), e.where());
    assertTrue(e.what().startsWith("is not valid JSON"), e.what());
  }

  @Test
  void anEmptyBodyIsRefused() {
    assertEquals("line 1, column 1: is empty; expected a JSON document", refused("").getMessage());
    assertEquals(
        "line 1, column 1: is empty; expected a JSON document", refused(" \n ").getMessage());
  }

  @Test
  void aNumberOfThousandsOfDigitsIsRefusedNotComputed() {
    MalformedTextException e = refused("{\"percent\":\n " + "9".repeat(5000) + "}");
    assertTrue(e.where().startsWith("line 2, column "), e.where());
    assertTrue(e.what().contains("exceeded"), e.what());
  }

  @Test
  void trailingGarbageIsRefused() {
    refused("{} {}");
  }

  @Test
  void aByteOrderMarkIsDropped() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', ']'};
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, HardenedJson.read(bom));
  }

  @Test
  void aKeyTwiceInOneObjectIsRefusedNamingItsPathAndTheSecondPosition() {
    MalformedTextException e =
        refused("{\"useType\":\"AI_TRAINING\",\n \"useType\":\"AI_CURATION\",\"isrc\":\"x\"}");
    assertTrue(e instanceof DuplicateKeyException, e.getClass().getName());
    assertEquals("useType", e.where());
    assertEquals("appears twice (again at line 2, column 11)", e.what());
  }

  @Test
  void aKeyTwiceAtAnyDepthIsRefusedWithThePathOfItsObject() {
    assertEquals(
        "requests[1].useType",
        refused(
                "{\"policyVersion\": 1, \"requests\": [{\"useType\": \"A\"},"
                    + " {\"useType\": \"A\", \"isrc\": \"x\", \"useType\": \"B\"}]}")
            .where());
    assertEquals(
        "context.tier", refused("{\"context\": {\"tier\": \"a\", \"tier\": \"b\"}}").where());
    assertEquals("[2].a", refused("[1, [], {\"a\": 1, \"a\": 1}]").where());
    assertEquals(
        "splitSheets[0].shares[1].percent",
        refused(
                "{\"splitSheets\": [{\"shares\": [{\"percent\": 50},"
                    + " {\"percent\": 50, \"percent\": 100}]}]}")
            .where());
  }

  @Test
  void aKeyWrittenWithAnEscapeIsTheSameKey() {
    assertEquals("useType", refused("{\"useType\": \"A\", \"use\\u0054ype\": \"B\"}").where());
  }

  @Test
  void theSameKeyInDifferentObjectsIsNoDuplicate() {
    JsonValue value =
        HardenedJson.read(
            "{\"a\": {\"x\": 1}, \"b\": [{\"x\": 2}, {\"x\": 3}], \"x\": {\"x\": 4}}");
    assertEquals("{\"a\":{\"x\":1},\"b\":[{\"x\":2},{\"x\":3}],\"x\":{\"x\":4}}", value.toString());
  }
}
