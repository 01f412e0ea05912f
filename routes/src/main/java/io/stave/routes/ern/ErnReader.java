package io.stave.routes.ern;

import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.FeedRejectedException;
import io.stave.routes.xml.HardenedXml;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.UnmarshallerHandler;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventLocator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Reads an ERN 4.3 or 4.3.2 {@code NewReleaseMessage} or {@code PurgeReleaseMessage}: through the
 * hardened parser, into the JAXB classes generated for the version its root element names,
 * validated against that version's schema as it is read (so a use type or element the schema does
 * not know is a rejection, never a silently empty field), and described version-neutrally. Every
 * problem names its line and column. Thread-safe.
 */
public final class ErnReader {
  private static final String XSD_ROOT = "/io/stave/routes/ddex/xsd/";
  private static final String AVS_FILE = "allowed-value-sets.xsd";
  private static final int MAX_PROBLEMS = 50;

  /** The ERN messages Stave reads; any other (e.g. an ERN 3 UpdateReleaseMessage) is rejected. */
  private static final java.util.Set<String> READ_ROOTS =
      java.util.Set.of("NewReleaseMessage", "PurgeReleaseMessage");

  private final Map<ErnVersion, JAXBContext> bindings = new EnumMap<>(ErnVersion.class);
  private final Map<ErnVersion, Schema> schemas = new EnumMap<>(ErnVersion.class);

  public ErnReader() {
    try {
      bindings.put(
          ErnVersion.ERN_43,
          JAXBContext.newInstance(
              io.stave.routes.ddex.ern43.NewReleaseMessage.class,
              io.stave.routes.ddex.ern43.PurgeReleaseMessage.class));
      bindings.put(
          ErnVersion.ERN_432,
          JAXBContext.newInstance(
              io.stave.routes.ddex.ern432.NewReleaseMessage.class,
              io.stave.routes.ddex.ern432.PurgeReleaseMessage.class));
    } catch (JAXBException e) {
      throw new IllegalStateException("the ERN JAXB classes do not load: " + e, e);
    }
    SchemaFactory factory = HardenedXml.newSchemaFactory();
    factory.setResourceResolver(
        (type, namespace, publicId, systemId, baseUri) -> {
          if (systemId != null && systemId.endsWith(AVS_FILE)) {
            return bundled(XSD_ROOT + AVS_FILE);
          }
          throw new IllegalStateException("schema " + systemId + " is not one Stave ships");
        });
    for (ErnVersion version : ErnVersion.values()) {
      URL xsd = ErnReader.class.getResource(XSD_ROOT + version.schemaPath());
      try {
        schemas.put(
            version, factory.newSchema(new StreamSource(xsd.openStream(), xsd.toExternalForm())));
      } catch (SAXException | IOException e) {
        throw new IllegalStateException(
            "the shipped ERN " + version.label() + " schema does not compile: " + e, e);
      }
    }
  }

  /** The message, or a {@link FeedRejectedException} listing what is wrong where. */
  public ErnMessage read(byte[] xml) {
    ErnVersion version = versionOf(xml);
    List<FeedProblem> problems = new ArrayList<>();
    try {
      Unmarshaller unmarshaller = bindings.get(version).createUnmarshaller();
      unmarshaller.setSchema(schemas.get(version));
      unmarshaller.setEventHandler(event -> collect(problems, event));
      UnmarshallerHandler target = unmarshaller.getUnmarshallerHandler();

      XMLReader reader = HardenedXml.newReader();
      reader.setContentHandler(target);
      reader.setErrorHandler(new Collector(problems));
      reader.parse(new InputSource(new ByteArrayInputStream(xml)));
      if (!problems.isEmpty()) {
        throw new FeedRejectedException(problems);
      }
      Object root = target.getResult();
      if (root instanceof io.stave.routes.ddex.ern43.NewReleaseMessage message) {
        return Ern43Adapter.describe(message);
      }
      if (root instanceof io.stave.routes.ddex.ern432.NewReleaseMessage message) {
        return Ern432Adapter.describe(message);
      }
      if (root instanceof io.stave.routes.ddex.ern43.PurgeReleaseMessage message) {
        return Ern43Adapter.describe(message);
      }
      if (root instanceof io.stave.routes.ddex.ern432.PurgeReleaseMessage message) {
        return Ern432Adapter.describe(message);
      }
      throw new FeedRejectedException(
          new FeedProblem("root element", "is not a NewReleaseMessage or PurgeReleaseMessage"));
    } catch (SAXParseException e) {
      problems.add(at(e.getLineNumber(), e.getColumnNumber(), explain(e.getMessage())));
      throw new FeedRejectedException(problems);
    } catch (TooManyProblems e) {
      problems.add(
          new FeedProblem(
              "message", "more than " + MAX_PROBLEMS + " problems; the rest are not listed"));
      throw new FeedRejectedException(problems);
    } catch (UnmarshalException e) {
      if (problems.isEmpty()) {
        problems.add(
            new FeedProblem("message", "cannot be read as ERN " + version.label() + ": " + e));
      }
      throw new FeedRejectedException(problems);
    } catch (SAXException | JAXBException | IOException e) {
      problems.add(
          new FeedProblem(
              "message",
              "cannot be read as ERN " + version.label() + ": " + explain(e.getMessage())));
      throw new FeedRejectedException(problems);
    }
  }

