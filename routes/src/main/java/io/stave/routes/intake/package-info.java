/**
 * A feed message's way in: {@link io.stave.routes.intake.FeedParser} reads it with the reader of
 * its kind (ERN, consents, split sheets) into facts, and {@link io.stave.routes.intake.FeedIntake}
 * files it in the ledger, applies it or rejects it with its problems, once per message id.
 */
package io.stave.routes.intake;
