package io.stave.interfaces.rest.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** An RFC 9457 problem document, with the bad fields of a 400 listed one by one. */
@XmlRootElement(name = "problem")
@XmlAccessorType(XmlAccessType.FIELD)
public class Problem {
  public static final String JSON = "application/problem+json";
  public static final MediaType JSON_TYPE = MediaType.valueOf(JSON);

  public String type = "about:blank";
  public String title;
  public int status;
  public String detail;

  @XmlElement(name = "error")
  public List<FieldError> errors;

  public static Response response(Response.Status status, String detail) {
    return response(status, detail, null);
  }

  public static Response response(Response.Status status, String detail, List<FieldError> errors) {
    Problem problem = new Problem();
    problem.title = status.getReasonPhrase();
    problem.status = status.getStatusCode();
    problem.detail = detail;
    problem.errors = errors == null || errors.isEmpty() ? null : new ArrayList<>(errors);
    return Response.status(status).type(JSON_TYPE).entity(problem).build();
  }
}
