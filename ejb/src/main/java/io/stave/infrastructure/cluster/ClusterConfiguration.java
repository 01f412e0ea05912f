package io.stave.infrastructure.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.config.XmlConfigBuilder;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.readiness.StartupException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Reads {@code stave-hazelcast.xml} with the node's settings filled in. Settings come from system
 * properties (the server's CLI configuration sets them from environment variables):
 *
 * <ul>
 *   <li>{@code stave.cluster.name} (default {@code stave})
 *   <li>{@code stave.cluster.members}: comma-separated {@code host[:port]} (default {@code
 *       127.0.0.1})
 *   <li>{@code stave.cluster.port}: first port to bind (default 5701)
 *   <li>{@code stave.cluster.interface}: the address to bind (default {@code 127.0.0.1})
 *   <li>{@code stave.cluster.minimum-size}: members needed for a safe cluster (default 1)
 * </ul>
 */
public final class ClusterConfiguration {
  private static final Pattern MEMBER =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\\d{1,5})?");

  /** The split-brain protection rule of the fact maps, when more than one member is required. */
  public static final String SAFE_CLUSTER = "safe-cluster";

  static final List<String> FACT_MAPS =
      List.of(
          HazelcastFactStore.RECORDINGS,
          HazelcastFactStore.RECORDING_DEALS,
          HazelcastFactStore.CONSENTS,
          HazelcastFactStore.SPLIT_SHEETS);

  private ClusterConfiguration() {}

  /** How many members this node must see before it decides (stave.cluster.minimum-size). */
  public static int minimumSize() {
    return Integer.parseInt(
        positive("stave.cluster.minimum-size", setting("stave.cluster.minimum-size", "1")));
  }

  /**
   * The member's configuration, with each fact map loaded from the catalogue tables (eagerly: all
   * keys when the map is first used).
   */
  public static Config load(ClassLoader classLoader, CatalogueRepository catalogue) {
    Config config = load(classLoader);
    loadFrom(
        config,
        HazelcastFactStore.RECORDINGS,
        new FactLoader<>(
            HazelcastFactStore.RECORDINGS,
            catalogue.recordings()::keys,
            catalogue.recordings()::find,
            null));
    loadFrom(
        config,
        HazelcastFactStore.RECORDING_DEALS,
        new FactLoader<>(
            HazelcastFactStore.RECORDING_DEALS,
            catalogue.deals()::recordingKeys,
            catalogue.deals()::byRecording,
            ArrayList::new));
    loadFrom(
        config,
        HazelcastFactStore.CONSENTS,
        new FactLoader<>(
            HazelcastFactStore.CONSENTS,
            catalogue.consents()::keys,
            catalogue.consents()::histories,
            ArrayList::new));
    loadFrom(
        config,
        HazelcastFactStore.SPLIT_SHEETS,
        new FactLoader<>(
            HazelcastFactStore.SPLIT_SHEETS,
            catalogue.splitSheets()::keys,
            catalogue.splitSheets()::byRecording,
            ArrayList::new));
    return config;
  }

  /**
   * Not offloaded: by default Hazelcast hands every operation on a map with a loader to another
   * executor and back, so that a slow store does not hold the partition thread. Stave's maps are
   * never stored through, and a load happens only for a key the map does not hold. During feed
   * ingest the offload executor's threads took 8 % of the server's CPU, largely waking and parking
   * for each fact written; without offloading, that executor is idle and the writes run where they
   * would have been handed from.
   */
  private static void loadFrom(Config config, String map, FactLoader<?> loader) {
    config
        .getMapConfig(map)
        .setMapStoreConfig(
            new MapStoreConfig()
                .setEnabled(true)
                .setImplementation(loader)
                .setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER)
                .setOffload(false));
  }

  static Config load(ClassLoader classLoader) {
    Properties settings = new Properties();
    settings.setProperty("stave.cluster.name", setting("stave.cluster.name", "stave"));
    settings.setProperty(
        "stave.cluster.members", members(setting("stave.cluster.members", "127.0.0.1")));
    settings.setProperty("stave.cluster.port", port(setting("stave.cluster.port", "5701")));
    settings.setProperty(
        "stave.cluster.interface", setting("stave.cluster.interface", "127.0.0.1"));
    settings.setProperty(
        "stave.cluster.minimum-size",
        positive("stave.cluster.minimum-size", setting("stave.cluster.minimum-size", "1")));
    try (InputStream xml = ClusterConfiguration.class.getResourceAsStream("/stave-hazelcast.xml")) {
      Config config = new XmlConfigBuilder(xml).setProperties(settings).build();
      config.setClassLoader(classLoader);
      FactSerializers.register(config);
      int minimumSize = Integer.parseInt(settings.getProperty("stave.cluster.minimum-size"));
      if (minimumSize >= 2) {
        // Hazelcast protects maps only for two or more members; one member is always "safe".
        config.addSplitBrainProtectionConfig(
            new SplitBrainProtectionConfig(SAFE_CLUSTER, true, minimumSize)
                .setProtectOn(SplitBrainProtectionOn.READ_WRITE));
        for (String map : FACT_MAPS) {
          config.getMapConfig(map).setSplitBrainProtectionName(SAFE_CLUSTER);
        }
      }
      config.setInstanceName("stave-" + settings.getProperty("stave.cluster.name"));
      return config;
    } catch (IOException e) {
      throw new StartupException(
          "cluster", "stave-hazelcast.xml cannot be read: " + e.getMessage());
    }
  }

  private static String setting(String name, String fallback) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  /** Refuses a member list the cluster could never join, naming the bad entry. */
  static String members(String list) {
    for (String member : list.split(",")) {
      String entry = member.trim();
      if (!MEMBER.matcher(entry).matches() || !validPort(entry)) {
        throw new StartupException(
            "cluster",
            "stave.cluster.members (STAVE_CLUSTER_MEMBERS) has '"
                + entry
                + "', which is not host[:port]; give a comma-separated list such as"
                + " 10.0.0.1:5701,10.0.0.2:5701");
      }
    }
    return list;
  }

  private static boolean validPort(String entry) {
    int colon = entry.indexOf(':');
    if (colon < 0) {
      return true;
    }
    int port = Integer.parseInt(entry.substring(colon + 1));
    return port >= 1 && port <= 65535;
  }

  private static String port(String value) {
    String checked = positive("stave.cluster.port", value);
    if (Integer.parseInt(checked) > 65535) {
      throw new StartupException("cluster", "stave.cluster.port " + value + " is not a TCP port");
    }
    return checked;
  }

  private static String positive(String name, String value) {
    try {
      if (Integer.parseInt(value) >= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new StartupException(
        "cluster", name + " must be a positive whole number, not '" + value + "'");
  }
}
