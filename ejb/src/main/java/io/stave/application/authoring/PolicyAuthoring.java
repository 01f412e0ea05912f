package io.stave.application.authoring;

import io.stave.application.ConflictException;
import io.stave.application.DecisionLog;
import io.stave.application.NotFoundException;
import io.stave.application.PolicyService;
import io.stave.application.ServiceUnavailableException;
import io.stave.application.revenue.RevenueLedger;
import io.stave.rules.domain.FactStore;
import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.EvaluationLimits;
import io.stave.rules.engine.PolicyCompilationException;
import io.stave.rules.engine.PolicySource;
import io.stave.rules.engine.RuleLint;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The policy lifecycle: create and change drafts, validate, test, measure impact, submit, approve
 * (four eyes), activate on every node, roll back. Roles are checked by the API; what is checked
 * here holds whoever calls: only drafts change, nobody approves a version they wrote or changed,
 * only a draft approved for its current checksum (and that compiles and passes its scenarios)
 * becomes active, and a rollback makes a new version so history only grows.
 */
public final class PolicyAuthoring {

  /** What a validation found: the compiler's and guard's problems, and lint warnings. */
  public record Validation(
      long version,
      boolean compiles,
      List<PolicyCompilationException.Problem> problems,
      List<RuleLint.Warning> warnings,
      int rules) {}

  /** One file's change between two versions, as a unified diff. */
  public record FileDiff(String file, String change, List<String> unifiedDiff) {}

  /**
   * The outcome of an activation: the version, and what each node runs once it is done (or the wait
   * ends).
   */
  public record Activation(
      long version, boolean everyNodeRunsIt, List<PolicyActivations.NodePolicy> nodes) {}

  private final PolicyVersions versions;
  private final PolicyService policies;
  private final PolicyActivations activations;
  private final DecisionLog log;
  private final FactStore facts;
  private final EvaluationLimits limits;
  private final RevenueLedger revenue;
  private final ImpactJobs impactJobs;
  private final NodeSwitch nodeSwitch;

  /**
   * With {@code revenue} (null where no revenue is kept), an impact analysis also measures what the
   * draft's revenue rules pay.
   */
  public PolicyAuthoring(
      PolicyVersions versions,
      PolicyService policies,
      PolicyActivations activations,
      DecisionLog log,
      FactStore facts,
      EvaluationLimits limits,
      Executor background,
      Duration activationWait,
      RevenueLedger revenue) {
    this.revenue = revenue;
    this.versions = versions;
    this.policies = policies;
    this.activations = activations;
    this.log = log;
    this.facts = facts;
    this.limits = limits;
    this.nodeSwitch = new NodeSwitch(activations, activationWait);
    this.impactJobs = new ImpactJobs(policies, log, facts, limits, background, revenue);
  }

  public List<PolicyVersionInfo> list() {
    return sql(versions::all);
  }

  public PolicyVersionInfo info(long version) {
    return sql(() -> versions.info(version))
        .orElseThrow(() -> new NotFoundException("policy version " + version + " does not exist"));
  }

  public PolicySource sources(long version) {
    return sql(() -> versions.find(version))
        .orElseThrow(() -> new NotFoundException("policy version " + version + " does not exist"));
  }

  public List<PolicyActivations.NodePolicy> nodes() {
    return activations.nodes();
  }

  /**
   * A new draft. With {@code basedOn}, it starts from that version's files, and {@code files} adds
   * or replaces files (an empty text removes one).
   */
  public PolicyVersionInfo createDraft(
      String author, Map<String, String> files, Long basedOn, String description) {
    Map<String, String> merged = new LinkedHashMap<>();
    if (basedOn != null) {
      merged.putAll(sources(basedOn).files());
    }
    PolicyFiles.merge(merged, files);
    PolicySource checked = PolicyFiles.checkedSource(merged);
    return sql(() -> versions.createDraft(checked.files(), author, basedOn, description, "CREATE"));
  }

  /**
   * Changes a draft's files (an empty text removes a file); a submission or approval it had goes
   * stale.
   */
  public PolicyVersionInfo updateDraft(long version, String actor, Map<String, String> files) {
    PolicyVersionInfo current = info(version);
    requireDraft(current, "changed");
    Map<String, String> merged = new LinkedHashMap<>(sources(version).files());
    PolicyFiles.merge(merged, files);
    PolicySource checked = PolicyFiles.checkedSource(merged);
    if (!sql(() -> versions.updateDraft(version, checked.files(), actor))) {
      throw new ConflictException(
          "policy version " + version + " is no longer a draft; make a new draft based on it");
    }
    return info(version);
  }

