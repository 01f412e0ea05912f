package io.stave.infrastructure.cluster;

import com.hazelcast.map.MapLoader;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Loads one fact map from the catalogue tables: all keys eagerly when the map is first used, and
 * single entries on demand. A key the database does not hold is loaded as the map's "nothing" value
 * (an empty list), so the answer "no consent, no deal" is cached like any other and the decision
 * path does not go to the database for it again. The maps are never written back through Hazelcast:
 * the catalogue writes the database in one transaction per feed message and then reloads the keys
 * it touched.
 */
final class FactLoader<V> implements MapLoader<String, V> {

  /** Every key the table holds. */
  interface Keys {
    Set<String> all() throws SQLException;
  }

  /** The values of some keys; absent keys are left out. */
  interface Rows<V> {
    Map<String, V> load(Collection<String> keys) throws SQLException;
  }

  private final String map;
  private final Keys keys;
  private final Rows<V> rows;
  private final Supplier<V> nothing;

  /**
   * @param nothing the value of a key without rows, or null to leave such keys out of the map
   *     (recordings: an unknown ISRC is not worth remembering)
   */
  FactLoader(String map, Keys keys, Rows<V> rows, Supplier<V> nothing) {
    this.map = map;
    this.keys = keys;
    this.rows = rows;
    this.nothing = nothing;
  }

  @Override
  public V load(String key) {
    return loadAll(List.of(key)).get(key);
  }

  @Override
  public Map<String, V> loadAll(Collection<String> keysToLoad) {
    try {
      Map<String, V> found = rows.load(keysToLoad);
      if (nothing != null) {
        Map<String, V> complete = new HashMap<>(found);
        keysToLoad.forEach(key -> complete.putIfAbsent(key, nothing.get()));
        return complete;
      }
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "the " + map + " map cannot be loaded from the database: " + e.getMessage(), e);
    }
  }

  @Override
  public Iterable<String> loadAllKeys() {
    try {
      return keys.all();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "the keys of the " + map + " map cannot be read: " + e.getMessage(), e);
    }
  }
}
