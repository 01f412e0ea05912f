/**
 * The label feeds: {@link io.stave.routes.FeedRoutes} (inbox directory, the intake every channel
 * ends in, replay), the ERN 4.3 / 4.3.2 reader and mapping ({@code ern}), the consent and
 * split-sheet readers ({@code rights}), CSV and JSON records ({@code tabular}), identifier checks
 * ({@code identifiers}), the hardened XML parser ({@code xml}), strict UTF-8 and the depth-limited
 * JSON reader every untrusted body goes through ({@code text}), and the feed model and ledger port
 * ({@code feed}). The server's startup bean runs these routes in its CamelContext.
 */
package io.stave.routes;
