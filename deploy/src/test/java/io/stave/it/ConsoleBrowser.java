package io.stave.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, driven through /usr/bin/chromedriver (nothing downloaded), signed in to the
 * console as one user. The console sits behind the server's HTTP Basic login of the "Stave" realm:
 * a person answers the browser's login dialog once and the browser then sends the credentials with
 * every request; headless Chromium has no dialog, so the same {@code Authorization} header is set
 * through the DevTools protocol ({@code Network.setExtraHTTPHeaders}) before the first page loads.
 */
final class ConsoleBrowser implements AutoCloseable {
  static final String CONSOLE = "http://127.0.0.1:8080/console/";
  static final Path SCREENSHOTS =
      Path.of(System.getProperty("stave.build.dir", "target"), "console-screenshots");

  final ChromeDriver driver;
  final String user;
  private final Path profile;
  private final WebDriverWait wait;

  ConsoleBrowser(String user) throws IOException {
    this.user = user;
    profile = Files.createTempDirectory("stave-console-" + user);
    driver = Chromium.start(profile, new ChromeOptions());
    // a laptop screen
    driver.manage().window().setSize(new Dimension(1366, 900));
    driver.executeCdpCommand("Network.enable", Map.of());
    String credentials =
        Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    driver.executeCdpCommand(
        "Network.setExtraHTTPHeaders",
        Map.of("headers", Map.of("Authorization", "Basic " + credentials)));
    wait = new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(100));
  }

  /** Opens a screen of the console and waits until it shows, signed in as this user. */
  ConsoleBrowser open(String screen) {
    driver.get(CONSOLE + "#/" + screen);
    waitFor(By.cssSelector("nav.main a[data-screen='" + screen + "'][aria-current='page']"));
    assertTrue(
        find(By.cssSelector("[data-testid=who]")).getText().contains(user),
        "the console names who is signed in");
    return this;
  }

  /** Loads the console at a screen without waiting for it (for a user who may have none). */
  ConsoleBrowser load(String screen) {
    driver.get(CONSOLE + "#/" + screen);
    return this;
  }

  /** Switches screens the way a person does: through the navigation. */
  ConsoleBrowser go(String screen) {
    find(By.cssSelector("nav.main a[data-screen='" + screen + "']")).click();
    waitFor(By.cssSelector("nav.main a[data-screen='" + screen + "'][aria-current='page']"));
    return this;
  }

  WebElement find(By by) {
    return driver.findElement(by);
  }

  List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  WebElement waitFor(By by) {
    // a wait ends on any non-null value: an empty Optional would end it at once
    return wait.until(
        d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  <T> T until(String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(100))
        .withMessage(what)
        .until(condition);
  }

  /** Waits until the element's text contains the text, and returns the text. */
  String waitForText(By by, String text) {
    return until(
        "text '" + text + "' in " + by,
        d -> {
          List<WebElement> found = d.findElements(by);
          return found.isEmpty() || !found.get(0).getText().contains(text)
              ? null
              : found.get(0).getText();
        });
  }

  void click(By by) {
    waitFor(by);
    wait.until(d -> d.findElement(by).isEnabled());
    find(by).click();
  }

  Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Saves a screenshot of the whole page as target/console-screenshots/{name}.png. */
  @SuppressWarnings("unchecked")
  void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
    byte[] png;
    if (size == null) {
      png = driver.getScreenshotAs(OutputType.BYTES);
    } else {
      Map<String, Object> shot =
          driver.executeCdpCommand(
              "Page.captureScreenshot",
              Map.of(
                  "format",
                  "png",
                  "captureBeyondViewport",
                  true,
                  "clip",
                  Map.of(
                      "x",
                      0,
                      "y",
                      0,
                      "width",
                      ((Number) size.get("width")).doubleValue(),
                      "height",
                      Math.min(((Number) size.get("height")).doubleValue(), 4000),
                      "scale",
                      1)));
      png = Base64.getDecoder().decode((String) shot.get("data"));
    }
    Files.write(SCREENSHOTS.resolve(name + ".png"), png);
  }

  /**
   * Runs axe-core (the npm package the console's build installs) on the page and fails on any
   * serious or critical violation of WCAG 2.0/2.1/2.2 A and AA, naming each.
   */
  void assertAccessible(String screen) throws IOException {
    Path axe =
        Path.of(
            System.getProperty("stave.repo.root", ".."),
            "web/src/main/console/node_modules/axe-core/axe.min.js");
    assertTrue(
        Files.isReadable(axe), axe + " is missing: build the web module first (it runs npm ci)");
    script(Files.readString(axe));
    @SuppressWarnings("unchecked")
    Map<String, Object> result =
        (Map<String, Object>)
            driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {runOnly: {type: 'tag', values:"
                    + " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
                    + ".then(r => done({violations: r.violations.map(v => ({id: v.id, impact:"
                    + " v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n =>"
                    + " n.target.join(' '))})), passes: r.passes.length}))"
                    + ".catch(e => done({error: String(e)}));");
    assertEquals(null, result.get("error"), "axe-core failed to run on " + screen);
    List<String> serious = new ArrayList<>();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> violations = (List<Map<String, Object>>) result.get("violations");
    for (Map<String, Object> v : violations) {
      if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
        serious.add(
            v.get("impact") + " " + v.get("id") + ": " + v.get("help") + " at " + v.get("nodes"));
      }
    }
    assertTrue(
        ((Number) result.get("passes")).intValue() > 0, "axe-core checked nothing on " + screen);
    assertEquals(List.of(), serious, "serious or critical accessibility violations on " + screen);
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      Chromium.deleteProfile(profile);
    }
  }
}
