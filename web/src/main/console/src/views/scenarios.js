import { html } from 'lit';
import { Light } from '../light.js';
import { store, describe } from '../api.js';
import { workspace } from '../workspace.js';
import { createEditor, replaceDoc } from '../editor.js';
import { pendingScenarios } from '../replay.js';
import '../workspace.js';

const TEMPLATE = {
  name: 'Describe the business case this scenario proves',
  given: {
    recordings: [{ isrc: 'USRC17607839', displayArtist: 'The Artist', mainArtists: ['isni:0000000500000008'], label: 'dpid:PADPIDA2026112401E' }],
    deals: [{ dealId: 'deal-1', licensor: 'dpid:PADPIDA2026112401E', recordings: ['USRC17607839'], territories: ['SE'], validFrom: '2026-01-01T00:00:00Z', ddexUseTypes: ['OnDemandStream'] }],
  },
  request: { feature: 'ai-playlist', useType: 'AI_CURATION', isrc: 'USRC17607839', territory: 'SE', at: '2026-11-24T10:00:00Z' },
  expect: { decision: 'PERMIT', reasons: ['LICENSED', 'DEFAULT_SPLIT'], obligations: ['ATTRIBUTE', 'REPORT_USAGE'] },
};

/** Test scenarios: write them (JSON), run them on the server, see fired rules and coverage. */
class ScenariosScreen extends Light {
  static properties = { file: { state: true }, status: { state: true }, statusError: { state: true }, busy: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    this._update = () => this.requestUpdate();
    workspace.addEventListener('change', this._update);
    store.addEventListener('change', this._update);
    workspace.load().then(() => this.#takePending()).catch((e) => { this.status = describe(e); this.statusError = true; });
  }
  disconnectedCallback() {
    workspace.removeEventListener('change', this._update);
    store.removeEventListener('change', this._update);
    this.view?.destroy();
    this.view = null;
    super.disconnectedCallback();
  }

  get scenarioFiles() {
    const names = new Set([...Object.keys(workspace.files), ...workspace.edits.keys()]);
    return [...names].filter((n) => n.endsWith('.scenarios.json') && workspace.text(n) !== '').sort();
  }

  /** Scenarios opened by "Replay" elsewhere are appended to the first scenario file. */
  #takePending() {
    if (!pendingScenarios.length) return;
    if (!workspace.editable) {
      this.status = 'Replayed decisions wait here until you work on a draft: start one with "New draft from active version".';
      return;
    }
    this.file = this.file ?? this.scenarioFiles[0] ?? 'console.scenarios.json';
    this.#append(pendingScenarios.splice(0));
  }

