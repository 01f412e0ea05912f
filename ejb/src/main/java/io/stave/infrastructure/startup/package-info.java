/**
 * Brings the node up in order and wires the application services to the server's resources.
 * Start-up failures become one line in the log and a reason in the readiness checks.
 */
package io.stave.infrastructure.startup;
