package io.stave.bench;

import com.hazelcast.config.Config;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import io.stave.infrastructure.cluster.FactSerializers;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.SplitSheet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One recording's three fact map values (the recording, its deal list, its split sheets) written to
 * Hazelcast's binary form and read back, as a feed message's map write and the write-through read
 * that follows it do: with the node's serialization configuration ({@code stave}) and with
 * Hazelcast's fallback, Java serialization ({@code java}). Also reports the bytes each form takes.
 *
 * <pre>java -jar bench/target/benchmarks.jar FactSerializationBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class FactSerializationBenchmark {
  @Param({"stave", "java"})
  public String format;

  private SerializationService serialization;
  private final List<Object> values = new ArrayList<>();

  @Setup
  public void setUp() {
    Config node = new Config();
    if ("stave".equals(format)) {
      FactSerializers.register(node);
    }
    SerializationConfig config = node.getSerializationConfig();
    serialization = new DefaultSerializationServiceBuilder().setConfig(config).build();
    SyntheticCatalogue catalogue = SyntheticCatalogue.realistic();
    Recording recording = catalogue.recordings.get(0);
    ArrayList<Deal> deals = new ArrayList<>();
    catalogue.deals.stream()
        .filter(deal -> deal.coversRecording(recording.getIsrc()))
        .forEach(deals::add);
    ArrayList<SplitSheet> sheets = new ArrayList<>();
    catalogue.splitSheets.stream()
        .filter(sheet -> sheet.getIsrc().equals(recording.getIsrc()))
        .forEach(sheets::add);
    values.add(recording);
    values.add(deals);
    values.add(sheets);
    int bytes = values.stream().mapToInt(value -> serialization.toData(value).totalSize()).sum();
    System.out.printf(
        "%n# %s: %d bytes for a recording, %d deals and %d split sheets%n",
        format, bytes, deals.size(), sheets.size());
  }

  @Benchmark
  public Object writeAndReadBack() {
    Object last = null;
    for (Object value : values) {
      Data data = serialization.toData(value);
      last = serialization.toObject(data);
    }
    return last;
  }
}
