package io.stave.application;

import io.stave.rules.domain.Consent;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.SplitSheet;
import java.util.List;
import java.util.Map;

/**
 * Everything ingested about one recording, so people and tests can see why a decision came out: the
 * recording, its parties with their stable ids, the deals that cover it, the consent records of its
 * main artists and its split sheets.
 */
public record RecordingDetails(
    Recording recording,
    List<PartyCredit> parties,
    List<Deal> deals,
    Map<String, String> dealReleases,
    List<Consent> consents,
    List<SplitSheet> splitSheets) {

  public record PartyCredit(
      String partyId, String name, String role, Map<String, String> identifiers) {}
}
