package io.stave.interfaces.rest.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An error RESTEasy does not map still reaches the client as a 500 problem document, no stack
 * trace.
 */
class LastResortFilterTest {
  private final Map<String, Object> written = new HashMap<>();
  private final StringWriter body = new StringWriter();

  private HttpServletRequest request() {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getMethod" -> "POST";
                  case "getRequestURI" -> "/api/v1/decisions";
                  default -> null;
                });
  }

  private HttpServletResponse response(boolean committed) {
    return (HttpServletResponse)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {HttpServletResponse.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "isCommitted" -> committed;
                  case "setStatus", "setContentType", "setCharacterEncoding" ->
                      written.put(method.getName(), args[0]);
                  case "reset" -> written.put("reset", true);
                  case "getWriter" -> new PrintWriter(body, true);
                  default -> null;
                });
  }

  @Test
  void aStackOverflowBecomesA500ProblemDocumentWithAnIncident() throws Exception {
    FilterChain overflowing =
        (req, res) -> {
          throw new StackOverflowError();
        };
    new LastResortFilter().doFilter(request(), response(false), overflowing);

    assertEquals(500, written.get("setStatus"));
    assertEquals("application/problem+json", written.get("setContentType"));
    assertEquals(true, written.get("reset"), "whatever was buffered is dropped");
    JsonObject problem = Json.createReader(new StringReader(body.toString())).readObject();
    assertEquals(500, problem.getInt("status"));
    assertTrue(
        problem
            .getString("detail")
            .matches("Unexpected error; quote incident [0-9a-f-]{36} to the operators\\."),
        problem.getString("detail"));
    assertFalse(
        body.toString().contains("StackOverflowError"), "no exception name, no stack trace");
  }

  @Test
  void aCommittedResponseIsLeftAsItIs() throws Exception {
    new LastResortFilter()
        .doFilter(
            request(),
            response(true),
            (req, res) -> {
              throw new OutOfMemoryError("test");
            });
    assertTrue(written.isEmpty());
    assertEquals("", body.toString());
  }

  @Test
  void aNormalRequestPassesUntouched() throws Exception {
    boolean[] called = {false};
    new LastResortFilter().doFilter(request(), response(false), (req, res) -> called[0] = true);
    assertTrue(called[0]);
    assertTrue(written.isEmpty());
  }
}