  /** Reads only as far as the root element, to pick the schema. */
  private static ErnVersion versionOf(byte[] xml) {
    if (isBlank(xml)) {
      // The parser would only say "Premature end of file", which does not tell a sender why.
      throw new FeedRejectedException(
          new FeedProblem(
              "line 1, column 1",
              "is empty; expected an ERN NewReleaseMessage or PurgeReleaseMessage"));
    }
    XMLReader reader = HardenedXml.newReader();
    RootElement root = new RootElement();
    reader.setContentHandler(root);
    reader.setErrorHandler(new Collector(new ArrayList<>()));
    try {
      reader.parse(new InputSource(new ByteArrayInputStream(xml)));
    } catch (RootElement.Found found) {
      return ErnVersion.ofNamespace(found.namespace)
          .filter(v -> READ_ROOTS.contains(found.localName))
          .orElseThrow(
              () ->
                  new FeedRejectedException(
                      new FeedProblem(
                          "root element",
                          "is {"
                              + found.namespace
                              + "}"
                              + found.localName
                              + "; expected NewReleaseMessage or"
                              + " PurgeReleaseMessage in the ERN 4.3 ("
                              + ErnVersion.ERN_43.namespace()
                              + ") or ERN 4.3.2 ("
                              + ErnVersion.ERN_432.namespace()
                              + ") namespace")));
    } catch (SAXParseException e) {
      throw new FeedRejectedException(
          at(e.getLineNumber(), e.getColumnNumber(), explain(e.getMessage())));
    } catch (SAXException | IOException e) {
      throw new FeedRejectedException(
          new FeedProblem("message", "is not XML: " + explain(e.getMessage())));
    }
    throw new FeedRejectedException(new FeedProblem("message", "has no root element"));
  }

  private static boolean collect(List<FeedProblem> problems, ValidationEvent event) {
    ValidationEventLocator where = event.getLocator();
    String what = explain(event.getMessage());
    problems.add(
        where == null
            ? new FeedProblem("message", what)
            : at(where.getLineNumber(), where.getColumnNumber(), what));
    if (problems.size() >= MAX_PROBLEMS) {
      throw new TooManyProblems();
    }
    return true;
  }

  private static FeedProblem at(int line, int column, String what) {
    return new FeedProblem("line " + line + ", column " + column, what);
  }

  /**
   * Keeps the parser's sentence, drops the spec-section prefix such as "cvc-complex-type.2.4.a: ".
   */
  private static boolean isBlank(byte[] xml) {
    for (byte b : xml) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  private static String explain(String message) {
    if (message == null) {
      return "unreadable";
    }
    return message.replaceFirst("^cvc-[a-zA-Z0-9.-]+: ", "");
  }

  private static LSInput bundled(String path) {
    InputStream in = ErnReader.class.getResourceAsStream(path);
    URL url = ErnReader.class.getResource(path);
    return new BundledSchema(in, url.toExternalForm());
  }

  /** An error or fatal error from the parser or a validator, as a problem with its position. */
  private record Collector(List<FeedProblem> problems) implements ErrorHandler {
    @Override
    public void warning(SAXParseException e) {
      // Schema warnings are not about the message.
    }

    @Override
    public void error(SAXParseException e) {
      problems.add(at(e.getLineNumber(), e.getColumnNumber(), explain(e.getMessage())));
      if (problems.size() >= MAX_PROBLEMS) {
        throw new TooManyProblems();
      }
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXParseException {
      throw e;
    }
  }

  private static final class TooManyProblems extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyProblems() {
      super(null, null, false, false);
    }
  }

  /** Stops the parse at the root element once its name is known. */
  private static final class RootElement extends org.xml.sax.helpers.DefaultHandler {
    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
        throws Found {
      throw new Found(uri, localName);
    }

    static final class Found extends SAXException {
      private static final long serialVersionUID = 1L;
      final String namespace;
      final String localName;

      Found(String namespace, String localName) {
        super("root element found");
        this.namespace = namespace;
        this.localName = localName;
      }
    }
  }
}
