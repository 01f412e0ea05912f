package io.stave.interfaces.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's documentation stands on its own: every link in the README, BENCHMARKS.md and docs/
 * points to a file of this repository that exists, to a heading, to the running server (localhost),
 * or to a public standard; nothing points outside the repository (a sibling folder like ../shared)
 * or to a site that may change under it. The Grafana dashboard in docs/ queries only metrics
 * docs/metrics.md documents.
 */
class DocumentationLinksTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  /** Public standards the documentation may cite. */
  private static final Set<String> STANDARDS =
      Set.of(
          "www.rfc-editor.org",
          "datatracker.ietf.org",
          "spec.openapis.org",
          "www.w3.org",
          "json-schema.org",
          "ddex.net",
          "kb.ddex.net",
          "www.iso.org",
          "openmetrics.io",
          "jakarta.ee",
          "microprofile.io");

  /** Addresses that are the reader's own running node, not a site. */
  private static final Set<String> LOCAL = Set.of("localhost", "127.0.0.1");

  private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern AUTOLINK = Pattern.compile("<(https?://[^>\\s]+)>");
  private static final Pattern BARE_URL = Pattern.compile("(?<![\\w/@])(https?://[^\\s)<>`'\"{]+)");

  @Test
  void everyLinkStaysInTheRepositoryOrPointsToAPublicStandard() throws IOException {
    List<String> wrong = new ArrayList<>();
    int links = 0;
    for (Path document : documents()) {
      String text = Files.readString(document);
      for (Pattern pattern : List.of(MARKDOWN_LINK, AUTOLINK, BARE_URL)) {
        Matcher link = pattern.matcher(text);
        while (link.find()) {
          links++;
          String problem = check(document, link.group(1));
          if (problem != null) {
            wrong.add(REPO.relativize(document) + ": " + link.group(1) + " " + problem);
          }
        }
      }
    }
    assertTrue(links > 20, "links found: " + links);
    assertEquals(List.of(), wrong);
  }

  @Test
  void aLinkOutOfTheRepositoryIsCaught() {
    Path readme = REPO.resolve("README.md");
    assertTrue(check(readme, "../shared/DESIGN.md") != null);
    assertTrue(check(readme, "https://example.com/guide") != null);
    assertTrue(check(readme, "docs/no-such-file.md") != null);
    assertEquals(null, check(readme, "docs/contract.md"));
    assertEquals(null, check(readme, "#tests"));
    assertEquals(null, check(readme, "https://www.rfc-editor.org/rfc/rfc9457"));
    assertEquals(null, check(readme, "http://localhost:8080/openapi"));
  }

  /** Why the link is wrong, or null when it is fine. */
  static String check(Path document, String target) {
    if (target.startsWith("#") || target.startsWith("mailto:")) {
      return null;
    }
    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      URI uri;
      try {
        uri = URI.create(target.replaceAll("[.,;:]+$", ""));
      } catch (IllegalArgumentException e) {
        return "is not a valid address";
      }
      String host = uri.getHost() == null ? "" : uri.getHost();
      if (LOCAL.contains(host) || STANDARDS.contains(host) || host.endsWith(".example")) {
        return null;
      }
      return "leaves the repository (only public standards and the local node may be linked)";
    }
    String file = target.replaceAll("#.*$", "");
    Path resolved = document.getParent().resolve(file).normalize();
    if (!resolved.startsWith(REPO)) {
      return "points outside the repository";
    }
    return Files.exists(resolved) ? null : "names a file that does not exist";
  }

  private static List<Path> documents() throws IOException {
    List<Path> documents = new ArrayList<>();
    documents.add(REPO.resolve("README.md"));
    documents.add(REPO.resolve("BENCHMARKS.md"));
    try (Stream<Path> docs = Files.walk(REPO.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
    }
    return documents;
  }

  @Test
  void theGrafanaDashboardQueriesOnlyDocumentedMetrics() throws IOException {
    JsonObject dashboard =
        Json.createReader(
                new StringReader(Files.readString(REPO.resolve("docs/grafana-dashboard.json"))))
            .readObject();
    Set<String> documented = new TreeSet<>();
    Matcher row =
        Pattern.compile("(?m)^\\| `(stave_[a-z_]+)` \\|")
            .matcher(Files.readString(REPO.resolve("docs/metrics.md")));
    while (row.find()) {
      documented.add(row.group(1));
    }
    Set<String> queried = new TreeSet<>();
    for (JsonValue panel : dashboard.getJsonArray("panels")) {
      for (JsonValue target : panel.asJsonObject().getJsonArray("targets")) {
        Matcher metric =
            Pattern.compile("stave_[a-z_]+").matcher(target.asJsonObject().getString("expr"));
        while (metric.find()) {
          queried.add(metric.group().replaceAll("_(bucket|count|sum)$", ""));
        }
      }
    }
    assertTrue(queried.size() >= 8, "the dashboard shows " + queried);
    queried.removeAll(documented);
    assertEquals(Set.of(), queried, "queried but not documented");
  }
}
