package io.stave.infrastructure.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster port carries the fact maps with no credentials (Hazelcast's open-source edition has
 * none), so a member must listen only on the interface it is given, never on every interface of the
 * machine. Read from the kernel's own table of listening sockets, so the test sees the bind address
 * itself, not the address Hazelcast advertises.
 */
class ClusterNetworkTest {
  private static final int PORT = 6761;
  private static final String LISTEN = "0A";

  private final ClusterMember node = new ClusterMember();

  @AfterEach
  void stop() {
    node.stop();
    TestMembers.forget();
  }

  @Test
  void aMemberSetToLoopbackListensOnLoopbackAlone() throws Exception {
    TestMembers.useLonePort(PORT);
    System.setProperty("stave.cluster.name", "network-" + PORT);
    node.start(new CatalogueRepository(TestDatabases.all().get(0).dataSource()));

    List<String> listening = listeningAddresses(PORT);

    assertFalse(listening.isEmpty(), "no socket listens on port " + PORT);
    for (String address : listening) {
      assertFalse(address.matches("0+"), "the member listens on every interface: " + listening);
      assertTrue(
          address.equals("0100007F") || address.equals("0000000000000000FFFF00000100007F"),
          "the member listens on an address other than 127.0.0.1: " + address);
    }
  }

  /** Local addresses (kernel hex) of the sockets listening on {@code port}, IPv4 and IPv6. */
  private static List<String> listeningAddresses(int port) throws IOException {
    String portHex = String.format(Locale.ROOT, "%04X", port);
    List<String> addresses = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      assertTrue(Files.isReadable(path), table + " is needed to see where the member listens");
      List<String> lines = Files.readAllLines(path);
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.trim().split("\\s+");
        String[] local = fields[1].split(":");
        if (local[1].equals(portHex) && fields[3].equals(LISTEN)) {
          addresses.add(local[0]);
        }
      }
    }
    return addresses;
  }
}
