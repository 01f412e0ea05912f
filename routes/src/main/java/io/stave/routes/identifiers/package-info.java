/**
 * Format and check-character tests for the identifiers feeds carry (ISNI, DPID, IPI and the like),
 * answering with a reason instead of throwing, so a caller decides whether a bad value rejects a
 * record or only warns.
 */
package io.stave.routes.identifiers;
