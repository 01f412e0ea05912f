package io.stave;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering, checked on the compiled main classes of every server module (this module's test
 * classpath holds them all): no package cycles; the rules know no feed, server or HTTP; the routes
 * know no server or HTTP; the application services know no HTTP and no adapter. Maven already keeps
 * the modules in order; these rules keep the packages inside them so.
 */
@AnalyzeClasses(packages = "io.stave", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String[] HTTP = {
    "jakarta.ws.rs..", "jakarta.servlet..", "io.stave.interfaces..", "org.eclipse.microprofile.."
  };
  private static final String[] SERVER = {
    "io.stave.application..",
    "io.stave.infrastructure..",
    "io.stave.readiness..",
    "jakarta.ejb..",
    "jakarta.enterprise..",
    "jakarta.inject..",
    "jakarta.jms..",
    "com.hazelcast..",
    "java.sql..",
    "javax.sql.."
  };
  private static final String[] FEEDS = {"io.stave.routes..", "org.apache.camel.."};

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.stave.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule rulesKnowNoFeedServerOrHttp =
      noClasses()
          .that()
          .resideInAPackage("io.stave.rules..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(concat(FEEDS, SERVER, HTTP));

  @ArchTest
  static final ArchRule routesKnowNoServerOrHttp =
      noClasses()
          .that()
          .resideInAPackage("io.stave.routes..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(concat(SERVER, HTTP));

  @ArchTest
  static final ArchRule servicesKnowNoHttp =
      noClasses()
          .that()
          .resideInAPackage("io.stave.application..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(concat(HTTP, new String[] {"io.stave.infrastructure.."}));

  private static String[] concat(String[]... groups) {
    return java.util.Arrays.stream(groups).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }
}
