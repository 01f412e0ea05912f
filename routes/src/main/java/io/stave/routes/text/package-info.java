/**
 * Untrusted text: strict UTF-8 decoding that names where bytes stop being UTF-8, and the one
 * depth-limited, non-recursive JSON reader that feed messages and API request bodies go through.
 */
package io.stave.routes.text;
