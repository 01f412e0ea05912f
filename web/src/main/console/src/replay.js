// "Replay": a logged decision becomes a test scenario — its request, the facts the catalogue holds
// for its recording today, and the outcome the log recorded as the expectation.
import { get } from './api.js';

export async function scenarioFromDecision(decisionId) {
  const decision = await get(`decisions/${encodeURIComponent(decisionId)}`);
  const request = decision.request;
  let recording = null;
  try {
    recording = await get(`recordings/${encodeURIComponent(request.isrc)}`);
  } catch {
    recording = null; // an unknown recording replays as one: no facts
  }
  const given = { recordings: [], deals: [], consents: [], splitSheets: [] };
  if (recording) {
    given.recordings.push({
      isrc: recording.isrc,
      ...(recording.title ? { title: recording.title } : {}),
      displayArtist: recording.displayArtist,
      mainArtists: recording.mainArtistIds,
      ...(recording.labelId ? { label: recording.labelId } : {}),
    });
    for (const d of recording.deals) {
      given.deals.push({
        dealId: d.dealId,
        ...(d.licensorId ? { licensor: d.licensorId } : {}),
        recordings: [recording.isrc],
        territories: d.territories,
        excludedTerritories: d.excludedTerritories,
        validFrom: d.validFrom,
        ...(d.validUntil ? { validUntil: d.validUntil } : {}),
        aiUseTypes: d.aiUseTypes,
        ddexUseTypes: d.ddexUseTypes,
        ...(d.commercialModel ? { commercialModel: d.commercialModel } : {}),
      });
    }
    for (const c of recording.consents) {
      given.consents.push({ artist: c.artistId, useType: c.useType, choice: c.choice, effectiveFrom: c.effectiveFrom, source: c.source });
    }
    for (const s of recording.splitSheets) {
      given.splitSheets.push({
        isrc: recording.isrc,
        ...(s.useType ? { useType: s.useType } : {}),
        shares: s.shares.map((x) => ({ party: x.partyId, role: x.role, percent: x.percent })),
      });
    }
  }
  return {
    name: `Replay of decision ${decision.decisionId} (${request.feature ?? 'no feature'}, ${request.useType}, ${request.isrc}, ${request.territory})`,
    given,
    request: {
      ...(request.feature ? { feature: request.feature } : {}),
      useType: request.useType, isrc: request.isrc, territory: request.territory, at: request.at,
    },
    expect: {
      decision: decision.decision,
      reasons: [...new Set(decision.reasons.map((r) => r.code))],
      obligations: [...new Set((decision.obligations ?? []).map((o) => o.type))],
    },
  };
}

/** Scenarios waiting to be added to the version's scenario file by the Scenarios screen. */
export const pendingScenarios = [];
