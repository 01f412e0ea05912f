package io.stave.interfaces.rest.problem;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The 401 answer as a problem document. Authentication fails in the container, before the API runs,
 * and the container would answer with an HTML page; {@code web.xml} sends its 401s here (an error
 * dispatch: status and {@code WWW-Authenticate} challenge are kept), for every method.
 */
@WebServlet(urlPatterns = UnauthenticatedServlet.PATH)
public class UnauthenticatedServlet extends HttpServlet {
  static final String PATH = "/problems/unauthenticated";
  private static final long serialVersionUID = 1L;
  private static final String BODY =
      "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
          + "\"detail\":\"this URL needs an authenticated caller: HTTP Basic with a Stave user's"
          + " name and password (or a bearer token where OIDC is configured)\"}";

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setContentType(Problem.JSON);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    if (!"HEAD".equals(request.getMethod())) {
      response.getOutputStream().write(body);
    }
  }
}
