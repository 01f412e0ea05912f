/**
 * Benchmarks of the decision path on generated data of realistic shape (100k recordings, 20k
 * artists, 5k deals with per-territory terms, 50k consents), with a Cedar peer that encodes the
 * same licensing and consent policy and is checked to agree with Stave before anything is timed.
 */
package io.stave.bench;
