package io.stave.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DecisionIdsTest {

  @Test
  void anIdIsAVersionSevenUuidCarryingItsMillisecond() {
    long millis = 1_796_220_000_123L;
    UUID id = UUID.fromString(DecisionIds.at(millis));

    assertEquals(7, id.version());
    assertEquals(2, id.variant());
    assertEquals(millis, id.getMostSignificantBits() >>> 16);
  }

  @Test
  void idsMadeLaterSortAfterEarlierOnesAsText() {
    long millis = 1_796_220_000_000L;
    for (int step = 1; step <= 1_000; step++) {
      String earlier = DecisionIds.at(millis);
      String later = DecisionIds.at(millis + step);

      assertTrue(later.compareTo(earlier) > 0, later + " sorts before " + earlier);
    }
  }

  @Test
  void idsOfTheSameMillisecondStillDiffer() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(DecisionIds.at(1_796_220_000_000L));
    }

    assertEquals(100_000, ids.size());
  }
}
