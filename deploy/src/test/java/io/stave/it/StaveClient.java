package io.stave.it;

import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Talks to the running server over HTTP, as a client with a user name and password would. */
final class StaveClient {
  static final URI BASE = URI.create("http://127.0.0.1:8080/api/v1/");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String authorization;

  private StaveClient(URI base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  static StaveClient as(String user) {
    return as(user, 8080);
  }

  /** A client of the node whose HTTP port is {@code port} (8080 plus its port offset). */
  static StaveClient as(String user, int port) {
    return as(user, URI.create("http://127.0.0.1:" + port + "/api/v1/"));
  }

  /** A user of the server whose API is at {@code base} (e.g. a node started by run.sh). */
  static StaveClient as(String user, URI base) {
    return new StaveClient(
        base,
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
  }

  static StaveClient anonymous() {
    return new StaveClient(BASE, null);
  }

  HttpResponse<String> post(String path, String contentType, String accept, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", contentType)
            .header("Accept", accept)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return send(request);
  }

  /**
   * Posts raw bytes: {@code contentType} null sends no Content-Type; {@code chunked} sends the body
   * without a Content-Length, as a streaming client would.
   */
  HttpResponse<String> postBytes(String path, String contentType, byte[] body, boolean chunked)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(120))
            .header("Accept", "application/json")
            .POST(
                chunked
                    ? HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  /** Posts a body as the bytes given, e.g. a feed message in UTF-16. */
  HttpResponse<String> postBytes(String path, String contentType, byte[] body)
      throws IOException, InterruptedException {
    return postBytes(path, contentType, body, false);
  }

  HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
    return post(path, "application/json", "application/json", body);
  }

  HttpResponse<byte[]> getBytes(String path, String accept)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", accept)
            .GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json")
            .GET());
  }

  /** A request with any method and no body, e.g. a PUT where the API takes none. */
  HttpResponse<String> withoutBody(String method, String path)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json")
            .method(method, HttpRequest.BodyPublishers.noBody()));
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A feed message's status record once it is decided (no longer RECEIVED), asking as the feed
   * integrator until it is or 30 s have passed.
   */
  static JsonObject feedMessageOnceDecided(String messageId) {
    String path = "feeds/messages/" + URLEncoder.encode(messageId, StandardCharsets.UTF_8);
    return await("feed message " + messageId + " applied or rejected")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              HttpResponse<String> response = as("feeds").get(path);
              return response.statusCode() == 200 ? json(response) : null;
            },
            status -> status != null && !"RECEIVED".equals(status.getString("status")));
  }

  /** Letters no earlier run is likely to have used, e.g. for an ISRC registrant. */
  static String randomLetters(int count) {
    java.util.Random random = new java.util.Random();
    StringBuilder letters = new StringBuilder();
    for (int i = 0; i < count; i++) {
      letters.append((char) ('A' + random.nextInt(26)));
    }
    return letters.toString();
  }

  static JsonObject json(HttpResponse<String> response) {
    return Json.createReader(new StringReader(response.body())).readObject();
  }
}
