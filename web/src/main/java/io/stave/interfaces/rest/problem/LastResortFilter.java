package io.stave.interfaces.rest.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last line: RESTEasy hands exceptions to the mappers but lets errors ({@link
 * StackOverflowError}, {@link OutOfMemoryError} …) through to the container, which would answer
 * with its own page. This filter answers them with the same 500 problem document and incident id
 * the mappers use, and logs the cause. The request readers are built so that hostile input never
 * gets this far.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class LastResortFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(LastResortFilter.class.getName());

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    try {
      chain.doFilter(request, response);
    } catch (Error | RuntimeException | ServletException e) {
      String incident = UUID.randomUUID().toString();
      LOG.log(
          Level.SEVERE,
          "Unexpected error, incident "
              + incident
              + " ("
              + request.getMethod()
              + " "
              + request.getRequestURI()
              + ")",
          e);
      if (response.isCommitted()) {
        return;
      }
      response.reset();
      response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
      response.setContentType(Problem.JSON);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write(document(incident));
    }
  }

  static String document(String incident) {
    return "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,\"detail\":\""
        + ProblemMappers.unexpectedDetail(incident)
        + "\"}";
  }
}