  #append(scenarios) {
    let document;
    try {
      document = JSON.parse(workspace.text(this.file) || '{"scenarios": []}');
    } catch (e) {
      this.status = `${this.file} is not valid JSON, so nothing was added: ${e.message}`;
      this.statusError = true;
      return;
    }
    document.scenarios = [...(document.scenarios ?? []), ...scenarios];
    workspace.edit(this.file, JSON.stringify(document, null, 2) + '\n');
    this.status = `${scenarios.length} scenario(s) added to ${this.file}: "${scenarios.map((s) => s.name).join('", "')}". Save or run to keep them.`;
    this.statusError = false;
    this.requestUpdate();
  }

  #sync() {
    const files = this.scenarioFiles;
    if (!this.file || (!files.includes(this.file) && !workspace.edits.has(this.file))) this.file = files[0];
    const host = this.querySelector('.editor-host');
    if (!host || !this.file) return;
    const text = workspace.text(this.file) ?? '';
    if (!this.view) {
      this.view = createEditor(host, { doc: text, kind: 'json', label: `Scenarios of ${this.file}`, onChange: (t) => { if (!this.loading) workspace.edit(this.shown, t); } });
      this.shown = this.file;
    } else if (this.shown !== this.file || this.view.state.doc.toString() !== text) {
      this.loading = true;
      replaceDoc(this.view, text);
      this.loading = false;
      this.shown = this.file;
    }
    this.view.setReadOnly(!workspace.editable);
  }
  updated() { this.#sync(); }

  async #run() {
    this.busy = true;
    this.status = 'Running the scenarios…';
    this.statusError = false;
    try {
      const report = await workspace.test();
      const kinds = Object.entries(report.byKind ?? {}).map(([k, c]) => `${k} ${c.passed}/${c.passed + c.failed}`).join(', ');
      this.status = `${report.passed} passed, ${report.failed} failed${kinds ? ` (${kinds})` : ''}; ${report.coverage.fired} of ${report.coverage.rules} rules fired.`;
      this.statusError = report.failed > 0;
    } catch (e) {
      this.status = `Running failed — ${describe(e)}`;
      this.statusError = true;
    } finally {
      this.busy = false;
    }
  }

  /** Takes the outcome the version gives as the scenario's expectation (after a deliberate change). */
  #accept(result) {
    try {
      const document = JSON.parse(workspace.text(result.file));
      const scenario = document.scenarios.find((s) => s.name === result.name);
      // the report gives the actual outcome as "DENY [CODE, …]" and each reason as "CODE: message"
      const decision = result.actual.split(' ')[0];
      const reasons = [...new Set(result.reasons.map((r) => r.split(':')[0].trim()))].sort();
      scenario.expect = {
        ...scenario.expect,
        decision,
        reasons,
        ...(decision === 'DENY' ? { obligations: [] } : {}),
      };
      workspace.edit(result.file, JSON.stringify(document, null, 2) + '\n');
      this.file = result.file;
      this.status = `"${result.name}" now expects ${decision} (${reasons.join(', ')}). Run again to check.`;
      this.statusError = false;
    } catch (e) {
      this.status = `The expectation could not be changed: ${e.message}`;
      this.statusError = true;
    }
  }

  render() {
    const report = workspace.testReport;
    return html`
      <h2>Scenarios</h2>
      <stave-version-bar></stave-version-bar>
      <div class="row">
        <div class="field">
          <label for="scenario-file">Scenario file</label>
          <select id="scenario-file" @change=${(e) => { this.file = e.target.value; }}>
            ${this.scenarioFiles.map((f) => html`<option ?selected=${f === this.file}>${f}</option>`)}
          </select>
        </div>
        <button class="secondary" ?disabled=${!workspace.editable} @click=${() => { this.file = this.file ?? 'console.scenarios.json'; this.#append([structuredClone(TEMPLATE)]); }}>Add scenario</button>
        <button data-action="run-scenarios" ?disabled=${this.busy || !store.working} @click=${() => this.#run()}>Save and run scenarios</button>
      </div>
      <p class="status ${this.statusError ? 'error' : ''}" role="status" aria-live="polite" data-testid="scenarios-status">${this.status ?? ''}</p>
      <div class="editor-host" data-testid="scenario-editor"></div>
      ${report ? html`
        <h3>Results of v${report.version}</h3>
        <p data-testid="coverage">Coverage: <strong>${Math.round(report.coverage.ratio * 100)}%</strong>
          (${report.coverage.fired} of ${report.coverage.rules} rules fired by some scenario).</p>
        ${report.coverage.neverFired.length ? html`<details open><summary>Rules no scenario fired (${report.coverage.neverFired.length})</summary>
          <ul data-testid="never-fired">${report.coverage.neverFired.map((r) => html`<li>${r}</li>`)}</ul></details>` : ''}
        <table class="data" data-testid="scenario-results">
          <thead><tr><th scope="col">Scenario</th><th scope="col">Result</th><th scope="col">Expected</th><th scope="col">Actual</th><th scope="col">Rules fired</th></tr></thead>
          <tbody>${report.scenarios.map((s) => html`<tr data-passed=${s.passed}>
            <td>${s.name}<br><small>${s.file} · ${s.kind ?? 'decision'}</small></td>
            <td class=${s.passed ? 'ok' : 'error'}>${s.passed ? 'passed' : 'FAILED'}${s.problem ? html`<br>${s.problem}` : ''}
              ${!s.passed && workspace.editable && s.kind !== 'revenue' ? html`<br><button class="secondary" data-action="accept-actual" @click=${() => this.#accept(s)}>Expect ${s.actual.split(' ')[0]} from now on</button>` : ''}</td>
            <td>${s.expected}</td><td>${s.actual}<br><small>${s.reasons.join(', ')}</small></td>
            <td><ul>${s.firedRules.map((r) => html`<li>${r}</li>`)}</ul></td></tr>`)}</tbody>
        </table>` : ''}`;
  }
}
customElements.define('stave-scenarios', ScenariosScreen);
