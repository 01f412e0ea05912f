package io.stave.interfaces.rest;

import io.stave.interfaces.rest.dto.BatchRequestBody;
import io.stave.interfaces.rest.dto.DecisionRequestBody;
import io.stave.interfaces.rest.problem.FieldError;
import io.stave.interfaces.rest.problem.InvalidRequestException;
import io.stave.routes.xml.HardenedXml;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.UnmarshallerHandler;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventLocator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Decision request bodies from XML: through the feeds' hardened parser ({@link HardenedXml}: a
 * DOCTYPE is refused, so no DTD, external entity or entity expansion; at most 64 levels), then into
 * the JAXB classes. A value JAXB cannot convert ({@code <policyVersion>abc</policyVersion>}) or an
 * unexpected root element is a 400 naming the element and its line, where JAXB on its own would
 * skip it silently. So is an element given twice ({@code <useType>} twice, or two context entries
 * with one key): JAXB keeps the last, another reader may keep the first, and a request must not
 * mean two things.
 */
final class XmlRequests {
  private static final JAXBContext BINDING = binding();

  private XmlRequests() {}

  static DecisionRequestBody single(byte[] body) {
    return read(body, DecisionRequestBody.class, "decisionRequest");
  }

  static BatchRequestBody batch(byte[] body) {
    return read(body, BatchRequestBody.class, "batch");
  }

  private static <T> T read(byte[] body, Class<T> type, String rootName) {
    List<FieldError> errors = new ArrayList<>();
    ElementPath path = new ElementPath(errors);
    try {
      Unmarshaller unmarshaller = BINDING.createUnmarshaller();
      unmarshaller.setEventHandler(
          event -> {
            errors.add(error(path, event));
            return errors.size() < 20;
          });
      UnmarshallerHandler target = unmarshaller.getUnmarshallerHandler();
      path.setParent(HardenedXml.newReader());
      path.setContentHandler(target);
      // The filter puts itself between parser and handlers; it must refuse entities as the parser
      // would.
      path.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entities are not allowed (" + systemId + ")");
          });
      path.parse(new InputSource(new ByteArrayInputStream(body)));
      Object result = errors.isEmpty() ? target.getResult() : null;
      if (errors.isEmpty() && !type.isInstance(result)) {
        errors.add(new FieldError("body", "the root element must be <" + rootName + ">"));
      }
      if (!errors.isEmpty()) {
        throw new InvalidRequestException("The body has elements Stave cannot read.", errors);
      }
      return type.cast(result);
    } catch (SAXParseException e) {
      String where = "line " + e.getLineNumber() + ", column " + e.getColumnNumber();
      throw new InvalidRequestException(
          "The body is not XML Stave can read: " + where + ": " + e.getMessage(),
          List.of(new FieldError("body", where + ": " + e.getMessage())));
    } catch (SAXException | JAXBException | IOException | IllegalStateException e) {
      // IllegalStateException: JAXB's handler has no result after it was told to stop.
      if (!errors.isEmpty()) {
        throw new InvalidRequestException("The body has elements Stave cannot read.", errors);
      }
      throw new InvalidRequestException(
          "The body is not XML Stave can read: " + e.getMessage(),
          List.of(new FieldError("body", String.valueOf(e.getMessage()))));
    }
  }

  private static FieldError error(ElementPath path, ValidationEvent event) {
    ValidationEventLocator at = event.getLocator();
    String where =
        at == null || at.getLineNumber() < 0
            ? ""
            : "line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ": ";
    String what =
        event.getMessage() == null && event.getLinkedException() != null
            ? event.getLinkedException().toString()
            : event.getMessage();
    return new FieldError(path.field(), where + what);
  }

  private static JAXBContext binding() {
    try {
      return JAXBContext.newInstance(DecisionRequestBody.class, BatchRequestBody.class);
    } catch (JAXBException e) {
      throw new IllegalStateException("the request classes do not bind to XML: " + e, e);
    }
  }

  /**
   * Passes the parse through to JAXB and remembers where it is, to name the element at fault; adds
   * an error for an element its parent already has (only a batch's requests and a context's
   * entries, each with its own key, repeat).
   */
  private static final class ElementPath extends XMLFilterImpl {
    private final Deque<String> open = new ArrayDeque<>();
    private final Deque<Set<String>> children = new ArrayDeque<>();
    private final List<FieldError> errors;
    private Locator locator;

    ElementPath(List<FieldError> errors) {
      this.errors = errors;
    }

    @Override
    public void setDocumentLocator(Locator locator) {
      this.locator = locator;
      super.setDocumentLocator(locator);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts)
        throws SAXException {
      String name = localName == null || localName.isEmpty() ? qName : localName;
      String parent = open.peekLast();
      if (parent != null) {
        String child = name;
        String field = field().equals("body") ? name : field() + "." + name;
        if ("context".equals(parent) && "entry".equals(name)) {
          child = "entry key=" + atts.getValue("key");
          field = field() + "." + atts.getValue("key");
        }
        boolean repeats = "batch".equals(parent) && "request".equals(name) && open.size() == 1;
        if (!repeats && !children.getLast().add(child)) {
          String where =
              locator == null
                  ? ""
                  : "line "
                      + locator.getLineNumber()
                      + ", column "
                      + locator.getColumnNumber()
                      + ": ";
          errors.add(new FieldError(field, where + "appears twice"));
        }
      }
      open.addLast(name);
      children.addLast(new HashSet<>());
      super.startElement(uri, localName, qName, atts);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
      super.endElement(uri, localName, qName);
      open.pollLast();
      children.pollLast();
    }

    /** The element path below the root, e.g. {@code request.policyVersion}; "body" at the root. */
    String field() {
      return open.size() <= 1
          ? "body"
          : String.join(".", new ArrayList<>(open).subList(1, open.size()));
    }
  }
}
