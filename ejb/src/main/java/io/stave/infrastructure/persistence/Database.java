package io.stave.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The system of record: the server's {@code StaveDS} datasource (H2 file or PostgreSQL). */
@ApplicationScoped
public class Database {
  public static final String JNDI_NAME = "java:jboss/datasources/StaveDS";

  @Resource(lookup = JNDI_NAME)
  private DataSource dataSource;

  public DataSource dataSource() {
    return dataSource;
  }

  public boolean isReachable() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Whether the configured database is PostgreSQL (else the embedded H2). */
  public static boolean isPostgreSql() {
    return location().startsWith("jdbc:postgresql:");
  }

  /** Where the database is, as configured, for messages (never the password). */
  public static String location() {
    String url = System.getProperty("stave.db.url", System.getenv("STAVE_DB_URL"));
    if (url != null && !url.isBlank()) {
      return url;
    }
    return "the embedded H2 database in "
        + System.getProperty("stave.data.dir", "(server data dir)");
  }
}
