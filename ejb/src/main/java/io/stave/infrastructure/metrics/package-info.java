/**
 * Stave's metrics for operators: the {@code Metrics} port of the application layer in Micrometer,
 * and the CDI producer that hands it the server's registry. Named and described in docs/metrics.md.
 */
package io.stave.infrastructure.metrics;
