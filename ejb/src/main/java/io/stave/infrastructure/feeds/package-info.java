/**
 * The label feeds in the server: the CamelContext with the feed routes (created and stopped by the
 * startup bean, since Camel 4 has no CDI integration), which is also the feeds' way in for HTTP and
 * JMS ({@link io.stave.application.Feeds}), and the JMS listener on the {@code stave.feeds} queue.
 */
package io.stave.infrastructure.feeds;
