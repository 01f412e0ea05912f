/**
 * The feed model every channel and reader shares: a message and its kind, format and channel, the
 * facts it states ({@link io.stave.routes.feed.FeedFacts}, a {@link
 * io.stave.routes.feed.CatalogueChange} plus what the message says about itself), its problems and
 * status record, and the ledger port ({@link io.stave.routes.feed.FeedLedger}) the server
 * implements. It depends on no reader.
 */
package io.stave.routes.feed;
