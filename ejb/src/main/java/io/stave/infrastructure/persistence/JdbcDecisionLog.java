package io.stave.infrastructure.persistence;

import io.stave.application.DecisionLog;
import io.stave.application.DecisionPage;
import io.stave.application.DecisionQuery;
import io.stave.application.LoggedDecision;
import io.stave.application.Metrics;
import io.stave.application.ServiceUnavailableException;
import io.stave.rules.domain.Decision;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The decision log in the database, with group commit: callers hand over their decisions and wait;
 * a writer thread inserts whatever has queued up in a single transaction and then releases every
 * caller in it. A node has one writer by default; more can take groups from the same queue, but on
 * PostgreSQL they made single decisions a quarter slower (smaller groups, more commits, each
 * costing CPU on both sides) and batches only 3–10 % faster (BENCHMARKS.md, "Several log writers").
 * Each writer keeps its connection between commits, so a commit costs no pool checkout and no
 * validation round trip; a connection that fails once is closed and the next commit takes a new
 * one, and a failed group is retried batch by batch on it. Under overload the bounded queue fills
 * and callers get {@link ServiceUnavailableException} (HTTP 503) instead of a decision that was
 * never logged.
 */
public final class JdbcDecisionLog implements DecisionLog, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(JdbcDecisionLog.class.getName());
  private static final int MAX_DECISIONS_PER_COMMIT = 2_000;

  /**
   * Rows per INSERT statement: one statement carries many rows, so a group of a few hundred
   * decisions is a handful of statements (and, on PostgreSQL, of round trips) instead of one per
   * row. 14 parameters a row keeps a full statement far below PostgreSQL's 32,767 parameters.
   */
  static final int DECISIONS_PER_STATEMENT = 100;

  static final int ARTISTS_PER_STATEMENT = 500;
  private static final String DECISION_COLUMNS =
      "INSERT INTO decision_log (decision_id, request_id, feature, use_type, isrc, territory,"
          + " requested_at, verdict, first_reason, policy_version, evaluated_at,"
          + " evaluation_micros, principal, document) VALUES ";
  private static final String DECISION_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String ARTIST_COLUMNS =
      "INSERT INTO decision_artist (decision_id, artist_id) VALUES ";
  private static final String ARTIST_VALUES = "(?, ?)";

  /**
   * A decision as the writer inserts it. Callers build it (the JSON document above all) in their
   * own threads before queueing, so the writers, through which every live decision passes, only
   * bind parameters and talk to the database.
   */
  private record Row(Decision decision, String principal, String document, List<String> artists) {
    static Row of(Decision decision, String principal) {
      return new Row(
          decision,
          principal,
          DecisionDocument.write(decision),
          decision.mainArtistIds().stream().distinct().toList());
    }
  }

  private record Batch(List<Row> rows, CompletableFuture<Void> done) {}

  private record DecisionArtist(String decisionId, String artistId) {}

  private final DataSource dataSource;
  private final BlockingQueue<Batch> queue;
  private final Metrics metrics;
  private final Duration enqueueTimeout;
  private final Duration commitTimeout;
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean closing;

  /** A log with one writer and no metrics. */
  public JdbcDecisionLog(
      DataSource dataSource,
      ThreadFactory threads,
      int queueCapacity,
      Duration enqueueTimeout,
      Duration commitTimeout) {
    this(dataSource, threads, 1, queueCapacity, enqueueTimeout, commitTimeout, Metrics.NONE);
  }

  /**
   * {@code writers}: how many groups may be committing at once, each on its own connection (at
   * least one).
   */
  public JdbcDecisionLog(
      DataSource dataSource,
      ThreadFactory threads,
      int writers,
      int queueCapacity,
      Duration enqueueTimeout,
      Duration commitTimeout,
      Metrics metrics) {
    if (writers < 1) {
      throw new IllegalArgumentException("the decision log needs at least one writer: " + writers);
    }
    this.metrics = metrics;
    this.dataSource = dataSource;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    metrics.watchDecisionLogQueue(queue::size);
    this.enqueueTimeout = enqueueTimeout;
    this.commitTimeout = commitTimeout;
    for (int i = 1; i <= writers; i++) {
      Thread writer = threads.newThread(this::writeUntilClosed);
      writer.setName("stave-decision-log-writer-" + i);
      this.writers.add(writer);
    }
    this.writers.forEach(Thread::start);
  }

  @Override
  public void record(List<Decision> decisions, String principal) {
    if (decisions.isEmpty()) {
      return;
    }
    if (closing) {
      throw new ServiceUnavailableException(
          "the decision log is shutting down; retry on another node");
    }
    List<Row> rows = new ArrayList<>(decisions.size());
    for (Decision decision : decisions) {
      rows.add(Row.of(decision, principal));
    }
    Batch batch = new Batch(rows, new CompletableFuture<>());
    try {
      if (!queue.offer(batch, enqueueTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ServiceUnavailableException(
            "the decision log is overloaded (" + queue.size() + " writes waiting); retry shortly");
      }
      batch.done().get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException("interrupted while logging the decision");
    } catch (TimeoutException e) {
      throw new ServiceUnavailableException(
          "the decision log did not confirm the write within " + commitTimeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ServiceUnavailableException refused) {
        throw new ServiceUnavailableException(refused.getMessage());
      }
      throw new ServiceUnavailableException(
          "the decision log could not write the decision: " + brief(e.getCause()), e.getCause());
    }
  }

  private void writeUntilClosed() {
    HeldConnection connection = new HeldConnection(dataSource);
    try {
      writeUntilClosed(connection);
    } finally {
      connection.release();
    }
  }

  private void writeUntilClosed(HeldConnection connection) {
    while (!closing || !queue.isEmpty()) {
      Batch first;
      try {
        first = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        if (closing) {
          continue;
        }
        Thread.currentThread().interrupt();
        return;
      }
      if (first == null) {
        continue;
      }
      commit(connection, groupStartingWith(first));
    }
  }

  /**
   * {@code first} and whatever queued behind it, up to {@link #MAX_DECISIONS_PER_COMMIT} decisions.
   * The queue is shared by the writers, so what one peeks another may take first: the group holds
   * what its own polls return, which can exceed the bound by the one batch polled in place of the
   * peeked one (at most {@code DecisionService.MAX_BATCH} more; statements are chunked anyway).
   */
  private List<Batch> groupStartingWith(Batch first) {
    List<Batch> group = new ArrayList<>();
    group.add(first);
    int decisions = first.rows().size();
    Batch next;
    while (decisions < MAX_DECISIONS_PER_COMMIT
        && (next = queue.peek()) != null
        && decisions + next.rows().size() <= MAX_DECISIONS_PER_COMMIT) {
      Batch taken = queue.poll();
      if (taken == null) {
        break;
      }
      group.add(taken);
      decisions += taken.rows().size();
    }
    return group;
  }

  /**
   * Writes the group in one transaction; if that fails, each batch alone, so one bad batch fails
   * alone.
   */
  private void commit(HeldConnection connection, List<Batch> group) {
    try {
      long start = System.nanoTime();
      insert(connection, group);
      metrics.decisionLogCommitted(
          group.stream().mapToInt(batch -> batch.rows().size()).sum(), System.nanoTime() - start);
      group.forEach(batch -> batch.done().complete(null));
    } catch (SQLException | RuntimeException groupFailure) {
      if (group.size() == 1) {
        LOG.log(Level.WARNING, "decision log write failed: " + brief(groupFailure));
        group.get(0).done().completeExceptionally(groupFailure);
        return;
      }
      for (Batch batch : group) {
        try {
          insert(connection, List.of(batch));
          batch.done().complete(null);
        } catch (SQLException | RuntimeException failure) {
          LOG.log(Level.WARNING, "decision log write failed: " + brief(failure));
          batch.done().completeExceptionally(failure);
        }
      }
    }
  }

  /**
   * Inserts the group in one transaction. A kept connection may have died while the log was idle (a
   * restarted database, a firewall dropping quiet connections): if the group fails on one, it is
   * tried once more on a new connection before the failure counts.
   */
  private static void insert(HeldConnection held, List<Batch> group) throws SQLException {
    List<Row> rows = new ArrayList<>();
    group.forEach(batch -> rows.addAll(batch.rows()));
    boolean kept = held.kept();
    try {
      insertOnce(held, rows);
    } catch (SQLException e) {
      if (!kept) {
        throw e;
      }
      LOG.log(Level.FINE, "the kept decision log connection failed; retrying on a new one", e);
      insertOnce(held, rows);
    }
  }

  private static void insertOnce(HeldConnection held, List<Row> rows) throws SQLException {
    Connection connection = held.get();
    try {
      insertDecisions(connection, rows);
      insertArtists(connection, rows);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      held.discard();
      throw e;
    }
  }

  /**
   * A writer's connection, kept from one commit to the next and replaced after any failure: the
   * failed transaction is abandoned with it (the database rolls it back when the connection closes)
   * and the next commit starts on a connection the pool has just validated.
   */
  private static final class HeldConnection {
    private final DataSource dataSource;
    private Connection connection;

    HeldConnection(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /** Whether a connection from an earlier commit is kept. */
    boolean kept() {
      return connection != null;
    }

    Connection get() throws SQLException {
      if (connection == null) {
        Connection fresh = dataSource.getConnection();
        try {
          fresh.setAutoCommit(false);
        } catch (SQLException e) {
          close(fresh);
          throw e;
        }
        connection = fresh;
      }
      return connection;
    }

    void discard() {
      if (connection != null) {
        try {
          connection.rollback();
        } catch (SQLException ignored) {
          // The connection is going anyway; closing it ends the transaction on the server.
        }
        release();
      }
    }

    void release() {
      if (connection != null) {
        close(connection);
        connection = null;
      }
    }

    private static void close(Connection connection) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.log(Level.FINE, "closing a decision log connection failed", e);
      }
    }
  }

  private static void insertDecisions(Connection connection, List<Row> rows) throws SQLException {
    for (List<Row> chunk : Sql.chunks(rows, DECISIONS_PER_STATEMENT)) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              Sql.multiRow(DECISION_COLUMNS, DECISION_VALUES, chunk.size()))) {
        int p = 0;
        for (Row row : chunk) {
          Decision decision = row.decision();
          var request = decision.request();
          insert.setString(++p, decision.decisionId());
          insert.setString(++p, request.getRequestId());
          insert.setString(++p, request.getFeature());
          insert.setString(++p, request.getUseType().name());
          insert.setString(++p, request.getIsrc().code());
          insert.setString(++p, request.getTerritory().code());
          insert.setObject(++p, utc(request.getAt()));
          insert.setString(++p, decision.verdict().name());
          insert.setString(++p, decision.reasons().get(0).code().name());
          insert.setLong(++p, decision.policyVersion());
          insert.setObject(++p, utc(decision.evaluatedAt()));
          insert.setLong(++p, decision.evaluationNanos() / 1_000);
          insert.setString(++p, row.principal());
          insert.setString(++p, row.document());
        }
        insert.executeUpdate();
      }
    }
  }

  private static void insertArtists(Connection connection, List<Row> rows) throws SQLException {
    List<DecisionArtist> pairs = new ArrayList<>();
    for (Row row : rows) {
      for (String artist : row.artists()) {
        pairs.add(new DecisionArtist(row.decision().decisionId(), artist));
      }
    }
    for (List<DecisionArtist> chunk : Sql.chunks(pairs, ARTISTS_PER_STATEMENT)) {
      try (PreparedStatement insert =
          connection.prepareStatement(Sql.multiRow(ARTIST_COLUMNS, ARTIST_VALUES, chunk.size()))) {
        int p = 0;
        for (DecisionArtist pair : chunk) {
          insert.setString(++p, pair.decisionId());
          insert.setString(++p, pair.artistId());
        }
        insert.executeUpdate();
      }
    }
  }

  @Override
  public Optional<LoggedDecision> find(String decisionId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT document, principal FROM decision_log WHERE decision_id = ?")) {
      select.setString(1, decisionId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new LoggedDecision(DecisionDocument.read(row.getString(1)), row.getString(2)));
      }
    } catch (SQLException e) {
      throw new ServiceUnavailableException(
          "the decision log cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public DecisionPage list(DecisionQuery query) {
    Sql.Where where =
        new Sql.Where()
            .and("d.feature = ?", query.feature())
            .and("d.isrc = ?", query.isrc() == null ? null : query.isrc().code())
            .and("d.verdict = ?", query.verdict() == null ? null : query.verdict().name())
            .and("d.evaluated_at >= ?", query.from())
            .and("d.evaluated_at < ?", query.to())
            .and(
                "EXISTS (SELECT 1 FROM decision_artist a"
                    + " WHERE a.decision_id = d.decision_id AND a.artist_id = ?)",
                query.artistId());
    try (Connection connection = dataSource.getConnection()) {
      List<LoggedDecision> decisions = new ArrayList<>();
      where.query(
          connection,
          "SELECT d.document, d.principal FROM decision_log d",
          " ORDER BY d.evaluated_at DESC, d.decision_id DESC LIMIT ? OFFSET ?",
          List.of(query.limit() + 1, query.offset()),
          row ->
              decisions.add(
                  new LoggedDecision(DecisionDocument.read(row.getString(1)), row.getString(2))));
      boolean more = decisions.size() > query.limit();
      return new DecisionPage(
          more ? decisions.subList(0, query.limit()) : decisions,
          query.offset(),
          query.limit(),
          more);
    } catch (SQLException e) {
      throw new ServiceUnavailableException(
          "the decision log cannot be read: " + e.getMessage(), e);
    }
  }

  /** The gist of a database error: the driver's own message can quote a whole statement. */
  private static String brief(Throwable e) {
    Throwable cause = e;
    if (e instanceof java.sql.BatchUpdateException batch && batch.getNextException() != null) {
      cause = batch.getNextException();
    }
    String message = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
    int error = message.indexOf("ERROR:");
    if (error >= 0) {
      message = message.substring(error);
    }
    return message.length() > 300 ? message.substring(0, 300) + "…" : message;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** Stops taking decisions, writes what is queued, then stops the writers. */
  @Override
  public void close() {
    closing = true;
    long deadline = System.nanoTime() + commitTimeout.toNanos() * 2;
    try {
      for (Thread writer : writers) {
        writer.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // A caller that passed the closing check just before it was set may have queued after the
    // writers' last look: it hears now that its decision was not logged, not after its timeout.
    for (Batch late = queue.poll(); late != null; late = queue.poll()) {
      late.done()
          .completeExceptionally(
              new ServiceUnavailableException(
                  "the decision log is shutting down; retry on another node"));
    }
  }
}
