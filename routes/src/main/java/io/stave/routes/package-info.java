/**
 * Camel route builders for the label feeds (DDEX ERN, consents, split sheets). The server's startup
 * bean owns the CamelContext these routes run in. The feed routes themselves are not built yet
 * (issue 4): the context starts with no routes.
 */
package io.stave.routes;
