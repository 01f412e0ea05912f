package io.stave.infrastructure.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Brings the schema to the current version with Flyway; the same scripts run on H2 and PostgreSQL.
 * With a schema name (PostgreSQL, {@code stave.db.schema}) Flyway creates that schema if needed and
 * migrates it; the connection URL must then select it ({@code currentSchema=...}).
 */
public final class Migrations {
  private Migrations() {}

  public static int migrate(DataSource dataSource) {
    return migrate(dataSource, System.getProperty("stave.db.schema"));
  }

  public static int migrate(DataSource dataSource, String schema) {
    FluentConfiguration flyway =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration");
    if (schema != null && !schema.isBlank()) {
      flyway.schemas(schema).createSchemas(true);
    }
    return flyway.load().migrate().migrationsExecuted;
  }
}
