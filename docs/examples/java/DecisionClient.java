import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A feature client of Stave with nothing but the JDK: asks one decision and prints the answer.
 * Run it as a single-file program (JDK 17 or newer):
 *
 * <pre>
 * java docs/examples/java/DecisionClient.java http://localhost:8080 client client GBQZS2600000
 * </pre>
 *
 * ObservabilityIT runs exactly this against the server of the integration tests.
 */
public class DecisionClient {
  public static void main(String[] args) throws Exception {
    String base = args.length > 0 ? args[0] : "http://localhost:8080";
    String user = args.length > 1 ? args[1] : "client";
    String password = args.length > 2 ? args[2] : "client";
    String isrc = args.length > 3 ? args[3] : "GBQZS2600000";

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String credentials =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    String body =
        """
        {"requestId":"java-client-1","feature":"ai-playlist","useType":"AI_CURATION",\
        "isrc":"%s","territory":"SE"}"""
            .formatted(isrc);

    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/decisions"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Basic " + credentials)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    switch (response.statusCode()) {
      case 200 -> System.out.println("Decision: " + response.body());
      case 503 -> {
        // The node cannot answer safely now (no policy yet, too few cluster members, the
        // decision log cannot write): retry after Retry-After seconds, or ask another node.
        System.err.println(
            "Unavailable, retry after "
                + response.headers().firstValue("Retry-After").orElse("1")
                + " s: "
                + response.body());
        System.exit(3);
      }
      default -> {
        // Every error is an application/problem+json document that says what was wrong.
        System.err.println("HTTP " + response.statusCode() + ": " + response.body());
        System.exit(2);
      }
    }
  }
}
