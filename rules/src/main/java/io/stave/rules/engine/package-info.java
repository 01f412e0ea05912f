/**
 * Turns a policy version (DRL files and decision tables) into a compiled rule base once, and
 * evaluates decision requests against it. The engine owns the guarantees authors cannot switch off:
 * deny by default, deny on any doubt (unknown recording, rule error, deadline, fire limit), and no
 * PERMIT without a split sheet.
 */
package io.stave.rules.engine;
