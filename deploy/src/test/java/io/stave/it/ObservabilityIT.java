package io.stave.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What integrators and operators get from the running server (issue 14): the OpenAPI document at
 * /openapi is valid OpenAPI 3.1, lists every JAX-RS method, and its examples and schemas hold for
 * the real answers; Swagger UI at /api/docs is behind the login and loads in a browser without a
 * console error; the management port's /metrics lists every metric docs/metrics.md documents; and
 * the client examples of docs/examples run as written.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ObservabilityIT {
  private static final String BASE = "http://127.0.0.1:8080";
  private static final String DOCUMENT_IRI = "https://stave.test/openapi.json";
  private static final Path REPO = Path.of(System.getProperty("stave.repo.root", "..."));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Deployment(testable = false)
  static EnterpriseArchive stave() {
    return StaveDeployment.ear();
  }

  // ---------------------------------------------------------------- OpenAPI

  @Test
  void theDocumentIsValidOpenApi31() throws Exception {
    String document = openApi();
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
    assertTrue(result.getMessages().isEmpty(), "validation messages: " + result.getMessages());
    assertTrue(
        result.getOpenAPI().getOpenapi().startsWith("3.1."), result.getOpenAPI().getOpenapi());
    assertEquals(
        "http",
        result.getOpenAPI().getComponents().getSecuritySchemes().get("basic").getType().toString());
    assertTrue(
        openApiYaml().startsWith("---") || openApiYaml().startsWith("openapi"),
        "without ?format=JSON the document is YAML");
  }

  @Test
  void everyJaxRsMethodIsAnOperationOfTheDocumentAndNoOtherIs() throws Exception {
    JsonNode paths = JSON.readTree(openApi()).get("paths");
    Set<String> documented = new TreeSet<>();
    paths
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        operation -> {
                          if (Set.of("get", "post", "put", "delete", "patch")
                              .contains(operation.getKey())) {
                            documented.add(
                                operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                          }
                        }));
    assertEquals(jaxRsMethods(), documented);
  }

  /**
   * The web module's resource classes: every source file of its REST package with a class-level
   * {@code @Path}, so a resource added later is checked without anyone listing it here.
   */
  private static List<String> resourceClasses() throws java.io.IOException {
    java.nio.file.Path rest =
        java.nio.file.Path.of(
            System.getProperty("stave.repo.root"), "web/src/main/java/io/stave/interfaces/rest");
    List<String> names = new java.util.ArrayList<>();
    try (var files = java.nio.file.Files.list(rest)) {
      for (java.nio.file.Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".java")
            && java.nio.file.Files.readString(file).lines().anyMatch(l -> l.startsWith("@Path("))) {
          names.add(name.substring(0, name.length() - ".java".length()));
        }
      }
    }
    assertTrue(names.size() >= 5, "resource classes found in " + rest + ": " + names);
    return names;
  }

  /** Every resource method of the web module, as "METHOD /api/v1/path", read by reflection. */
  private static Set<String> jaxRsMethods() throws Exception {
    String application =
        Class.forName("io.stave.interfaces.rest.StaveApi")
            .getAnnotation(jakarta.ws.rs.ApplicationPath.class)
            .value();
    Set<String> methods = new TreeSet<>();
    for (String name : resourceClasses()) {
      Class<?> resource = Class.forName("io.stave.interfaces.rest." + name);
      String root = resource.getAnnotation(jakarta.ws.rs.Path.class).value();
      for (Method method : resource.getDeclaredMethods()) {
        for (var annotation : method.getAnnotations()) {
          var httpMethod =
              annotation.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class);
          if (httpMethod != null) {
            jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
            methods.add(
                httpMethod.value() + " " + join(application, root, sub == null ? "" : sub.value()));
          }
        }
      }
    }
    assertTrue(methods.size() >= 25, "found the resources' methods: " + methods);
    return methods;
  }

  private static String join(String... parts) {
    StringBuilder path = new StringBuilder();
    for (String part : parts) {
      String trimmed = part.replaceAll("^/+|/+$", "");
      if (!trimmed.isEmpty()) {
        path.append('/').append(trimmed);
      }
    }
    return path.toString();
  }

  @Test
  void everyJsonExampleValidatesAgainstItsSchema() throws Exception {
    String document = openApi();
    JsonNode paths = JSON.readTree(document).get("paths");
    List<String> checked = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (var path : iterable(paths.properties().iterator())) {
      for (var operation : iterable(path.getValue().properties().iterator())) {
        String at = "/paths/" + pointer(path.getKey()) + "/" + operation.getKey();
        JsonNode op = operation.getValue();
        if (op.has("requestBody") && op.get("requestBody").has("content")) {
          checkExamples(
              document,
              op.get("requestBody").get("content"),
              at + "/requestBody/content",
              checked,
              failures);
        }
        if (op.has("responses")) {
          for (var response : iterable(op.get("responses").properties().iterator())) {
            if (response.getValue().has("content")) {
              checkExamples(
                  document,
                  response.getValue().get("content"),
                  at + "/responses/" + response.getKey() + "/content",
                  checked,
                  failures);
            }
          }
        }
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    assertTrue(checked.size() >= 5, "examples checked: " + checked);
  }

  private static void checkExamples(
      String document, JsonNode content, String at, List<String> checked, List<String> failures)
      throws IOException {
    for (var media : iterable(content.properties().iterator())) {
      if (!media.getKey().contains("json") || !media.getValue().has("examples")) {
        continue;
      }
      String schemaAt = at + "/" + pointer(media.getKey()) + "/schema";
      var schema = registry(document).getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + schemaAt));
      for (var example : iterable(media.getValue().get("examples").properties().iterator())) {
        JsonNode value = example.getValue().get("value");
        String json = value.isTextual() ? value.asText() : JSON.writeValueAsString(value);
        var errors = schema.validate(json, InputFormat.JSON);
        checked.add(at + " " + example.getKey());
        if (!errors.isEmpty()) {
          failures.add(at + " example " + example.getKey() + ": " + errors);
        }
      }
    }
  }

  @Test
  void theRequestExamplesAreAnsweredByTheServer() throws Exception {
    deliverTheDemoRelease();
    JsonNode paths = JSON.readTree(openApi()).get("paths");
    int sent = 0;
    for (String path : List.of("/api/v1/decisions", "/api/v1/decisions/batch")) {
      JsonNode content = paths.get(path).get("post").get("requestBody").get("content");
      for (var media : iterable(content.properties().iterator())) {
        for (var example : iterable(media.getValue().get("examples").properties().iterator())) {
          JsonNode value = example.getValue().get("value");
          String body = value.isTextual() ? value.asText() : JSON.writeValueAsString(value);
          HttpResponse<String> response =
              send("client", "POST", path, media.getKey(), body, media.getKey());
          assertEquals(
              200, response.statusCode(), path + " " + media.getKey() + ": " + response.body());
          if (media.getKey().contains("json")) {
            assertValid(path, "post", "200", response.body());
          }
          sent++;
        }
      }
    }
    assertEquals(4, sent, "JSON and XML examples of a decision and of a batch");
  }

  @Test
  void realAnswersMatchTheDocumentedSchemas() throws Exception {
    deliverTheDemoRelease();
    HttpResponse<String> decision =
        send(
            "client",
            "POST",
            "/api/v1/decisions",
            "application/json",
            "{\"feature\":\"schema-check\",\"useType\":\"AI_CURATION\",\"isrc\":\"GBQZS2600000\",\"territory\":\"SE\"}",
            "application/json");
    assertValid("/api/v1/decisions", "post", "200", decision.body());
    String decisionId = JSON.readTree(decision.body()).get("decisionId").asText();
    assertValid(
        "/api/v1/decisions/{decisionId}",
        "get",
        "200",
        get("auditor", "/api/v1/decisions/" + decisionId).body());
    assertValid(
        "/api/v1/decisions", "get", "200", get("auditor", "/api/v1/decisions?limit=5").body());
    assertValid(
        "/api/v1/recordings/{isrc}",
        "get",
        "200",
        get("client", "/api/v1/recordings/GBQZS2600000").body());
    String messages = get("feeds", "/api/v1/feeds/messages?limit=5").body();
    assertValid("/api/v1/feeds/messages", "get", "200", messages);
    String messageId = JSON.readTree(messages).get("messages").get(0).get("messageId").asText();
    assertValid(
        "/api/v1/feeds/messages/{id}",
        "get",
        "200",
        get("feeds", "/api/v1/feeds/messages/" + messageId).body());
    String versions = get("auditor", "/api/v1/policies").body();
    assertValid("/api/v1/policies", "get", "200", versions);
    long version = JSON.readTree(versions).get("versions").get(0).get("version").asLong();
    assertValid(
        "/api/v1/policies/{version}",
        "get",
        "200",
        get("auditor", "/api/v1/policies/" + version).body());
    assertValid(
        "/api/v1/policies/{version}/files",
        "get",
        "200",
        get("auditor", "/api/v1/policies/" + version + "/files").body());
    assertValid(
        "/api/v1/policies/audit", "get", "200", get("auditor", "/api/v1/policies/audit").body());
    assertValid(
        "/api/v1/policies/nodes", "get", "200", get("auditor", "/api/v1/policies/nodes").body());
    assertValid(
        "/api/v1/policies/{version}/validate",
        "post",
        "200",
        send(
                "author",
                "POST",
                "/api/v1/policies/" + version + "/validate",
                "application/json",
                "",
                "application/json")
            .body());
    HttpResponse<String> problem =
        send(
            "client",
            "POST",
            "/api/v1/decisions",
            "application/json",
            "{\"useType\":\"AI_SINGING\"}",
            "application/json");
    assertEquals(400, problem.statusCode());
    assertValid("/api/v1/decisions", "post", "400", problem.body());
  }

  private static void assertValid(String path, String method, String status, String body)
      throws IOException, InterruptedException {
    String document = openApi();
    JsonNode responses =
        JSON.readTree(document).get("paths").get(path).get(method).get("responses");
    JsonNode response = responses.get(status);
    assertTrue(response != null, method + " " + path + " documents no " + status);
    String at = "/paths/" + pointer(path) + "/" + method + "/responses/" + status;
    if (response.has("$ref")) {
      at = response.get("$ref").asText().substring(1);
      response = JSON.readTree(document).at(at);
    }
    String media =
        response.get("content").has("application/json")
            ? "application/json"
            : "application/problem+json";
    var schema =
        registry(document)
            .getSchema(
                SchemaLocation.of(
                    DOCUMENT_IRI + "#" + at + "/content/" + pointer(media) + "/schema"));
    var errors = schema.validate(body, InputFormat.JSON);
    assertTrue(errors.isEmpty(), method + " " + path + " " + status + ": " + errors + "\n" + body);
  }

  private static SchemaRegistry registry(String document) {
    return SchemaRegistry.withDialect(
        Dialects.getOpenApi31(), builder -> builder.schemas(Map.of(DOCUMENT_IRI, document)));
  }

  private static String pointer(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static <T> Iterable<T> iterable(Iterator<T> iterator) {
    return () -> iterator;
  }

  // ---------------------------------------------------------------- Swagger UI

  @Test
  void swaggerUiIsBehindTheSameLoginAsTheApi() throws Exception {
    assertEquals(401, get(null, "/api/docs/index.html").statusCode());
    HttpResponse<String> page = get("auditor", "/api/docs/index.html");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("swagger-ui-bundle.js"), page.body());
    assertEquals(200, get("client", "/api/docs/swagger-ui-bundle.js").statusCode());
  }

  @Test
  void swaggerUiLoadsInChromiumWithNoConsoleError() throws Exception {
    ChromeOptions options = new ChromeOptions();
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    Path profile = Files.createTempDirectory("stave-chromium-");
    ChromeDriver browser = Chromium.start(profile, options);
    try {
      // Chromium answers the server's 401 Basic challenge with the URL's credentials, as it does
      // with what a person types into its login dialog, and sends them with the page's later
      // requests; the page must still fetch /openapi without them in its URL (fetch() refuses).
      browser.get("http://auditor:auditor@127.0.0.1:8080/api/docs/index.html");
      new WebDriverWait(browser, Duration.ofSeconds(60))
          .until(driver -> !driver.findElements(By.cssSelector(".opblock")).isEmpty());
      String title = browser.findElement(By.cssSelector(".info .title")).getText();
      assertTrue(title.startsWith("Stave"), title);
      int operations = browser.findElements(By.cssSelector(".opblock")).size();
      assertTrue(operations >= 25, operations + " operations shown");
      List<String> errors =
          browser.manage().logs().get(LogType.BROWSER).getAll().stream()
              .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
              .map(LogEntry::toString)
              .toList();
      assertTrue(errors.isEmpty(), "console errors: " + errors);
    } finally {
      browser.quit();
      Chromium.deleteProfile(profile);
    }
  }

  // ---------------------------------------------------------------- metrics

  @Test
  void theManagementPortListsEveryDocumentedMetric() throws Exception {
    deliverTheDemoRelease();
    send(
        "feeds",
        "POST",
        "/api/v1/feeds/consents",
        "text/csv",
        "artist,useType,choice,effectiveFrom,source\nmetrics-artist,AI_TRAINING,OPT_OUT,2026-01-01,metrics test\n",
        "application/json");
    for (String useType : List.of("AI_CURATION", "AI_TRAINING", "AI_VOICEOVER")) {
      assertEquals(
          200,
          send(
                  "client",
                  "POST",
                  "/api/v1/decisions",
                  "application/json",
                  "{\"feature\":\"metrics-check\",\"useType\":\""
                      + useType
                      + "\",\"isrc\":\"GBQZS2600000\",\"territory\":\"SE\"}",
                  "application/json")
              .statusCode());
    }
    send(
        "client",
        "POST",
        "/api/v1/decisions/batch",
        "application/json",
        "{\"requests\":[{\"feature\":\"metrics-check\",\"useType\":\"AI_ANALYSIS\",\"isrc\":\"GBQZS2600001\",\"territory\":\"SE\"}]}",
        "application/json");

    HttpResponse<String> metrics =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:9990/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, metrics.statusCode());
    Set<String> served = new TreeSet<>();
    for (String line : metrics.body().split("\n")) {
      if (line.startsWith("stave_")) {
        served.add(line.split("[{ ]", 2)[0].replaceAll("_(bucket|count|sum)$", ""));
      }
    }
    Set<String> documented = documentedMetrics();
    assertTrue(
        served.containsAll(documented),
        "documented but not served: "
            + documented.stream().filter(m -> !served.contains(m)).collect(Collectors.toList())
            + "\n"
            + metrics
                .body()
                .lines()
                .filter(l -> l.startsWith("stave_"))
                .collect(Collectors.joining("\n")));
    assertTrue(
        documented.containsAll(served),
        "served but not documented: "
            + served.stream().filter(m -> !documented.contains(m)).collect(Collectors.toList()));
    assertTrue(
        metrics
            .body()
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("stave_decisions_total{")
                        && l.contains("feature=\"metrics-check\"")),
        "decisions are counted by feature");
    assertTrue(
        metrics
            .body()
            .lines()
            .anyMatch(l -> l.startsWith("stave_cluster_members") && l.endsWith(" 1.0")),
        "one member");
  }

  private static Set<String> documentedMetrics() throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher row =
        Pattern.compile("(?m)^\\| `(stave_[a-z_]+)` \\|")
            .matcher(Files.readString(REPO.resolve("docs/metrics.md")));
    while (row.find()) {
      names.add(row.group(1));
    }
    assertTrue(names.size() >= 10, "docs/metrics.md lists " + names);
    return names;
  }

  // ---------------------------------------------------------------- client examples

  @Test
  void theCurlWalkThroughRunsAsWritten() throws Exception {
    Process walk =
        new ProcessBuilder("bash", REPO.resolve("docs/examples/walkthrough.sh").toString())
            .redirectErrorStream(true)
            .start();
    walk.getOutputStream().close();
    String output = new String(walk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(walk.waitFor(120, TimeUnit.SECONDS), output);
    assertEquals(0, walk.exitValue(), output);
    assertTrue(output.contains("\"decision\":\"PERMIT\""), output);
    assertTrue(output.contains("\"decision\":\"DENY\""), output);
    assertTrue(output.contains("ARTIST_OPTED_OUT"), output);
    assertTrue(output.contains("<decision>"), "the XML answer: " + output);
    assertTrue(output.contains("\"compiles\":true"), output);
  }

  @Test
  void theJavaClientRunsAsWritten() throws Exception {
    deliverTheDemoRelease();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process client =
        new ProcessBuilder(
                java.toString(),
                REPO.resolve("docs/examples/java/DecisionClient.java").toString(),
                BASE,
                "client",
                "client",
                "GBQZS2600000")
            .redirectErrorStream(true)
            .start();
    String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(client.waitFor(120, TimeUnit.SECONDS), output);
    assertEquals(0, client.exitValue(), output);
    assertTrue(output.startsWith("Decision: {"), output);
    assertTrue(output.contains("\"decision\":\"PERMIT\""), output);
  }

  // ---------------------------------------------------------------- helpers

  /** The demo's release 0 through the HTTP feed (idempotent: a second delivery changes nothing). */
  private static void deliverTheDemoRelease() throws IOException, InterruptedException {
    byte[] release = Files.readAllBytes(REPO.resolve("deploy/src/main/demo/release-00000.xml"));
    HttpResponse<String> response =
        HTTP.send(
            request("feeds", "/api/v1/feeds/ern")
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(release))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
  }

  private static String openApi() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(BASE + "/openapi?format=JSON")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  private static String openApiYaml() throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(BASE + "/openapi")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static HttpResponse<String> get(String user, String path)
      throws IOException, InterruptedException {
    return HTTP.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> send(
      String user, String method, String path, String contentType, String body, String accept)
      throws IOException, InterruptedException {
    return HTTP.send(
        request(user, path)
            .header("Content-Type", contentType)
            .header("Accept", accept)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String user, String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30));
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    return request;
  }
}