  public List<FileDiff> diff(long from, long to) {
    return PolicyFiles.diff(from, sources(from).files(), to, sources(to).files());
  }

  public Validation validate(long version, String actor) {
    Validation validation = PolicyFiles.validation(sources(version));
    audit(
        version,
        "VALIDATE",
        actor,
        validation.compiles()
            ? "compiles, " + validation.warnings().size() + " warning(s)"
            : validation.problems().size() + " problem(s)");
    return validation;
  }

  /** Runs the version's scenarios; a version that does not compile is a 400 naming its problems. */
  public PolicyScenarios.Report test(long version, String actor) {
    PolicySource source = sources(version);
    try (CompiledPolicy compiled = PolicyFiles.compile(source)) {
      PolicyScenarios.Report report = PolicyScenarios.run(source, compiled);
      audit(version, "TEST", actor, report.passed() + " passed, " + report.failed() + " failed");
      return report;
    }
  }

  /** Starts replaying logged decisions against the draft; the job's report says how far it is. */
  public ImpactAnalysis.Report startImpact(
      long version, ImpactAnalysis.Window window, String actor) {
    return startImpact(version, window, RevenueImpact.Choice.LATEST, actor);
  }

  /**
   * Starts replaying logged decisions against the draft and then, where revenue is kept,
   * re-allocating a period's usage with its revenue rules; the job's report says how far it is.
   */
  public ImpactAnalysis.Report startImpact(
      long version,
      ImpactAnalysis.Window window,
      RevenueImpact.Choice revenuePeriod,
      String actor) {
    CompiledPolicy draft = PolicyFiles.compile(sources(version));
    ImpactAnalysis.Report started = impactJobs.start(draft, window, revenuePeriod);
    String jobId = started.jobId();
    audit(
        version,
        "IMPACT",
        actor,
        "replaying up to "
            + window.last()
            + " logged decisions"
            + (revenue == null ? "" : " and a revenue period")
            + " (job "
            + jobId
            + ")");
    return started;
  }

  public ImpactAnalysis.Report impact(String jobId) {
    return impactJobs.progress(jobId);
  }

  /** Puts a draft up for approval: it must compile and pass its scenarios. */
  public PolicyVersionInfo submit(long version, String actor) {
    PolicyVersionInfo current = info(version);
    requireDraft(current, "submitted");
    requireReady(version);
    if (!sql(() -> versions.markSubmitted(version, actor, current.checksum()))) {
      throw new ConflictException(
          "policy version " + version + " changed while it was being submitted; submit again");
    }
    return info(version);
  }

  /** Four eyes: the approver is none of the draft's authors, and approves the checksum it saw. */
  public PolicyVersionInfo approve(long version, String approver, String checksumSeen) {
    PolicyVersionInfo current = info(version);
    requireDraft(current, "approved");
    if (current.submittedAt() == null) {
      throw new ConflictException(
          current.approvedChecksum() != null
              ? "policy version "
                  + version
                  + " changed after it was approved (APPROVAL_STALE); its author must submit it"
                  + " again, and then it can be approved again"
              : "policy version " + version + " has not been submitted for approval");
    }
    List<String> editors = sql(() -> versions.editors(version));
    if (editors.contains(approver)) {
      throw new ConflictException(
          "four eyes: "
              + approver
              + " wrote or changed policy version "
              + version
              + " and may not approve it; another policy approver must");
    }
    if (checksumSeen == null || checksumSeen.isBlank()) {
      // Without it an approval covered whatever the draft held when it arrived, not what was read.
      throw new InvalidValueException(
          "checksum",
          "is required: the checksum of policy version "
              + version
              + " as you reviewed it (GET /api/v1/policies/"
              + version
              + "), so that a change made after your review is not approved with it");
    }
    if (!checksumSeen.equals(current.checksum())) {
      throw new ConflictException(
          "policy version "
              + version
              + " changed since it was reviewed (checksum "
              + current.checksum()
              + ", not "
              + checksumSeen
              + "); review it again");
    }
    if (!sql(() -> versions.markApproved(version, approver, current.checksum()))) {
      throw new ConflictException(
          "policy version " + version + " changed while it was being approved; review it again");
    }
    return info(version);
  }

