/**
 * The generated label feed of the ingest benchmark: ERN 4.3 and 4.3.2 release messages, consents
 * and split sheets, the same on every run (fixed seeds).
 */
package io.stave.bench.feeds;
