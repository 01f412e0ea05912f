/**
 * The CamelContext that runs the label feeds, created and stopped by the startup bean because
 * Camel 4 has no CDI integration.
 */
package io.stave.infrastructure.feeds;
