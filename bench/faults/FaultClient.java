// The client side of the fault scripts in bench/faults, as one source file that the JDK runs
// directly (java bench/faults/FaultClient.java MODE ...); it needs nothing but a JDK 17, plus the
// JDBC drivers on -cp for the digest mode.
//
//   load URL CLIENTS SECONDS ACKS        N clients post decisions for up to SECONDS (until the
//                                        server goes away); every decision id answered 200 is
//                                        appended to ACKS before the next request
//   verify URL ACKS                      reads every id in ACKS back as auditor and prints
//                                        "acknowledged N, missing after restart M" (exit 1 if M > 0)
//   digest JDBC_URL USER PASSWORD [SCHEMA]
//                                        prints a SHA-256 over the catalogue tables and the feed
//                                        messages' outcomes, without the columns that only say
//                                        when a row was written, and the counts behind it
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class FaultClient {
  private static final Pattern DECISION_ID = Pattern.compile("\"decisionId\"\\s*:\\s*\"([^\"]+)\"");
  private static final String[] USE_TYPES = {"AI_CURATION", "AI_VOICEOVER", "AI_ANALYSIS",
      "AI_DERIVATIVE", "AI_VOICE_LIKENESS", "AI_TRAINING"};
  private static final String[] TERRITORIES = {"SE", "NO", "DE", "FR", "GB", "US", "JP", "BR"};

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
    }
    switch (args[0]) {
      case "load" -> {
        if (args.length != 5) usage();
        load(URI.create(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
      }
      case "verify" -> {
        if (args.length != 3) usage();
        System.exit(verify(URI.create(args[1]), Path.of(args[2])) == 0 ? 0 : 1);
      }
      case "digest" -> {
        if (args.length < 4) usage();
        digest(args[1], args[2], args[3], args.length > 4 ? args[4] : null);
      }
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println("usage: FaultClient load URL CLIENTS SECONDS ACKS | verify URL ACKS"
        + " | digest JDBC_URL USER PASSWORD [SCHEMA]");
    System.exit(2);
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpClient http() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * Each client posts decisions one after another and records the id of each one answered 200
   * (flushed before its next request). A client stops at the deadline or when the server stops
   * answering (connection refused or reset: the server was killed).
   */
  static void load(URI base, int clients, int seconds, Path acks) throws Exception {
    URI decisions = base.resolve("/api/v1/decisions");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    try (PrintWriter ackLog = new PrintWriter(Files.newBufferedWriter(acks, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      for (int c = 0; c < clients; c++) {
        pool.submit(() -> {
          HttpClient http = http();
          while (System.nanoTime() < deadline) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String body = String.format("{\"feature\":\"fault-check\",\"useType\":\"%s\","
                    + "\"isrc\":\"GBQZS26%05d\",\"territory\":\"%s\"}",
                USE_TYPES[random.nextInt(USE_TYPES.length)], random.nextInt(300),
                TERRITORIES[random.nextInt(TERRITORIES.length)]);
            HttpRequest request = HttpRequest.newBuilder(decisions).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic("client"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
              HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
              outcomes.computeIfAbsent("HTTP " + response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
              if (response.statusCode() == 200) {
                Matcher id = DECISION_ID.matcher(response.body());
                if (!id.find()) {
                  throw new IllegalStateException("a 200 without a decisionId: " + response.body());
                }
                synchronized (ackLog) {
                  ackLog.println(id.group(1));
                  ackLog.flush();
                }
              }
            } catch (IOException e) {
              outcomes.computeIfAbsent("no answer (" + e.getClass().getSimpleName() + ")",
                  k -> new AtomicInteger()).incrementAndGet();
              return null;
            }
          }
          return null;
        });
      }
      pool.shutdown();
      pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
    }
    System.out.println("load: " + new TreeMap<>(outcomes));
  }

  /** Reads every acknowledged id back as auditor; returns how many are missing. */
  static int verify(URI base, Path acks) throws Exception {
    List<String> ids = Files.readAllLines(acks, StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank()).toList();
    AtomicInteger missing = new AtomicInteger();
    List<String> examples = java.util.Collections.synchronizedList(new ArrayList<>());
    Map<String, AtomicInteger> other = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    HttpClient http = http();
    for (String id : ids) {
      pool.submit(() -> {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/decisions/" + id))
            .timeout(Duration.ofSeconds(30)).header("Authorization", basic("auditor"))
            .header("Accept", "application/json").GET().build();
        for (int attempt = 1; ; attempt++) {
          try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 404) {
              missing.incrementAndGet();
              if (examples.size() < 5) examples.add(id);
            } else if (status != 200) {
              other.computeIfAbsent("HTTP " + status, k -> new AtomicInteger()).incrementAndGet();
            }
            return null;
          } catch (IOException e) {
            if (attempt == 3) {
              other.computeIfAbsent("no answer", k -> new AtomicInteger()).incrementAndGet();
              return null;
            }
          }
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    System.out.println("acknowledged " + ids.size() + ", missing after restart " + missing.get());
    if (!examples.isEmpty()) {
      System.out.println("missing, e.g.: " + examples);
    }
    if (!other.isEmpty()) {
      System.out.println("could not be read: " + new TreeMap<>(other));
      return Math.max(1, missing.get());
    }
    return missing.get();
  }

  /**
   * The facts as rows, per table, in key order, without the columns that only record when a row
   * was written (they differ between any two runs). Feed messages count with their outcome and
   * attempts, so a message applied twice or left RECEIVED changes the digest.
   */
  private static final Map<String, String> DIGESTED = new java.util.LinkedHashMap<>();
  static {
    DIGESTED.put("recording", "SELECT isrc, title, display_artist, label_id, p_line, rights_controller_id FROM recording ORDER BY isrc");
    DIGESTED.put("recording_main_artist", "SELECT isrc, position, artist_id FROM recording_main_artist ORDER BY isrc, position");
    DIGESTED.put("recording_party", "SELECT isrc, position, party_id, role FROM recording_party ORDER BY isrc, position");
    DIGESTED.put("party", "SELECT party_id, name, identifiers FROM party ORDER BY party_id");
    DIGESTED.put("deal", "SELECT deal_id, licensor_id, valid_from, valid_until, commercial_model, max_excerpt_seconds, release_key FROM deal ORDER BY deal_id");
    DIGESTED.put("deal_recording", "SELECT deal_id, isrc FROM deal_recording ORDER BY deal_id, isrc");
    DIGESTED.put("deal_territory", "SELECT deal_id, territory, excluded FROM deal_territory ORDER BY deal_id, territory");
    DIGESTED.put("deal_use_type", "SELECT deal_id, use_type FROM deal_use_type ORDER BY deal_id, use_type");
    DIGESTED.put("consent", "SELECT consent_id, artist_id, use_type, choice, effective_from, source FROM consent ORDER BY consent_id");
    DIGESTED.put("split_sheet", "SELECT split_id, isrc, use_scope, source FROM split_sheet ORDER BY split_id");
    DIGESTED.put("split_share", "SELECT split_id, position, party_id, role, percent FROM split_share ORDER BY split_id, position");
    DIGESTED.put("release_version", "SELECT release_key, message_id, message_created_at FROM release_version ORDER BY release_key");
    DIGESTED.put("release_alias", "SELECT alias_key, release_key FROM release_alias ORDER BY alias_key");
    DIGESTED.put("feed_message", "SELECT message_id, kind, format, status, content_sha256, summary, problems, warnings, attempts FROM feed_message ORDER BY message_id");
  }

  static void digest(String url, String user, String password, String schema) throws Exception {
    MessageDigest all = MessageDigest.getInstance("SHA-256");
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      if (schema != null && !schema.isBlank()) {
        connection.setSchema(schema);
      }
      for (var table : DIGESTED.entrySet()) {
        int rows = 0;
        try (ResultSet row = statement.executeQuery(table.getValue())) {
          ResultSetMetaData columns = row.getMetaData();
          all.update(("table " + table.getKey() + "\n").getBytes(StandardCharsets.UTF_8));
          while (row.next()) {
            StringBuilder line = new StringBuilder();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
              Object value = row.getObject(i);
              if (value instanceof java.sql.Timestamp || value instanceof OffsetDateTime
                  || value instanceof java.time.LocalDateTime) {
                value = row.getObject(i, OffsetDateTime.class).toInstant();
              } else if (value instanceof java.math.BigDecimal decimal) {
                value = decimal.toPlainString();
              }
              line.append(value).append('\u001f');
            }
            all.update(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            rows++;
          }
        }
        System.out.println(table.getKey() + " " + rows);
      }
      try (ResultSet status = statement.executeQuery(
          "SELECT status, attempts, COUNT(*) FROM feed_message GROUP BY status, attempts ORDER BY status, attempts")) {
        while (status.next()) {
          System.out.println("feed messages " + status.getString(1) + " after " + status.getInt(2)
              + " attempt(s): " + status.getLong(3));
        }
      }
    }
    System.out.println("digest " + HexFormat.of().formatHex(all.digest()));
  }
}
