package io.stave.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JMS channel as a label's integration uses it: an Artemis client sends to the server's {@code
 * stave.feeds} queue over the HTTP port, authenticated as a feed integrator.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FeedQueueIT {
  private static final String BROKER =
      "tcp://127.0.0.1:8080?httpUpgradeEnabled=true&enable1xPrefixes=true";

  @Deployment(testable = false)
  static EnterpriseArchive stave() {
    return StaveDeployment.ear();
  }

  @Test
  void aConsentMessageSentToTheQueueIsApplied() throws Exception {
    String artist = "isni:jms-" + UUID.randomUUID();
    String csv =
        "artist,useType,choice,effectiveFrom,source\n"
            + artist
            + ",AI_TRAINING,OPT_IN,2026-01-01,jms test\n";
    try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(BROKER);
        JMSContext context = factory.createContext("feeds", "feeds")) {
      context
          .createProducer()
          .setProperty("kind", "consents")
          .setProperty("format", "csv")
          .send(context.createQueue("stave.feeds"), csv);
    }

    JsonObject status = StaveClient.feedMessageOnceDecided("consents:sha256:" + sha256(csv));
    assertEquals("APPLIED", status.getString("status"), status.toString());
    assertEquals("JMS", status.getString("channel"));
  }

  @Test
  void onlyFeedIntegratorsMaySendToTheQueue() throws Exception {
    try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(BROKER)) {
      JMSRuntimeException refused =
          assertThrows(
              JMSRuntimeException.class,
              () -> {
                try (JMSContext context = factory.createContext("client", "client")) {
                  context.createProducer().send(context.createQueue("stave.feeds"), "x");
                }
              });
      assertEquals(
          true,
          refused instanceof JMSSecurityRuntimeException
              || String.valueOf(refused.getMessage()).contains("AMQ229032"),
          String.valueOf(refused));
    }
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
