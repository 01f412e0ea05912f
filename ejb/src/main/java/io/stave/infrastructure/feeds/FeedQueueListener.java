package io.stave.infrastructure.feeds;

import io.stave.routes.feed.FeedChannel;
import io.stave.routes.feed.FeedFormat;
import io.stave.routes.feed.FeedKind;
import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedReceipt;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * The JMS channel: messages on queue {@code stave.feeds} (WildFly's embedded broker) go to the same
 * intake route as files and HTTP posts. String properties {@code kind} ({@code ern}, {@code
 * consents}, {@code splits}) and {@code format} ({@code xml}, {@code csv}, {@code json}) say what
 * the body (text or bytes) is. A message that is rejected is acknowledged, with its status REJECTED
 * in the ledger. One session per node, so messages apply in queue order (a split sheet sent after
 * another for the same recording replaces it, not the other way round); one that fails for an
 * infrastructure reason, or that does not say what it is, is rolled back and redelivered by the
 * broker, which ends on its dead-letter queue.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = "java:/jms/queue/stave/feeds"),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
    })
// The feed ledger commits the message's status and its facts in its own database transactions (the
// status first, so the bytes are safe, then facts and APPLIED together); a container transaction
// around them would forbid that. Without one, the broker still redelivers when onMessage throws.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FeedQueueListener implements MessageListener {
  private static final Logger LOG = Logger.getLogger(FeedQueueListener.class.getName());

  @Inject CamelRuntime feeds;

  @Override
  public void onMessage(Message message) {
    try {
      String id = message.getJMSMessageID();
      FeedKind kind = FeedKind.fromWireName(message.getStringProperty("kind")).orElse(null);
      FeedFormat format =
          FeedFormat.recognise(message.getStringProperty("format"))
              .orElse(kind == FeedKind.ERN ? FeedFormat.XML : null);
      byte[] body = body(message);
      if (kind == null || format == null) {
        // Not acknowledged: the broker retries and then keeps it on its dead-letter queue
        // (jms.queue.DLQ).
        throw new IllegalArgumentException(
            "JMS message "
                + id
                + " is not applied: it needs string properties"
                + " kind (ern|consents|splits) and format (xml|csv|json)");
      }
      FeedReceipt receipt =
          feeds.submit(new FeedMessage(kind, format, FeedChannel.JMS, "jms:" + id, body));
      LOG.fine(() -> "JMS message " + id + " → " + receipt.messageId() + " " + receipt.status());
    } catch (JMSException e) {
      throw new IllegalStateException("cannot read JMS message: " + e.getMessage(), e);
    }
  }

  private static byte[] body(Message message) throws JMSException {
    if (message instanceof TextMessage text) {
      return text.getText() == null ? new byte[0] : text.getText().getBytes(StandardCharsets.UTF_8);
    }
    if (message instanceof BytesMessage bytes) {
      byte[] body = new byte[(int) bytes.getBodyLength()];
      bytes.readBytes(body);
      return body;
    }
    return message.getBody(byte[].class);
  }
}
