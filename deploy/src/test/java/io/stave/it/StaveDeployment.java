package io.stave.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The real EAR the build produced (deploy/target/stave.ear), not a hand-picked archive. */
final class StaveDeployment {
  private StaveDeployment() {}

  static EnterpriseArchive ear() {
    return ShrinkWrap.createFromZipFile(
        EnterpriseArchive.class, new File(System.getProperty("stave.ear")));
  }
}
