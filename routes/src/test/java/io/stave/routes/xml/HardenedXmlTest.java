package io.stave.routes.xml;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Every reader comes with an error handler of its own. Without one the JDK parser falls back to a
 * handler that prints "[Fatal Error] …" to System.err, which in WildFly is an unexplained ERROR
 * line in the server log for every malformed file a caller sends.
 */
class HardenedXmlTest {

  @Test
  void a_reader_reports_malformed_xml_to_its_caller_not_to_stderr() throws Exception {
    XMLReader reader = HardenedXml.newReader();
    ErrorHandler handler = reader.getErrorHandler();
    assertNotNull(handler, "no handler means the JDK's printing default");

    SAXParseException fatal = new SAXParseException("unclosed", null);
    assertSame(fatal, assertThrows(SAXParseException.class, () -> handler.fatalError(fatal)));
    SAXParseException error = new SAXParseException("invalid", null);
    assertSame(error, assertThrows(SAXParseException.class, () -> handler.error(error)));
    handler.warning(new SAXParseException("a warning stops nothing", null));

    SAXParseException thrown =
        assertThrows(
            SAXParseException.class,
            () ->
                reader.parse(
                    new InputSource(
                        new ByteArrayInputStream("<a><b></a>".getBytes(StandardCharsets.UTF_8)))));
    assertNotNull(thrown.getMessage());
  }
}
