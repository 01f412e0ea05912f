package io.stave.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.rules.domain.DecisionRequest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FactModelTest {
  /** Domain classes a rule never names: ports, exceptions, and the engine's own result. */
  private static final Set<String> NOT_FOR_RULES =
      Set.of("FactStore", "InvalidValueException", "AcceptedTimes", "Decision");

  @Test
  void everyTopLevelTypeOfTheDomainPackageIsInTheFactModel()
      throws IOException, URISyntaxException {
    Path domain =
        Path.of(DecisionRequest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("io/stave/rules/domain");
    Set<String> classes;
    try (Stream<Path> files = Files.list(domain)) {
      classes =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.startsWith("package-"))
              .map(n -> n.substring(0, n.length() - ".class".length()))
              .filter(n -> !NOT_FOR_RULES.contains(n))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> model =
        FactModel.types().stream()
            .map(FactModel.FactType::name)
            .collect(Collectors.toCollection(TreeSet::new));

    assertEquals(classes, model);
  }

  @Test
  void theRequestOffersThePropertiesTheBaselineRulesConstrain() {
    FactModel.FactType request =
        FactModel.types().stream()
            .filter(t -> t.name().equals("DecisionRequest"))
            .findFirst()
            .orElseThrow();
    List<String> properties = request.properties().stream().map(FactModel.Property::name).toList();

    assertTrue(
        properties.containsAll(
            List.of("useType", "feature", "isrcCode", "territoryCode", "territory", "at")),
        properties::toString);
    assertEquals(
        "UseType",
        request.properties().stream()
            .filter(p -> p.name().equals("useType"))
            .findFirst()
            .orElseThrow()
            .type());
  }

  @Test
  void aDealOffersTheMethodsTheBaselineCallsAndEnumsTheirConstants() {
    FactModel.FactType deal =
        FactModel.types().stream().filter(t -> t.name().equals("Deal")).findFirst().orElseThrow();
    List<String> methods = deal.methods().stream().map(FactModel.Operation::name).toList();
    assertTrue(
        methods.containsAll(List.of("namesUseType", "coversTerritory", "validAt")),
        methods::toString);
    assertTrue(deal.properties().stream().anyMatch(p -> p.name().equals("streaming")));

    FactModel.FactType useType =
        FactModel.types().stream()
            .filter(t -> t.name().equals("UseType"))
            .findFirst()
            .orElseThrow();
    assertEquals("enum", useType.kind());
    assertTrue(useType.constants().contains("AI_TRAINING"));
  }
}
