import { html } from 'lit';
import { Light } from '../light.js';
import { store, get, api, describe } from '../api.js';

/** The catalogue: a recording with parties, deals, consents (history), split sheets; feed messages. */
class CatalogueScreen extends Light {
  static properties = {
    recording: { state: true }, messages: { state: true }, message: { state: true },
    status: { state: true }, statusError: { state: true }, feedStatus: { state: true }, feedError: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    this.feedFilter = {};
    if (this.canReadFeeds) this.#messages();
  }
  get canReadFeeds() { return ['feed-integrator', 'auditor', 'policy-author'].some((r) => store.has(r)); }

  async #lookup(event) {
    event.preventDefault();
    const isrc = new FormData(event.target).get('isrc').trim().replace(/-/g, '').toUpperCase();
    this.statusError = false;
    try {
      this.recording = await get(`recordings/${encodeURIComponent(isrc)}`);
      this.status = `${this.recording.isrc}: ${this.recording.deals.length} deals, ${this.recording.consents.length} consent records, ${this.recording.splitSheets.length} split sheets.`;
    } catch (e) {
      this.recording = null;
      this.status = describe(e);
      this.statusError = true;
    }
  }

  async #messages(event) {
    if (event) {
      event.preventDefault();
      const form = new FormData(event.target);
      this.feedFilter = { status: form.get('status'), kind: form.get('kind') };
    }
    const q = new URLSearchParams({ limit: '50' });
    for (const [k, v] of Object.entries(this.feedFilter)) if (v) q.set(k, v);
    try {
      this.messages = (await get(`feeds/messages?${q}`)).messages;
    } catch (e) {
      this.feedStatus = describe(e);
      this.feedError = true;
    }
  }

  async #replay(m) {
    this.feedStatus = `Replaying ${m.messageId}…`;
    this.feedError = false;
    const response = await api(`feeds/messages/${encodeURIComponent(m.messageId)}/replay`, { method: 'POST', raw: true });
    const body = await response.json().catch(() => ({}));
    const record = body.receipt ?? body;
    if (response.ok) {
      this.feedStatus = `${m.messageId} replayed: ${record.status}.`;
    } else {
      this.feedStatus = `${m.messageId} is still ${record.status ?? 'rejected'} (${response.status}): ${(body.problems ?? []).map((p) => `${p.where}: ${p.what}`).join('; ') || body.detail || ''}`;
      this.feedError = true;
    }
    await this.#messages();
    this.message = this.messages.find((x) => x.messageId === m.messageId) ?? this.message;
  }

  /** Consent records grouped by artist and use type, newest first; the one in force now marked. */
  #consents(consents) {
    const now = Date.now();
    const inForce = new Set();
    const groups = new Map();
    for (const c of consents) {
      const key = `${c.artistId}|${c.useType}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(c);
    }
    for (const list of groups.values()) {
      list.sort((a, b) => Date.parse(b.effectiveFrom) - Date.parse(a.effectiveFrom) || Date.parse(b.recordedAt) - Date.parse(a.recordedAt));
      const current = list.find((c) => Date.parse(c.effectiveFrom) <= now);
      if (current) inForce.add(current.consentId);
    }
    return [...groups.values()].flat().map((c) => ({ ...c, inForce: inForce.has(c.consentId) }));
  }

  #recording(r) {
    return html`
      <section class="panel" data-testid="recording" aria-label="Recording ${r.isrc}">
        <h3>${r.title ?? '(untitled)'} — ${r.displayArtist} <small>(${r.isrc})</small></h3>
        <dl class="kv"><dt>Main artists</dt><dd>${r.mainArtistIds.join(', ') || 'none named'}</dd>
          <dt>Label</dt><dd>${r.labelId ?? '—'}</dd><dt>P-line</dt><dd>${r.pLine ?? '—'}</dd></dl>
        <h4>Parties</h4>
        <table class="data" data-testid="parties"><thead><tr><th scope="col">Party id</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Identifiers</th></tr></thead>
          <tbody>${r.parties.map((p) => html`<tr><td><code>${p.partyId}</code></td><td>${p.name ?? ''}</td><td>${p.role}</td>
            <td>${Object.entries(p.identifiers ?? {}).map(([k, v]) => html`${k}: ${v}<br>`)}</td></tr>`)}</tbody></table>
        <h4>Deals</h4>
        <table class="data" data-testid="deals"><thead><tr><th scope="col">Deal</th><th scope="col">Licensor</th><th scope="col">Territories</th><th scope="col">Valid</th><th scope="col">AI use types</th><th scope="col">DDEX use types</th></tr></thead>
          <tbody>${r.deals.map((d) => html`<tr><td>${d.dealId}</td><td>${d.licensorId ?? ''}</td>
            <td>${d.territories.join(', ')}${d.excludedTerritories.length ? html`<br>except ${d.excludedTerritories.join(', ')}` : ''}</td>
            <td>${d.validFrom} – ${d.validUntil ?? 'open'}</td><td>${d.aiUseTypes.join(', ')}</td><td>${d.ddexUseTypes.join(', ')}</td></tr>`)}</tbody></table>
        <h4>Consents (history, newest first per artist and use type)</h4>
        <table class="data" data-testid="consents"><thead><tr><th scope="col">Artist</th><th scope="col">Use type</th><th scope="col">Choice</th><th scope="col">Effective from</th><th scope="col">Recorded</th><th scope="col">Source</th><th scope="col">In force now</th></tr></thead>
          <tbody>${this.#consents(r.consents).map((c) => html`<tr><td>${c.artistId}</td><td>${c.useType}</td><td>${c.choice}</td>
            <td>${c.effectiveFrom}</td><td>${c.recordedAt}</td><td>${c.source}</td><td>${c.inForce ? 'yes' : ''}</td></tr>`)}</tbody></table>
        <h4>Split sheets</h4>
        ${r.splitSheets.length ? r.splitSheets.map((s) => html`<table class="data" data-testid="split-sheet">
          <caption>Split ${s.splitId}${s.useType ? ` for ${s.useType}` : ' (every use type)'}</caption>
          <thead><tr><th scope="col">Party</th><th scope="col">Role</th><th scope="col">Percent</th></tr></thead>
          <tbody>${s.shares.map((x) => html`<tr><td>${x.partyId}</td><td>${x.role}</td><td>${x.percent}</td></tr>`)}</tbody></table>`)
          : html`<p>No split sheet delivered: a permitted use pays the licensor where the policy lets it.</p>`}
      </section>`;
  }

  render() {
    const integrator = store.has('feed-integrator');
    return html`
      <h2>Catalogue</h2>
      <form class="row" @submit=${(e) => this.#lookup(e)}>
        <div class="field"><label for="isrc">Recording (ISRC)</label><input id="isrc" name="isrc" required placeholder="GBQZS2600000"></div>
        <button type="submit" data-action="lookup">Show recording</button>
      </form>
      <p class="status ${this.statusError ? 'error' : ''}" role="status" aria-live="polite" data-testid="catalogue-status">${this.status ?? ''}</p>
      ${this.recording ? this.#recording(this.recording) : ''}
      ${this.canReadFeeds ? html`
        <h3>Feed messages</h3>
        <form class="row" @submit=${(e) => this.#messages(e)}>
          <div class="field"><label for="m-status">Status</label><select id="m-status" name="status">
            <option value="">any</option><option>RECEIVED</option><option>APPLIED</option><option>REJECTED</option></select></div>
          <div class="field"><label for="m-kind">Kind</label><select id="m-kind" name="kind">
            <option value="">any</option><option value="ern">ERN</option><option value="consents">consents</option><option value="splits">split sheets</option></select></div>
          <button type="submit" data-action="filter-messages">Filter</button>
        </form>
        <p class="status ${this.feedError ? 'error' : ''}" role="status" aria-live="polite" data-testid="feed-status">${this.feedStatus ?? ''}</p>
        <table class="data" data-testid="messages">
          <thead><tr><th scope="col">Received</th><th scope="col">Kind</th><th scope="col">Channel</th><th scope="col">Source</th><th scope="col">Status</th><th scope="col">Problems</th><th scope="col">Actions</th></tr></thead>
          <tbody>${(this.messages ?? []).map((m) => html`<tr data-message=${m.messageId} data-status=${m.status}>
            <td>${m.receivedAt.replace('T', ' ').slice(0, 19)}</td><td>${m.kind} (${m.format})</td><td>${m.channel}</td><td>${m.sourceName}</td>
            <td>${m.status}</td>
            <td>${m.problems.length ? html`<ul>${m.problems.slice(0, 3).map((p) => html`<li>${p.where}: ${p.what}</li>`)}</ul>${m.problems.length > 3 ? `+${m.problems.length - 3} more` : ''}` : ''}
              ${m.warnings.length ? html`<small>${m.warnings.length} warning(s)</small>` : ''}</td>
            <td>${integrator && m.status === 'REJECTED' ? html`<button class="secondary" data-action="replay-message" @click=${() => this.#replay(m)}>Replay</button>` : ''}</td></tr>`)}
          ${this.messages?.length === 0 ? html`<tr><td colspan="7">No message matches.</td></tr>` : ''}</tbody>
        </table>` : ''}`;
  }
}
customElements.define('stave-catalogue', CatalogueScreen);
