/**
 * The node's embedded Hazelcast member: its configuration, the fact maps the decision path reads
 * through near caches, their loaders from the catalogue tables, and the catalogue that commits to
 * the database (through persistence's {@code CatalogueWriter}) before it reloads the maps.
 */
package io.stave.infrastructure.cluster;
