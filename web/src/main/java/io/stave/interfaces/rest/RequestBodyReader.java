package io.stave.interfaces.rest;

import io.stave.interfaces.rest.dto.BatchRequestBody;
import io.stave.interfaces.rest.dto.DecisionRequestBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads the decision API's request bodies, in place of the container's JSON-B and JAXB readers:
 * within the size limit ({@link RequestBodies}), and through the hardened JSON and XML readers, so
 * that deep nesting, invalid UTF-8, entities and values of the wrong type are 4xx problem documents
 * naming what is wrong, never a 500. Application providers take precedence over the container's for
 * the same media type.
 */
@Provider
@Consumes({
  MediaType.APPLICATION_JSON,
  "application/*+json",
  "text/json",
  MediaType.APPLICATION_XML,
  MediaType.TEXT_XML,
  "application/*+xml",
  "text/*+xml"
})
public class RequestBodyReader implements MessageBodyReader<Object> {
  static final String LIMIT_SETTING = "STAVE_API_MAX_REQUEST_BYTES";

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == DecisionRequestBody.class || type == BatchRequestBody.class;
  }

  @Override
  public Object readFrom(
      Class<Object> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> headers,
      InputStream body) {
    byte[] bytes =
        RequestBodies.read(
            body,
            headers.getFirst(HttpHeaders.CONTENT_LENGTH),
            RequestBodies.DECISION_LIMIT,
            LIMIT_SETTING);
    boolean xml =
        mediaType != null
            && mediaType.getSubtype().toLowerCase(java.util.Locale.ROOT).matches("(.*\\+)?xml");
    if (BatchRequestBody.class.equals(type)) {
      return xml ? XmlRequests.batch(bytes) : JsonRequests.batch(bytes);
    }
    return xml ? XmlRequests.single(bytes) : JsonRequests.single(bytes);
  }
}
