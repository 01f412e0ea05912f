/**
 * Transparent revenue: usage reported against permitting decisions, the close of an accounting
 * period through the policy version's revenue rules, and the statements each payee gets. The
 * arithmetic lives in the rules module ({@code io.stave.rules.revenue}); this package checks, books
 * and keeps.
 */
package io.stave.application.revenue;
