package io.stave.infrastructure.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
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
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fact maps' values go through the node's own Hazelcast serialization configuration
 * (stave-hazelcast.xml and {@link FactSerializers}) and come back with every field equal, read
 * field by field through reflection, so a field added to a domain class that the serializer does
 * not carry fails here. Each value must use its own serializer, not Java serialization.
 */
class FactSerializersTest {
  private static final Isrc ISRC = Isrc.of("GB-AAA-26-00001");
  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00.123456789Z");

  private final SerializationService serialization =
      new DefaultSerializationServiceBuilder()
          .setConfig(
              ClusterConfiguration.load(getClass().getClassLoader()).getSerializationConfig())
          .build();

  @Test
  void aRecordingWithEveryFieldComesBackWhole() {
    roundTrip(
        new Recording(
            ISRC,
            "Duet",
            "A & B",
            List.of("artist-a", "artist-b"),
            "label-1",
            "controller-1",
            "(P) 2026 Label One"));
  }

  @Test
  void aRecordingWithoutItsOptionalFieldsComesBackWhole() {
    roundTrip(new Recording(ISRC, null, "Someone", List.of(), null, null, null));
  }

  @Test
  void aDealWithEveryFieldComesBackWhole() {
    roundTrip(
        new Deal(
            "deal-1",
            "label-1",
            Set.of(ISRC, Isrc.of("GB-AAA-26-00002")),
            Set.of(Territory.WORLDWIDE, Territory.of("DE")),
            Set.of(Territory.of("US")),
            FROM,
            FROM.plusSeconds(86_400),
            Set.of(UseType.AI_DERIVATIVE, UseType.AI_TRAINING),
            Set.of("OnDemandStream", "Stream"),
            "SubscriptionModel",
            45));
  }

  @Test
  void anOpenEndedDealWithoutLimitsComesBackWhole() {
    roundTrip(
        new Deal(
            "deal-2",
            null,
            Set.of(ISRC),
            Set.of(Territory.of("FR")),
            null,
            FROM,
            null,
            null,
            null,
            null,
            null));
  }

  @Test
  void aConsentComesBackWhole() {
    roundTrip(
        new Consent(
            "consent-1",
            "artist-a",
            UseType.AI_DERIVATIVE,
            ConsentChoice.OPT_OUT,
            FROM,
            "artist portal",
            FROM.plusMillis(5)));
  }

  @Test
  void splitSheetsWithAndWithoutAUseTypeComeBackWhole() {
    List<Share> shares =
        List.of(
            new Share("party-1", "MainArtist", Percent.of("33.33")),
            new Share("party-2", "Producer", Percent.of("66.67")));
    roundTrip(new SplitSheet("split-1", ISRC, UseType.AI_TRAINING, shares));
    roundTrip(new SplitSheet("split-2", ISRC, null, shares));
  }

  @Test
  void aMapValueListKeepsItsOrderAndItsElements() {
    Consent first =
        new Consent("c-1", "artist-a", UseType.AI_TRAINING, ConsentChoice.OPT_IN, FROM, "s", FROM);
    Consent second =
        new Consent(
            "c-2",
            "artist-a",
            UseType.AI_TRAINING,
            ConsentChoice.OPT_OUT,
            FROM.plusSeconds(1),
            "s",
            FROM.plusSeconds(1));
    ArrayList<Consent> history = new ArrayList<>(List.of(first, second));
    ArrayList<Consent> back = serialization.toObject(serialization.toData(history));
    assertEquals(2, back.size());
    assertSameFields(first, back.get(0));
    assertSameFields(second, back.get(1));
  }

  @Test
  void aDealIsSmallerThanJavaSerializationMadeIt() throws Exception {
    Deal deal =
        new Deal(
            "deal-1",
            "label-1",
            Set.of(ISRC),
            Set.of(Territory.WORLDWIDE),
            Set.of(),
            FROM,
            null,
            Set.of(UseType.AI_DERIVATIVE),
            Set.of("OnDemandStream"),
            "SubscriptionModel",
            null);
    var java = new java.io.ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(java)) {
      out.writeObject(deal);
    }
    int compact = serialization.toData(deal).totalSize();
    assertTrue(
        compact * 4 < java.size(),
        "compact " + compact + " bytes against " + java.size() + " with Java serialization");
  }

  private void roundTrip(Object value) {
    Data data = serialization.toData(value);
    assertTrue(
        data.getType() > 1000,
        value.getClass().getSimpleName()
            + " went through Hazelcast serializer "
            + data.getType()
            + ", not Stave's");
    Object back = serialization.toObject(data);
    assertNotSame(value, back);
    assertSameFields(value, back);
  }

  /** Every instance field of the value's class, compared with equals. */
  private static void assertSameFields(Object expected, Object actual) {
    assertEquals(expected.getClass(), actual.getClass());
    int compared = 0;
    for (Field field : expected.getClass().getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      field.setAccessible(true);
      try {
        Object want = field.get(expected);
        Object got = field.get(actual);
        assertTrue(
            Objects.equals(want, got),
            expected.getClass().getSimpleName()
                + "."
                + field.getName()
                + ": "
                + want
                + " became "
                + got);
        compared++;
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    }
    assertTrue(compared > 0, "no fields compared on " + expected.getClass());
  }
}