  /**
   * Makes an approved draft the active version: compiled and tested here first, then compiled by
   * every node beside the version it runs, then recorded in the database and announced, and every
   * node swaps to it; waits until every node runs it (or the wait ends).
   */
  public Activation activate(long version, String actor) {
    PolicyVersionInfo current = info(version);
    requireDraft(current, "activated");
    if (current.approvedChecksum() == null) {
      throw new ConflictException(
          "policy version "
              + version
              + " is not approved; a policy approver other than its"
              + " authors must approve it first");
    }
    if (!current.approvedChecksum().equals(current.checksum())) {
      throw new ConflictException(
          "the approval of policy version "
              + version
              + " is stale: the draft changed after"
              + " it was approved; it must be approved again");
    }
    requireReady(version);
    nodeSwitch.prepareEveryNode(version);
    if (!sql(() -> versions.activate(version, actor))) {
      throw new ConflictException(
          "policy version " + version + " changed while it was being activated");
    }
    return nodeSwitch.announceAndAwait(version);
  }

  /**
   * Brings back an earlier version's rules as a new version (history only grows), activated at
   * once: its content was approved before. Only a version that was once active can be restored.
   */
  public Activation rollback(long toVersion, String actor) {
    PolicyVersionInfo earlier = info(toVersion);
    if (!PolicyVersionInfo.RETIRED.equals(earlier.status())) {
      throw new ConflictException(
          "policy version "
              + toVersion
              + " is "
              + earlier.stage()
              + "; only a version that was active before (RETIRED) can be rolled back to");
    }
    PolicySource source = sources(toVersion);
    PolicyFiles.requireCompiles(source);
    PolicyVersionInfo restored =
        sql(
            () ->
                versions.createDraft(
                    source.files(),
                    actor,
                    toVersion,
                    "Rollback to version " + toVersion,
                    "ROLLBACK"));
    if (!sql(() -> versions.markApproved(restored.version(), actor, restored.checksum()))) {
      throw new ConflictException(
          "the rollback version " + restored.version() + " could not be approved");
    }
    nodeSwitch.prepareEveryNode(restored.version());
    if (!sql(() -> versions.activate(restored.version(), actor))) {
      throw new ConflictException(
          "the rollback version " + restored.version() + " could not be activated");
    }
    return nodeSwitch.announceAndAwait(restored.version());
  }

  public List<PolicyAuditEntry> audit(Long version, int limit) {
    if (limit < 1 || limit > 1_000) {
      throw new InvalidValueException("limit", "must be between 1 and 1000");
    }
    return sql(() -> versions.audit(version, limit));
  }

  private void requireReady(long version) {
    PolicySource source = sources(version);
    try (CompiledPolicy compiled = PolicyFiles.compile(source)) {
      PolicyScenarios.Report report = PolicyScenarios.run(source, compiled);
      if (report.failed() > 0) {
        throw new ConflictException(
            "policy version "
                + version
                + " fails "
                + report.failed()
                + " of its "
                + report.scenarios().size()
                + " scenarios, e.g. \""
                + report.scenarios().stream()
                    .filter(o -> !o.passed())
                    .findFirst()
                    .map(o -> o.name() + "\": " + o.problem())
                    .orElse(""));
      }
    }
  }

  private static void requireDraft(PolicyVersionInfo version, String what) {
    if (!version.isDraft()) {
      throw new ConflictException(
          "policy version "
              + version.version()
              + " is "
              + version.status()
              + " and cannot be "
              + what
              + "; make a new draft based on it");
    }
  }

  private void audit(long version, String action, String actor, String detail) {
    String checksum =
        sql(() -> versions.info(version)).map(PolicyVersionInfo::checksum).orElse(null);
    sql(
        () -> {
          versions.record(
              new PolicyAuditEntry(version, action, actor, Instant.now(), checksum, detail));
          return null;
        });
  }

  private interface Sql<T> {
    T run() throws SQLException;
  }

  /** Runs a read or write of the versions; a database failure is a 503. */
  private static <T> T sql(Sql<T> statement) {
    try {
      return statement.run();
    } catch (SQLException e) {
      throw new ServiceUnavailableException(
          "policy versions cannot be read or written: " + e.getMessage(), e);
    }
  }
}
