package io.stave.rules.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles a policy version into a {@link CompiledPolicy}, once {@link PolicyGuard} has found
 * nothing that reaches outside the fact model. Sources go through a {@code KieFileSystem} rather
 * than classpath discovery of {@code kmodule.xml}, which is unreliable on WildFly's virtual file
 * system.
 */
public final class PolicyCompiler {
  private static final String RESOURCE_ROOT = "src/main/resources/";
  private static final Pattern DRL_PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");
  private static final Pattern TABLE_PACKAGE = Pattern.compile("\"RuleSet\"\\s*,\\s*\"([\\w.]+)\"");

  private PolicyCompiler() {}

  public static CompiledPolicy compile(PolicySource source) throws PolicyCompilationException {
    return compile(source, true);
  }

  /**
   * {@code partitioned}: one rule base per use type beside the whole one (decisions are the same;
   * tests compare the two).
   */
  static CompiledPolicy compile(PolicySource source, boolean partitioned)
      throws PolicyCompilationException {
    List<PolicyGuard.Finding> refused = PolicyGuard.check(source);
    if (!refused.isEmpty()) {
      throw new PolicyCompilationException(
          source.version(),
          refused.stream()
              .map(
                  f ->
                      new PolicyCompilationException.Problem(
                          f.file(),
                          f.line(),
                          f.column(),
                          f.construct(),
                          f.construct() + ": " + f.message()))
              .toList());
    }
    return compileWithoutGuard(source, partitioned);
  }

  /**
   * The compilation proper, for tests of what the engine guarantees whatever a rule does (a stack
   * overflow, say, which the guard keeps authors from writing).
   */
  static CompiledPolicy compileWithoutGuard(PolicySource source, boolean partitioned)
      throws PolicyCompilationException {
    KieServices kieServices = KieServices.Factory.get();
    ReleaseId releaseId =
        kieServices.newReleaseId("io.stave.policy", "policy", "1.0." + source.version());
    KieFileSystem files = kieServices.newKieFileSystem();
    files.generateAndWritePomXML(releaseId);
    // Rules never modify facts, so class reactivity is enough; this also spares authors the
    // property-reactivity warnings for constraints that call methods with bound arguments.
    KieModuleModel module = kieServices.newKieModuleModel();
    module.setConfigurationProperty("drools.propertySpecific", "ALLOWED");
    module
        .newKieBaseModel("policy")
        .setDefault(true)
        .newKieSessionModel("decisions")
        .setDefault(true);
    files.writeKModuleXML(module.toXML());
    for (Map.Entry<String, String> file : source.ruleFiles().entrySet()) {
      files.write(RESOURCE_ROOT + folderOf(file.getValue()) + file.getKey(), file.getValue());
    }
    KieBuilder builder = kieServices.newKieBuilder(files).buildAll();
    List<PolicyCompilationException.Problem> problems = new ArrayList<>();
    for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
      problems.add(
          new PolicyCompilationException.Problem(
              fileName(message.getPath()),
              message.getLine(),
              message.getColumn(),
              "compile",
              message.getText()));
    }
    if (!problems.isEmpty()) {
      kieServices.getRepository().removeKieModule(releaseId);
      throw new PolicyCompilationException(source.version(), problems);
    }
    KieContainer container = kieServices.newKieContainer(releaseId);
    // The container keeps what it needs; the global repository must not grow with every version.
    kieServices.getRepository().removeKieModule(releaseId);
    KieBase kieBase = container.getKieBase();
    UseTypePartitions.Bases byUseType =
        partitioned && !UseTypePartitions.sourcesCreateRequests(source.ruleFiles().values())
            ? UseTypePartitions.build(container, kieBase)
            : new UseTypePartitions.Bases(Map.of(), Map.of());
    return new CompiledPolicy(source.version(), kieBase, byUseType, RuleLint.check(source));
  }

  /** Keeps each file in the folder of its declared package, as Drools expects. */
  private static String folderOf(String text) {
    Matcher drl = DRL_PACKAGE.matcher(text);
    if (drl.find()) {
      return drl.group(1).replace('.', '/') + "/";
    }
    Matcher table = TABLE_PACKAGE.matcher(text);
    return table.find() ? table.group(1).replace('.', '/') + "/" : "";
  }

  private static String fileName(String path) {
    if (path == null) {
      return "(policy)";
    }
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
