package io.stave.bench;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.stave.infrastructure.cluster.ClusterMember;
import io.stave.infrastructure.cluster.HazelcastFactStore;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.Migrations;
import io.stave.infrastructure.persistence.SplitSheetRepository;
import io.stave.rules.domain.Consent;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.SplitSheet;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Heap used by one node's fact maps: seeds a catalogue (ten times the realistic one by default:
 * 1,000,000 recordings, 200,000 artists, 50,000 deals, 500,000 consents) into an embedded H2
 * database through the server's repositories, starts a real Hazelcast member with the server's
 * configuration (the four fact maps, eagerly loaded through the server's loaders, one backup, near
 * caches that hold the whole catalogue), fills this member's near caches as a starting node does
 * ({@link HazelcastFactStore#warmUp}), and reports the heap used after a full GC before and after.
 * Usage: {@code java -Xmx12g -XX:+UseParallelGC -cp benchmarks.jar io.stave.bench.FactMapMemory
 * [recordings]}.
 */
public final class FactMapMemory {
  private FactMapMemory() {}

  public static void main(String[] args) throws Exception {
    int recordings = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int scale = recordings / 100_000;
    Path data = Files.createTempDirectory("stave-memory-bench");
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + data.resolve("stave") + ";DB_CLOSE_ON_EXIT=FALSE");
    h2.setUser("sa");
    h2.setPassword("sa");
    Migrations.migrate(h2, null);
    CatalogueRepository repository = new CatalogueRepository(h2);
    long started = System.nanoTime();
    seed(
        h2,
        repository,
        new SyntheticCatalogue(
            recordings, 20_000 * scale, 5_000 * scale, 50_000 * scale, 20261124L));
    System.out.printf(
        "seeded %,d recordings into %s in %d s%n",
        recordings, data, (System.nanoTime() - started) / 1_000_000_000L);

    long before = usedAfterFullGc();
    System.out.printf("heap used after full GC, before the member: %,d MB%n", before >> 20);

    System.setProperty("stave.cluster.name", "memory-bench-" + ProcessHandle.current().pid());
    System.setProperty("stave.cluster.port", "5951");
    ClusterMember member = new ClusterMember();
    started = System.nanoTime();
    member.start(repository);
    HazelcastInstance hazelcast = member.hazelcast();
    HazelcastFactStore store = new HazelcastFactStore(() -> hazelcast);
    for (String name : HazelcastFactStore.FACT_MAPS) {
      hazelcast.getMap(name).size(); // eager load
    }
    long loaded = usedAfterFullGc();
    System.out.printf(
        "maps loaded in %d s; heap used after full GC: %,d MB (+%,d MB)%n",
        (System.nanoTime() - started) / 1_000_000_000L, loaded >> 20, (loaded - before) >> 20);
    started = System.nanoTime();
    store.warmUp();
    long warmed = usedAfterFullGc();
    System.out.printf(
        "near caches filled in %d s; heap used after full GC: %,d MB (+%,d MB over no member)%n",
        (System.nanoTime() - started) / 1_000_000_000L, warmed >> 20, (warmed - before) >> 20);
    for (String name : HazelcastFactStore.FACT_MAPS) {
      IMap<Object, Object> map = hazelcast.getMap(name);
      var stats = map.getLocalMapStats();
      System.out.printf(
          "  %-16s %,10d entries, owned %,6d MB, backups %,6d MB, near cache %,10d entries%n",
          name,
          map.size(),
          stats.getOwnedEntryMemoryCost() >> 20,
          stats.getBackupEntryMemoryCost() >> 20,
          stats.getNearCacheStats() == null ? 0 : stats.getNearCacheStats().getOwnedEntryCount());
    }
    System.out.println(
        "probe: " + store.recording(SyntheticCatalogue.isrc(recordings - 1)).isPresent());
    member.stop();
    System.exit(0);
  }

  private static void seed(JdbcDataSource h2, CatalogueRepository repository, SyntheticCatalogue c)
      throws Exception {
    try (Connection connection = h2.getConnection()) {
      connection.setAutoCommit(false);
      for (List<Recording> slice : slices(c.recordings)) {
        repository.recordings().save(connection, slice);
        connection.commit();
      }
      for (List<Deal> slice : slices(c.deals)) {
        repository.deals().save(connection, slice);
        connection.commit();
      }
      for (List<Consent> slice : slices(c.consents)) {
        repository.consents().append(connection, slice);
        connection.commit();
      }
      for (List<SplitSheet> slice : slices(c.splitSheets)) {
        repository
            .splitSheets()
            .save(connection, slice, SplitSheetRepository.SheetSource.SPLIT_FEED);
        connection.commit();
      }
    }
  }

  private static long usedAfterFullGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static <T> List<List<T>> slices(List<T> all) {
    List<List<T>> slices = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 1_000) {
      slices.add(all.subList(i, Math.min(all.size(), i + 1_000)));
    }
    return slices;
  }
}
