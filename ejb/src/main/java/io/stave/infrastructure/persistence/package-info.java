/**
 * Persistence adapters: Flyway migrations, the decision log with group commit, policy versions, the
 * feed messages, and the catalogue tables with one repository per aggregate ({@code
 * CatalogueRepository} holds them; {@code CatalogueWriter} writes a change across them in one
 * transaction). The database is the system of record; everything here speaks plain SQL that runs on
 * H2 and PostgreSQL alike, with the shared JDBC mechanics in {@code Sql}.
 */
package io.stave.infrastructure.persistence;
