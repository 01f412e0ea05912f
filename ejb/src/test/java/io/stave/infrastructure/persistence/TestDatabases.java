package io.stave.infrastructure.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The real databases the persistence code runs on: always an H2 file database (the embedded
 * default), and PostgreSQL when {@code stave.test.db.url} names one (CI points it at the server on
 * 127.0.0.1:5432). Each gets a fresh database or schema, so tests never see each other's rows.
 */
public final class TestDatabases {
  /** A migrated, empty database with a name to show in test reports. */
  public record TestDatabase(String name, DataSource dataSource) {
    @Override
    public String toString() {
      return name;
    }
  }

  private TestDatabases() {}

  public static List<TestDatabase> all() throws SQLException {
    List<TestDatabase> databases = new ArrayList<>();
    databases.add(h2());
    String postgres = System.getProperty("stave.test.db.url", "");
    if (postgres.startsWith("jdbc:postgresql:")) {
      databases.add(postgres(postgres));
    }
    return databases;
  }

  private static TestDatabase h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    Path file = Path.of("target", "h2", "stave-" + UUID.randomUUID()).toAbsolutePath();
    // Keep the database open between connections, as the server's pool does.
    h2.setURL("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    h2.setPassword("sa");
    Migrations.migrate(h2, null);
    try {
      DurableCommits.ensure(h2); // as the server does at start-up
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new TestDatabase("H2 file", h2);
  }

  private static TestDatabase postgres(String url) throws SQLException {
    PGSimpleDataSource postgres = postgresSchema(url, "stave_test_");
    Migrations.migrate(postgres, postgres.getCurrentSchema());
    return new TestDatabase("PostgreSQL " + postgres.getCurrentSchema(), postgres);
  }

  /**
   * A new, empty schema on the PostgreSQL server {@code url} names (a random name starting with
   * {@code prefix}), and a data source that works in it. The schema is dropped when the test JVM
   * exits, so the shared database does not fill up with the schemas of earlier builds.
   */
  public static PGSimpleDataSource postgresSchema(String url, String prefix) throws SQLException {
    String schema = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    PGSimpleDataSource admin = new PGSimpleDataSource();
    admin.setURL(url);
    admin.setUser(System.getProperty("stave.test.db.user", "postgres"));
    admin.setPassword(System.getProperty("stave.test.db.password", ""));
    try (Connection connection = admin.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(admin, schema)));
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setURL(url);
    postgres.setUser(admin.getUser());
    postgres.setPassword(admin.getPassword());
    postgres.setCurrentSchema(schema);
    return postgres;
  }

  private static void drop(DataSource admin, String schema) {
    try (Connection connection = admin.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
    }
  }
}
