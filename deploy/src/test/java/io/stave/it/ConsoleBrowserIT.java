package io.stave.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The policy author console in a real browser (Debian's chromium) against the real server: an
 * author edits a rule, sees the compiler's error at its line, fixes it, edits and verifies a
 * decision table (also one of 5,000 rows), runs the scenarios and the impact analysis, replays a
 * flipped decision as a scenario and submits; an approver approves and activates; a decision then
 * carries the new version. An auditor walks the decision explorer and the catalogue, and a feed
 * integrator replays a rejected message. axe-core checks every screen; screenshots go to
 * target/console-screenshots. Ends with the version that was active before active again.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleBrowserIT {
  private static final By BAR_STATUS = By.cssSelector("[data-testid=bar-status]");

  @Deployment(testable = false)
  static EnterpriseArchive stave() {
    return StaveDeployment.ear();
  }

  // ---- set-up through the API, as the label feed and an AI feature would ----

  /** ISO 7064 MOD 11-2 check character of an ISNI's 15 digits. */
  private static String isni(String digits) {
    int total = 0;
    for (char c : digits.toCharArray()) {
      total = (total + (c - '0')) * 2;
    }
    int check = (12 - total % 11) % 11;
    return digits + (check == 10 ? "X" : String.valueOf(check));
  }

  private static String randomIsni() {
    Random random = new Random();
    StringBuilder digits = new StringBuilder("0000");
    for (int i = 0; i < 11; i++) {
      digits.append(random.nextInt(10));
    }
    return isni(digits.toString());
  }

  /** The template release under an ISRC registrant, message id, ICPN and artist of its own. */
  private static void postRelease(String registrant, String artistIsni) throws Exception {
    String xml;
    try (InputStream in =
        ConsoleBrowserIT.class.getResourceAsStream("/feeds/release-template.xml")) {
      xml =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace("GBQZS26", "GB" + registrant + "26")
              .replace("stave-demo-0-1", "console-" + registrant + "-" + System.nanoTime())
              .replace("0000000500000008", artistIsni)
              .replace(
                  "<ICPN>5060000000009</ICPN>",
                  "<ICPN>5060" + (100_000_000L + new Random().nextInt(899_999_999)) + "</ICPN>");
    }
    HttpResponse<String> response =
        StaveClient.as("feeds")
            .postBytes("feeds/ern", "application/xml", xml.getBytes(StandardCharsets.UTF_8), false);
    assertEquals(200, response.statusCode(), response.body());
  }

  private static HttpResponse<String> postCsv(String kind, String csv) throws Exception {
    return StaveClient.as("feeds").post("feeds/" + kind, "text/csv", "application/json", csv);
  }

  private static JsonObject decide(String feature, String useType, String isrc) throws Exception {
    HttpResponse<String> response =
        StaveClient.as("client")
            .postJson(
                "decisions",
                "{\"feature\":\"%s\",\"useType\":\"%s\",\"isrc\":\"%s\",\"territory\":\"SE\"}"
                    .formatted(feature, useType, isrc));
    assertEquals(200, response.statusCode(), response.body());
    return StaveClient.json(response);
  }

  private static long activeVersion() throws Exception {
    return StaveClient.json(StaveClient.as("auditor").get("policies"))
        .getJsonArray("versions")
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(v -> v.getString("status").equals("ACTIVE"))
        .findFirst()
        .orElseThrow()
        .getJsonNumber("version")
        .longValue();
  }

  private static void restore(long version) throws Exception {
    if (activeVersion() != version) {
      HttpResponse<String> response =
          StaveClient.as("approver").postJson("policies/" + version + "/rollback", "{}");
      assertEquals(200, response.statusCode(), response.body());
    }
  }

  private static void type(ConsoleBrowser browser, CharSequence... keys) {
    new Actions(browser.driver).sendKeys(keys).perform();
  }

  /** Ctrl+End in the focused editor: the cursor to the end of the text. */
  private static void toEnd(ConsoleBrowser browser) {
    new Actions(browser.driver)
        .keyDown(Keys.CONTROL)
        .sendKeys(Keys.END)
        .keyUp(Keys.CONTROL)
        .sendKeys(Keys.ESCAPE)
        .perform();
    assertEquals(
        Boolean.TRUE,
        browser.script(
            "const v = document.querySelector('stave-rules').view;"
                + " return v.state.selection.main.head === v.state.doc.length;"),
        "Ctrl+End put the cursor at the end of the text");
  }

  /** The line of the rule editor's cursor, as CodeMirror counts (from 1). */
  private static long cursorLine(ConsoleBrowser browser) {
    return ((Number)
            browser.script(
                "const v = document.querySelector('stave-rules').view;"
                    + " return v.state.doc.lineAt(v.state.selection.main.head).number;"))
        .longValue();
  }

  private static void fill(ConsoleBrowser browser, By field, String text) {
    WebElement input = browser.waitFor(field);
    input.clear();
    input.sendKeys(text);
  }

  // ---- the tests ----

  @Test
  void theConsoleIsBehindTheSameBasicLoginAsTheApi() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(URI.create(ConsoleBrowser.CONSOLE)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(
        401, anonymous.statusCode(), () -> anonymous.headers().map() + "\n" + anonymous.body());
    assertTrue(
        anonymous
            .headers()
            .firstValue("WWW-Authenticate")
            .orElse("")
            .contains("Basic realm=\"Stave\""),
        anonymous.headers().toString());

    String author = Base64.getEncoder().encodeToString("author:author".getBytes());
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(ConsoleBrowser.CONSOLE))
                .header("Authorization", "Basic " + author)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<stave-console>"), page.body());
    HttpResponse<String> script =
        http.send(
            HttpRequest.newBuilder(URI.create(ConsoleBrowser.CONSOLE + "app.js"))
                .header("Authorization", "Basic " + author)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, script.statusCode());
    assertTrue(
        script.headers().firstValue("Content-Type").orElse("").contains("javascript"),
        script.headers().toString());
  }

  /**
   * A rights holder reads its statements over the API; the console has no screen for it. It showed
   * the Rules screen anyway, with a bare "403: HTTP 403 Forbidden" from the fact model.
   */
  @Test
  void aUserWhoseRolesGiveNoScreenIsToldSoAndShownNone() throws Exception {
    try (ConsoleBrowser holder = new ConsoleBrowser("holder")) {
      holder.load("rules");
      holder.waitForText(By.cssSelector("main"), "Your roles give you no screen of this console");
      assertTrue(holder.all(By.cssSelector("nav.main a")).isEmpty(), "no screen to go to");
      assertTrue(
          holder.all(By.cssSelector("stave-rules")).isEmpty(), "the Rules screen is not shown");
      assertTrue(
          holder.all(By.cssSelector("main .error")).stream().allMatch(e -> e.getText().isBlank()),
          () -> holder.find(By.cssSelector("main")).getText());
    }
  }

  @Test
  void anAuthorChangesARuleAndATableAndAnApproverActivatesIt() throws Exception {
    String registrant = StaveClient.randomLetters(3);
    String feature = "console-" + registrant.toLowerCase();
    String isrc = "GB" + registrant + "2600000";
    postRelease(registrant, randomIsni());
    for (int i = 0; i < 3; i++) {
      assertEquals("PERMIT", decide(feature, "AI_CURATION", isrc).getString("decision"));
    }
    long before = activeVersion();
    String rule = "Console test withholds curation for " + feature;
    String ruleLine =
        "rule \"%s\" when $request : %s( feature == \"%s\", useType == UseType.AI_CURATION )"
            + " then insert( new Denial( ReasonCode.POLICY_DENIED, drools.getRule().getName(),"
            + " \"Withheld by the console test.\" ) ); end";
    long draft;
    try (ConsoleBrowser author = new ConsoleBrowser("author")) {
      author.open("rules");
      author.click(By.cssSelector("[data-action=new-draft]"));
      Matcher created =
          Pattern.compile("Draft v(\\d+) created")
              .matcher(author.waitForText(BAR_STATUS, "created from"));
      assertTrue(created.find());
      draft = Long.parseLong(created.group(1));
      assertTrue(draft > before);
      author.waitForText(By.cssSelector("[data-testid=version-state]"), "v" + draft + " DRAFT");

      tableEditing(author);

      // a rule with a typo: the compiler's error shows at its line, inline and in the list
      author.go("rules");
      author.click(By.cssSelector("button[data-file='licensing.drl']"));
      author.waitFor(By.cssSelector("[data-testid=drl-editor] .cm-content")).click();
      toEnd(author);
      type(author, Keys.ENTER);
      type(author, ruleLine.formatted(rule, "DecisionRequst", feature));
      type(author, Keys.ESCAPE);
      long line = cursorLine(author);
      assertEquals(
          line,
          ((Number)
                  author.script(
                      "return document.querySelector('stave-rules').view.state.doc.lines"))
              .longValue(),
          "the rule was typed on a new last line");
      author.click(By.cssSelector("[data-action=validate]"));
      author.waitForText(By.cssSelector("[data-testid=rules-status]"), "does not compile");
      List<WebElement> problems =
          author.all(By.cssSelector("[data-testid=problems] li.error[data-file='licensing.drl']"));
      assertFalse(problems.isEmpty(), "a problem in licensing.drl is listed");
      assertTrue(
          problems.stream().anyMatch(p -> p.getAttribute("data-line").equals(String.valueOf(line))),
          "the error is at line "
              + line
              + ": "
              + problems.stream().map(WebElement::getText).toList());
      assertTrue(
          problems.stream().anyMatch(p -> p.getText().contains("line " + line)),
          "the list names line " + line);
      assertFalse(
          author.all(By.cssSelector("[data-testid=drl-editor] .cm-lintRange-error")).isEmpty(),
          "the error is marked in the text");
      assertFalse(
          author.all(By.cssSelector("[data-testid=drl-editor] .cm-lint-marker-error")).isEmpty(),
          "the error is marked in the gutter");
      author.screenshot("rules-compile-error");
      author.assertAccessible("rules");

      // fix it: select the line and type it again without the typo
      author.find(By.cssSelector("[data-testid=drl-editor] .cm-content")).click();
      toEnd(author);
      new Actions(author.driver)
          .keyDown(Keys.SHIFT)
          .sendKeys(Keys.HOME)
          .keyUp(Keys.SHIFT)
          .perform();
      type(author, ruleLine.formatted(rule, "DecisionRequest", feature));
      type(author, Keys.ESCAPE);
      author.click(By.cssSelector("[data-action=validate]"));
      author.waitForText(By.cssSelector("[data-testid=rules-status]"), "compiles:");
      assertTrue(
          author.all(By.cssSelector("[data-testid=drl-editor] .cm-lint-marker-error")).isEmpty());

      // scenarios: all pass, and coverage shows the new rule fired in none of them
      author.go("scenarios");
      author.click(By.cssSelector("[data-action=run-scenarios]"));
      String report =
          author.waitForText(By.cssSelector("[data-testid=scenarios-status]"), "passed,");
      assertTrue(report.contains(" 0 failed"), report);
      assertTrue(
          author.waitFor(By.cssSelector("[data-testid=never-fired]")).getText().contains(rule),
          "coverage names the new rule as fired by no scenario");
      author.screenshot("scenarios");
      author.assertAccessible("scenarios");

      // impact: the three logged PERMITs of the feature flip to DENY
      author.go("impact");
      author.click(By.cssSelector("[data-action=run-impact]"));
      author.waitForText(By.cssSelector("[data-testid=impact-status]"), "decisions replayed");
      WebElement byFeature =
          author.waitFor(
              By.cssSelector("[data-testid=impact-by-feature] tr[data-key='" + feature + "']"));
      assertEquals(
          "3",
          byFeature.findElements(By.tagName("td")).get(0).getText(),
          "PERMIT_TO_DENY of " + feature + ": " + byFeature.getText());
      assertFalse(author.all(By.cssSelector("stave-chart svg path")).isEmpty(), "the charts drew");
      author.screenshot("impact");
      author.assertAccessible("impact");

      // drill into a flipped decision and replay it as a scenario
      WebElement flipped =
          author.all(By.cssSelector("[data-testid=impact-sample] tr[data-decision]")).stream()
              .filter(r -> r.getText().contains(feature))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no flipped decision of " + feature + " in the sample"));
      String decisionId = flipped.getAttribute("data-decision");
      flipped.findElement(By.cssSelector("[data-action=open-flip]")).click();
      author.waitForText(
          By.cssSelector("[data-testid=flip-detail] [data-testid=detail-decision]"), "PERMIT");
      author.click(By.cssSelector("[data-action=replay-open]"));
      author.waitFor(By.cssSelector("nav.main a[data-screen='scenarios'][aria-current='page']"));
      author.waitForText(By.cssSelector("[data-testid=scenarios-status]"), "1 scenario(s) added");
      author.click(By.cssSelector("[data-action=run-scenarios]"));
      report = author.waitForText(By.cssSelector("[data-testid=scenarios-status]"), "passed,");
      assertTrue(report.contains(" 1 failed"), "the replay expects the logged PERMIT: " + report);
      WebElement replayed =
          author.waitFor(By.cssSelector("[data-testid=scenario-results] tr[data-passed=false]"));
      assertTrue(replayed.getText().contains(decisionId), replayed.getText());
      replayed.findElement(By.cssSelector("[data-action=accept-actual]")).click();
      author.waitForText(By.cssSelector("[data-testid=scenarios-status]"), "now expects DENY");
      author.click(By.cssSelector("[data-action=run-scenarios]"));
      report = author.waitForText(By.cssSelector("[data-testid=scenarios-status]"), "passed,");
      assertTrue(report.contains(" 0 failed"), report);

      author.click(By.cssSelector("stave-version-bar [data-action=submit]"));
      author.waitForText(BAR_STATUS, "submitted for approval");

      author.go("versions");
      author.click(By.cssSelector("[data-action=diff]"));
      author.waitFor(By.cssSelector("[data-testid=diff-view] .cm-mergeView"));
      assertTrue(
          author
              .find(By.cssSelector("[aria-label='Changed files']"))
              .getText()
              .contains("licensing.drl"));
      author.screenshot("versions-diff");
      author.assertAccessible("versions");
    }

    try (ConsoleBrowser approver = new ConsoleBrowser("approver")) {
      approver.open("versions");
      approver.click(By.cssSelector("tr[data-version='" + draft + "'] button"));
      approver.click(By.cssSelector("[data-action=approve]"));
      approver.waitForText(By.cssSelector("[data-testid=versions-status]"), "approved by approver");
      approver.click(By.cssSelector("[data-action=activate]"));
      approver.waitForText(
          By.cssSelector("[data-testid=versions-status]"), "v" + draft + " is active");
      approver.waitForText(By.cssSelector("[data-testid=node-version]"), String.valueOf(draft));
      approver.screenshot("versions-activated");
      approver.assertAccessible("versions as approver");

      JsonObject decision = decide(feature, "AI_CURATION", isrc);
      assertEquals(draft, decision.getJsonNumber("policyVersion").longValue(), decision.toString());
      assertEquals("DENY", decision.getString("decision"), decision.toString());
      assertTrue(decision.getJsonArray("reasons").toString().contains(rule), decision.toString());
    } finally {
      restore(before);
    }
  }

  /** Verify the table, add a conflicting row and remove it, then a table of 5,000 rows. */
  private static void tableEditing(ConsoleBrowser author) throws Exception {
    author.go("tables");
    author.waitFor(By.cssSelector("[data-testid=grid] tr[data-line='1']"));
    author.click(By.cssSelector("[data-action=verify]"));
    author.waitFor(By.cssSelector("[data-testid=no-findings]"));
    int lines =
        Integer.parseInt(
            author
                .find(By.cssSelector("[data-testid=grid]"))
                .getAttribute("aria-label")
                .replaceAll(".*, (\\d+) lines", "$1"));
    String curationLine =
        author.all(By.cssSelector("[data-testid=grid] tr[data-line]")).stream()
            .filter(
                r ->
                    r.findElements(By.tagName("input")).stream()
                        .anyMatch(i -> "AI_CURATION".equals(i.getDomProperty("value"))))
            .findFirst()
            .orElseThrow()
            .getAttribute("data-line");

    author.find(By.cssSelector("tr[data-line='" + lines + "'] input")).click();
    author.click(By.cssSelector("[data-action=add-row]"));
    int added = lines + 1;
    author.waitForText(By.cssSelector("[data-testid=tables-status]"), "Row added at line " + added);
    List<WebElement> cells = author.all(By.cssSelector("tr[data-line='" + added + "'] input"));
    String[] values = {
      "Curation also generates", "AI_CURATION", "ALLOWED_UNLESS_OPTED_OUT, true, PAY_LICENSOR"
    };
    for (int c = 0; c < values.length; c++) {
      cells.get(c).sendKeys(values[c], Keys.TAB);
    }
    author.click(By.cssSelector("[data-action=verify]"));
    WebElement conflict =
        author.waitFor(By.cssSelector("[data-testid=findings] tr[data-kind=CONFLICT]"));
    assertTrue(
        conflict.getText().contains("Line " + curationLine)
            && conflict.getText().contains("Line " + added),
        conflict.getText());
    author.screenshot("tables-conflict");
    author.assertAccessible("decision tables");
    author.find(By.cssSelector("tr[data-line='" + added + "'] input")).click();
    author.click(By.cssSelector("[data-action=remove-row]"));
    author.click(By.cssSelector("[data-action=verify]"));
    author.waitFor(By.cssSelector("[data-testid=no-findings]"));

    // 5,000 rows: imported as CSV, only the visible rows are in the page, the last reachable
    Path csv =
        Path.of(System.getProperty("stave.build.dir", "target"), "console-5000-rows.drl.csv");
    StringBuilder big = new StringBuilder();
    for (WebElement row : author.all(By.cssSelector("[data-testid=grid] tr[data-line]"))) {
      int line = Integer.parseInt(row.getAttribute("data-line"));
      if (line <= lines - 6) {
        List<String> header =
            row.findElements(By.tagName("input")).stream()
                .map(i -> i.getDomProperty("value"))
                .toList();
        big.append(
                String.join(
                    ",", header.stream().map(h -> "\"" + h.replace("\"", "\"\"") + "\"").toList()))
            .append('\n');
      }
    }
    String[] uses = {
      "AI_CURATION",
      "AI_VOICEOVER",
      "AI_ANALYSIS",
      "AI_DERIVATIVE",
      "AI_VOICE_LIKENESS",
      "AI_TRAINING"
    };
    for (int i = 0; i < 5_000; i++) {
      big.append("\"Generated rule ")
          .append(i)
          .append("\",\"")
          .append(uses[i % uses.length])
          .append("\",\"REQUIRES_OPT_IN, false, REQUIRE_SPLIT_SHEET\"\n");
    }
    Files.writeString(csv, big);
    int total = lines - 6 + 5_000;
    long start = System.nanoTime();
    author.find(By.id("csv-import")).sendKeys(csv.toAbsolutePath().toString());
    author.waitForText(By.cssSelector("[data-testid=tables-status]"), total + " lines imported");
    long importMillis = (System.nanoTime() - start) / 1_000_000;
    int rendered = author.all(By.cssSelector("[data-testid=grid] tr[data-line]")).size();
    assertTrue(
        rendered < 100, rendered + " of " + total + " rows are in the page: not virtualised");
    start = System.nanoTime();
    author.script(
        "const g = document.querySelector('[data-testid=grid]'); g.scrollTop = g.scrollHeight;");
    author.waitFor(By.cssSelector("[data-testid=grid] tr[data-line='" + total + "']"));
    long scrollMillis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "ConsoleBrowserIT: %d-row table imported and shown in %d ms, scrolled to its end in %d ms (%d rows in the page)%n",
        total, importMillis, scrollMillis, rendered);
    assertTrue(
        importMillis < 10_000 && scrollMillis < 5_000, importMillis + " / " + scrollMillis + " ms");
    author.click(By.cssSelector("[data-action=verify]"));
    author.waitForText(By.cssSelector("[data-testid=tables-status]"), "5000 rows:");
    // the generated rows of one use type all do the same: each is redundant beside the others,
    // far more findings than are listed
    assertFalse(
        author.all(By.cssSelector("[data-testid=findings] tr[data-kind=REDUNDANT]")).isEmpty());
    assertTrue(
        author.find(By.tagName("stave-tables")).getText().contains("Only the first 500 findings"));
    author.screenshot("tables-5000-rows");
    author.click(By.cssSelector("[data-action=revert]"));
    author.waitForText(By.cssSelector("[data-testid=tables-status]"), "discarded");
    assertEquals(
        lines + " lines",
        author
            .find(By.cssSelector("[data-testid=grid]"))
            .getAttribute("aria-label")
            .replaceAll(".*, ", ""));
  }

  @Test
  void anAuditorExploresDecisionsAndTheCatalogueAndAFeedIntegratorReplaysAMessage()
      throws Exception {
    String registrant = StaveClient.randomLetters(3);
    String feature = "explore-" + registrant.toLowerCase();
    String isrc = "GB" + registrant + "2600000";
    String artist = randomIsni();
    postRelease(registrant, artist);
    HttpResponse<String> consents =
        postCsv(
            "consents",
            "artist,useType,choice,effectiveFrom,source\n"
                + "isni:%1$s,AI_VOICEOVER,OPT_IN,2026-01-01,console test\n".formatted(artist)
                + "isni:%1$s,AI_VOICEOVER,OPT_OUT,2026-06-01,console test\n".formatted(artist));
    assertEquals(200, consents.statusCode(), consents.body());
    HttpResponse<String> splits =
        postCsv(
            "splits",
            "isrc,useType,party,role,percent\n"
                + isrc
                + ",,dpid:PADPIDA2026112401E,LABEL,70.00\n"
                + isrc
                + ",,isni:"
                + artist
                + ",MAIN_ARTIST,30.00\n");
    assertEquals(200, splits.statusCode(), splits.body());
    HttpResponse<String> rejected =
        postCsv(
            "consents",
            "artist,useType,choice,effectiveFrom,source\nisni:"
                + artist
                + ",AI_TELEPATHY,OPT_IN,2026-01-01,console test "
                + registrant
                + "\n");
    assertEquals(422, rejected.statusCode(), rejected.body());
    String rejectedId = StaveClient.json(rejected).getString("messageId");
    JsonObject permit = decide(feature, "AI_CURATION", isrc);
    assertEquals("PERMIT", permit.getString("decision"), permit.toString());
    decide(feature, "AI_TRAINING", isrc);
    decide(feature, "AI_VOICEOVER", isrc);

    try (ConsoleBrowser auditor = new ConsoleBrowser("auditor")) {
      auditor.open("decisions");
      fill(auditor, By.id("f-feature"), feature);
      auditor.click(By.cssSelector("[data-action=filter]"));
      auditor.until(
          "three decisions of " + feature,
          d ->
              d.findElements(By.cssSelector("[data-testid=decision-list] tbody tr")).size() == 3
                  && d.findElements(By.cssSelector("[data-testid=decision-list] tbody tr")).stream()
                      .allMatch(r -> r.getText().contains(isrc)));
      for (String chart : List.of("chart-outcome", "chart-feature", "chart-use-type")) {
        auditor.until(
            chart + " drawn",
            d -> !d.findElements(By.cssSelector("[data-testid=" + chart + "] svg path")).isEmpty());
      }
      String outcomes =
          auditor.find(By.cssSelector("[data-testid=chart-outcome] svg")).getAttribute("innerHTML");
      assertTrue(
          outcomes.contains("#1e6b35")
              && outcomes.contains("#b3261e")
              && !outcomes.contains("#0a58ca"),
          "PERMIT is drawn green and DENY red, as in the tables: " + outcomes);
      assertTrue(
          auditor
                  .find(By.cssSelector("[data-testid=chart-feature] svg"))
                  .getText()
                  .contains(feature)
              || auditor
                  .find(By.cssSelector("[data-testid=chart-feature] svg"))
                  .getAttribute("innerHTML")
                  .contains(feature),
          "the feature chart's legend names " + feature);
      auditor.click(
          By.cssSelector(
              "[data-testid=decision-list] tr[data-decision='"
                  + permit.getString("decisionId")
                  + "'] [data-action=open-decision]"));
      auditor.waitForText(By.cssSelector("[data-testid=detail-decision]"), "PERMIT");
      assertTrue(
          auditor
              .find(By.cssSelector("[data-testid=detail-reasons]"))
              .getText()
              .contains("LICENSED"));
      assertTrue(
          auditor
              .find(By.cssSelector("[data-testid=detail-obligations]"))
              .getText()
              .contains("REPORT_USAGE"));
      String split = auditor.find(By.cssSelector("[data-testid=detail-split]")).getText();
      assertTrue(split.contains("isni:" + artist) && split.contains("30.00"), split);
      auditor.screenshot("decisions");
      auditor.assertAccessible("decisions");

      auditor.go("catalogue");
      fill(auditor, By.id("isrc"), isrc);
      auditor.click(By.cssSelector("[data-action=lookup]"));
      auditor.waitFor(By.cssSelector("[data-testid=recording]"));
      assertTrue(
          auditor
              .find(By.cssSelector("[data-testid=parties]"))
              .getText()
              .contains("isni:" + artist));
      assertFalse(auditor.all(By.cssSelector("[data-testid=deals] tbody tr")).isEmpty());
      List<WebElement> consentRows = auditor.all(By.cssSelector("[data-testid=consents] tbody tr"));
      assertEquals(2, consentRows.size(), "both consent records, the history kept");
      assertTrue(
          consentRows.get(0).getText().contains("OPT_OUT")
              && consentRows.get(0).getText().endsWith("yes"),
          "the newest, in force: " + consentRows.get(0).getText());
      assertFalse(consentRows.get(1).getText().endsWith("yes"), consentRows.get(1).getText());
      assertTrue(
          auditor.find(By.cssSelector("[data-testid=split-sheet]")).getText().contains("70.00"));
      new org.openqa.selenium.support.ui.Select(auditor.find(By.id("m-status")))
          .selectByVisibleText("REJECTED");
      auditor.click(By.cssSelector("[data-action=filter-messages]"));
      WebElement message =
          auditor.waitFor(
              By.cssSelector("[data-testid=messages] tr[data-message='" + rejectedId + "']"));
      assertTrue(message.getText().contains("AI_TELEPATHY"), message.getText());
      assertTrue(
          message.findElements(By.cssSelector("[data-action=replay-message]")).isEmpty(),
          "an auditor may not replay");
      auditor.screenshot("catalogue");
      auditor.assertAccessible("catalogue");
    }

    try (ConsoleBrowser feeds = new ConsoleBrowser("feeds")) {
      feeds.open("catalogue");
      new org.openqa.selenium.support.ui.Select(feeds.waitFor(By.id("m-status")))
          .selectByVisibleText("REJECTED");
      feeds.click(By.cssSelector("[data-action=filter-messages]"));
      feeds.click(
          By.cssSelector("tr[data-message='" + rejectedId + "'] [data-action=replay-message]"));
      String status = feeds.waitForText(By.cssSelector("[data-testid=feed-status]"), "still");
      assertTrue(status.contains("REJECTED") && status.contains("422"), status);
      feeds.assertAccessible("catalogue as feed integrator");
    }
  }
}
