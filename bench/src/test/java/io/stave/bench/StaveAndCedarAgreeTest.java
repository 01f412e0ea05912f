package io.stave.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.PolicyCompiler;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's Cedar peer encodes the same policy as Stave: on a smaller catalogue of the same
 * shape, both must answer every generated request alike, PERMITs and DENYs both occurring.
 */
class StaveAndCedarAgreeTest {
  @Test
  void staveAndTheCedarPeerAgreeOnEveryGeneratedRequest() throws Exception {
    SyntheticCatalogue catalogue = new SyntheticCatalogue(2_000, 400, 40, 1_000, 3L);
    var facts = catalogue.factStore();
    var authored = AuthorRules.generate(76, catalogue, 5L);
    try (CompiledPolicy stave = PolicyCompiler.compile(AuthorRules.policy(authored))) {
      CedarPeer cedar = new CedarPeer(authored, facts);
      var agreement =
          CedarComparisonBenchmark.Agreement.check(
              catalogue.requests(600, 9L), stave, cedar, facts);
      assertTrue(agreement.permits() > 30, agreement.toString());
      assertTrue(agreement.denies() > 30, agreement.toString());
      // a fixed policy set: the deals and authored rules are entity data, not policies
      assertTrue(cedar.policyCount() < 12, "Cedar policies: " + cedar.policyCount());
    }
  }
}
