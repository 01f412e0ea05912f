package io.stave.routes.intake;

import io.stave.routes.feed.FeedFormat;
import io.stave.routes.feed.FeedKind;
import io.stave.routes.feed.FeedMessage;
import io.stave.routes.xml.HardenedXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The ordering key of a feed message, read cheaply before the message is parsed for real: for an
 * ERN {@code NewReleaseMessage}, the release key {@code ErnMapper} will give it (sender {@code
 * PartyId}, then the first of the main release's ICPN, GRid, proprietary id and catalogue number),
 * so two messages about one release always get the same key. The reader stops at the end of the
 * main release's {@code ReleaseId}, without the schema and without JAXB, through the same hardened
 * parser as the real read.
 *
 * <p>Anything else has no key (null), and is applied as a barrier: consents and split sheets (they
 * name artists and recordings, not releases), purges (they may name a release by another of its
 * identifiers), and any message the pre-read cannot place (malformed XML is then rejected by the
 * real read, in order).
 */
public final class ReleaseKeyPreRead {
  private ReleaseKeyPreRead() {}

  public static String keyOf(FeedMessage message) {
    if (message.kind() != FeedKind.ERN || message.format() != FeedFormat.XML) {
      return null;
    }
    Handler handler = new Handler();
    try {
      XMLReader reader = HardenedXml.newReader();
      reader.setContentHandler(handler);
      reader.parse(new InputSource(new ByteArrayInputStream(message.body())));
    } catch (Found found) {
      return handler.key();
    } catch (SAXException | IOException | RuntimeException e) {
      return null;
    }
    return null;
  }

  /** Thrown to stop reading once the key is known. */
  private static final class Found extends SAXException {
    private static final long serialVersionUID = 1L;

    Found() {
      super("release key found", null);
    }
  }

  private static final class Handler extends DefaultHandler {
    private final StringBuilder text = new StringBuilder();
    private int depth;
    private boolean newRelease;
    private boolean inHeader;
    private boolean inSender;
    private boolean inReleaseList;
    private int mainReleaseDepth = -1;
    private boolean inReleaseId;
    private String sender;
    private String icpn;
    private String grid;
    private String proprietaryId;
    private String proprietaryNamespace;
    private String pendingNamespace;
    private String catalogNumber;

    /** As {@code ErnMapper} makes it: {@code <sender>/icpn:…} (else grid:, prop:, catalog:). */
    String key() {
      if (sender == null || sender.isBlank()) {
        return null;
      }
      String release;
      if (present(icpn)) {
        release = "icpn:" + icpn.trim();
      } else if (present(grid)) {
        release = "grid:" + grid.trim();
      } else if (proprietaryId != null) {
        release = "prop:" + proprietaryNamespace + ":" + proprietaryId.trim();
      } else if (present(catalogNumber)) {
        release = "catalog:" + catalogNumber.trim();
      } else {
        return null;
      }
      return sender + "/" + release;
    }

    private static boolean present(String value) {
      return value != null && !value.isBlank();
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
        throws SAXException {
      depth++;
      text.setLength(0);
      if (depth == 1) {
        newRelease = localName.equals("NewReleaseMessage");
        if (!newRelease) {
          throw new SAXException("not a NewReleaseMessage");
        }
      } else if (depth == 2) {
        inHeader = localName.equals("MessageHeader");
        inReleaseList = localName.equals("ReleaseList");
      } else if (depth == 3 && inHeader) {
        inSender = localName.equals("MessageSender");
      } else if (depth == 3 && inReleaseList && localName.equals("Release")) {
        mainReleaseDepth = depth;
      } else if (mainReleaseDepth > 0
          && depth == mainReleaseDepth + 1
          && localName.equals("ReleaseId")) {
        inReleaseId = true;
      } else if (inReleaseId && localName.equals("ProprietaryId")) {
        pendingNamespace = attributes.getValue("Namespace");
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
      if (inSender && depth == 4 && localName.equals("PartyId") && sender == null) {
        sender = text.toString().trim();
      } else if (inReleaseId && depth == mainReleaseDepth + 2) {
        String value = text.toString();
        switch (localName) {
          case "ICPN" -> icpn = value;
          case "GRid" -> grid = value;
          case "ProprietaryId" -> {
            if (proprietaryId == null) {
              proprietaryId = value;
              proprietaryNamespace = pendingNamespace;
            }
          }
          case "CatalogNumber" -> catalogNumber = value;
          default -> {}
        }
      } else if (inReleaseId && depth == mainReleaseDepth + 1) {
        throw new Found();
      }
      if (depth == 3 && inHeader) {
        inSender = false;
      }
      text.setLength(0);
      depth--;
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (text.length() < 1000) {
        text.append(ch, start, length);
      }
    }
  }
}
