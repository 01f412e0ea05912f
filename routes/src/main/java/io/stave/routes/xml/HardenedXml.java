package io.stave.routes.xml;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * The one place Stave makes XML parsers for feed messages. Every reader it hands out refuses a
 * DOCTYPE outright (so no DTD, no external entity and no entity expansion can happen), loads no
 * external DTD or schema, and caps element depth, attributes per element, name length and entity
 * sizes; messages above the feed size limit are refused before they reach a parser. The JDK's own
 * parser is used on purpose ({@code newDefaultInstance}): inside WildFly the plain {@code
 * newInstance} may return a differently configured parser from the server's modules.
 */
public final class HardenedXml {
  /** Deeper than any ERN 4.3 message nests (about 15 levels), far below what exhausts a stack. */
  public static final int MAX_ELEMENT_DEPTH = 64;

  private static final String DISALLOW_DOCTYPE =
      "http://apache.org/xml/features/disallow-doctype-decl";
  private static final String EXTERNAL_GENERAL_ENTITIES =
      "http://xml.org/sax/features/external-general-entities";
  private static final String EXTERNAL_PARAMETER_ENTITIES =
      "http://xml.org/sax/features/external-parameter-entities";
  private static final String LOAD_EXTERNAL_DTD =
      "http://apache.org/xml/features/nonvalidating/load-external-dtd";
  private static final String JDK_LIMIT = "http://www.oracle.com/xml/jaxp/properties/";

  private static final SAXParserFactory FACTORY = newFactory();

  /**
   * Errors go to the caller as exceptions, warnings nowhere. Without a handler the JDK parser
   * prints every fatal error to System.err, i.e. into the server log, for each malformed file a
   * caller sends; callers that collect problems set their own handler.
   */
  private static final ErrorHandler THROW_ERRORS =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {}

        @Override
        public void error(SAXParseException exception) throws SAXParseException {
          throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXParseException {
          throw exception;
        }
      };

  private HardenedXml() {}

  /** A new namespace-aware reader with every protection on (readers are not thread-safe). */
  public static XMLReader newReader() {
    try {
      XMLReader reader = FACTORY.newSAXParser().getXMLReader();
      reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      // Belt and braces: with DOCTYPE refused no entity can be declared, but the limits stay small
      // (for the JDK's limits 0 would mean "no limit", not "none").
      reader.setProperty(JDK_LIMIT + "maxElementDepth", MAX_ELEMENT_DEPTH);
      reader.setProperty(JDK_LIMIT + "entityExpansionLimit", 16);
      reader.setProperty(JDK_LIMIT + "maxGeneralEntitySizeLimit", 1024);
      reader.setProperty(JDK_LIMIT + "totalEntitySizeLimit", 4096);
      reader.setProperty(JDK_LIMIT + "elementAttributeLimit", 64);
      reader.setProperty(JDK_LIMIT + "maxXMLNameLimit", 1000);
      reader.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entities are not allowed (" + systemId + ")");
          });
      reader.setErrorHandler(THROW_ERRORS);
      return reader;
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException(
          "the JDK XML parser refused a hardening setting: " + e.getMessage(), e);
    }
  }

  /**
   * A schema factory that reads only the schemas Stave ships: the caller resolves imports itself,
   * and any other external access is refused.
   */
  public static SchemaFactory newSchemaFactory() {
    try {
      SchemaFactory factory = SchemaFactory.newDefaultInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      return factory;
    } catch (SAXException e) {
      throw new IllegalStateException(
          "the JDK schema factory refused a hardening setting: " + e.getMessage(), e);
    }
  }

  private static SAXParserFactory newFactory() {
    try {
      SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      factory.setValidating(false);
      factory.setXIncludeAware(false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature(DISALLOW_DOCTYPE, true);
      factory.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
      factory.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
      factory.setFeature(LOAD_EXTERNAL_DTD, false);
      return factory;
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException(
          "the JDK XML parser refused a hardening setting: " + e.getMessage(), e);
    }
  }
}
