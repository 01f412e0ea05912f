import { html } from 'lit';
import { Light } from '../light.js';
import { store, get, post, describe } from '../api.js';
import { workspace } from '../workspace.js';
import { stackedBars } from '../chart.js';
import { scenarioFromDecision, pendingScenarios } from '../replay.js';
import { decisionDetail } from './decision-detail.js';
import '../workspace.js';

const KINDS = ['PERMIT_TO_DENY', 'DENY_TO_PERMIT', 'REASONS_CHANGED', 'SPLIT_CHANGED'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Impact analysis: replay logged decisions against the version, flips by feature and use type. */
class ImpactScreen extends Light {
  static properties = {
    report: { state: true }, detail: { state: true }, status: { state: true }, statusError: { state: true }, busy: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    this._update = () => this.requestUpdate();
    store.addEventListener('change', this._update);
    workspace.addEventListener('change', this._update);
  }
  disconnectedCallback() {
    store.removeEventListener('change', this._update);
    workspace.removeEventListener('change', this._update);
    this.stopped = true;
    super.disconnectedCallback();
  }

  async #run(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const window = { last: Number(form.get('last')) || 1000 };
    if (form.get('from')) window.from = new Date(form.get('from')).toISOString();
    if (form.get('to')) window.to = new Date(form.get('to')).toISOString();
    if (form.get('revenuePeriod')) window.revenuePeriod = form.get('revenuePeriod').trim();
    this.busy = true;
    this.detail = null;
    this.statusError = false;
    try {
      await workspace.save();
      let report = await post(`policies/${store.working}/impact`, window);
      this.status = `Replaying up to ${window.last} logged decisions against v${report.draftVersion} and the active v${report.activeVersion}…`;
      while ((report.state === 'RUNNING' || report.revenue?.state === 'PENDING') && report.state !== 'FAILED' && !this.stopped) {
        this.report = report;
        await sleep(400);
        report = await get(`policies/impact/${report.jobId}`);
      }
      this.report = report;
      const flips = Object.values(report.flips).reduce((a, b) => a + b, 0);
      this.status = report.state === 'DONE'
        ? `${report.replayed} decisions replayed: ${flips} flipped.`
        : `Impact analysis ${report.state}: ${report.error ?? ''}`;
      this.statusError = report.state !== 'DONE';
    } catch (e) {
      this.status = `Impact analysis failed — ${describe(e)}`;
      this.statusError = true;
    } finally {
      this.busy = false;
    }
  }

  async #open(decisionId) {
    try {
      this.detail = await get(`decisions/${encodeURIComponent(decisionId)}`);
      this.updateComplete.then(() => this.querySelector('#flip-detail')?.focus());
    } catch (e) {
      this.status = `Decision ${decisionId} could not be read — ${describe(e)}`;
      this.statusError = true;
    }
  }

  async #replay(decisionId) {
    try {
      pendingScenarios.push(await scenarioFromDecision(decisionId));
      location.hash = '#/scenarios';
    } catch (e) {
      this.status = `Replay failed — ${describe(e)}`;
      this.statusError = true;
    }
  }

  #table(title, nested, testid) {
    const rows = Object.keys(nested).sort();
    return html`<table class="data" data-testid=${testid}>
      <caption class="visually-hidden">${title}</caption>
      <thead><tr><th scope="col">${title}</th>${KINDS.map((k) => html`<th scope="col">${k}</th>`)}</tr></thead>
      <tbody>${rows.map((r) => html`<tr data-key=${r}><th scope="row">${r}</th>${KINDS.map((k) => html`<td>${nested[r][k] ?? 0}</td>`)}</tr>`)}
      ${rows.length ? '' : html`<tr><td colspan=${KINDS.length + 1}>No decision flipped.</td></tr>`}</tbody></table>`;
  }

  render() {
    const r = this.report;
    return html`
      <h2>Impact analysis</h2>
      <stave-version-bar></stave-version-bar>
      <form class="row" @submit=${(e) => this.#run(e)}>
        <div class="field"><label for="impact-last">Newest decisions to replay</label>
          <input id="impact-last" name="last" type="number" min="1" max="100000" value="1000"></div>
        <div class="field"><label for="impact-from">From (optional)</label><input id="impact-from" name="from" type="datetime-local"></div>
        <div class="field"><label for="impact-to">To (optional)</label><input id="impact-to" name="to" type="datetime-local"></div>
        <div class="field"><label for="impact-revenue-period">Revenue period (optional: open or YYYY-MM)</label>
          <input id="impact-revenue-period" name="revenuePeriod" type="text" pattern="open|[0-9]{4}-[0-9]{2}" placeholder="latest closed"></div>
                <button type="submit" data-action="run-impact" ?disabled=${this.busy || !store.working}>Run impact analysis</button>
      </form>
      <p class="status ${this.statusError ? 'error' : ''}" role="status" aria-live="polite" data-testid="impact-status">${this.status ?? ''}</p>
      ${r ? html`
        <p data-testid="impact-summary">v${r.draftVersion} against active v${r.activeVersion}: <strong>${r.state}</strong>,
          ${r.replayed} replayed. Flips: ${KINDS.map((k) => html`${k} <strong data-kind=${k}>${r.flips[k] ?? 0}</strong> · `)}
          latency p50 ${r.latencyMicros.draft.p50} µs (draft) / ${r.latencyMicros.active.p50} µs (active).</p>
        <div class="charts">
          <div><h3>Flips by feature</h3><stave-chart class="chart" .label=${'Flips by feature, stacked by kind; the same numbers are in the table below'} .option=${stackedBars(r.byFeature, KINDS)}></stave-chart>
            ${this.#table('Feature', r.byFeature, 'impact-by-feature')}</div>
          <div><h3>Flips by use type</h3><stave-chart class="chart" .label=${'Flips by use type, stacked by kind; the same numbers are in the table below'} .option=${stackedBars(r.byUseType, KINDS)}></stave-chart>
            ${this.#table('Use type', r.byUseType, 'impact-by-use-type')}</div>
        </div>
        <h3>Flipped decisions (sample)</h3>
        <table class="data" data-testid="impact-sample">
          <thead><tr><th scope="col">Decision</th><th scope="col">Feature</th><th scope="col">Use type</th><th scope="col">Flip</th><th scope="col">Active</th><th scope="col">Draft</th><th scope="col">Actions</th></tr></thead>
          <tbody>${r.sample.map((f) => html`<tr data-decision=${f.decisionId}>
            <td><code>${f.decisionId}</code></td><td>${f.feature}</td><td>${f.useType}</td><td>${f.kind}</td><td>${f.active}</td><td>${f.draft}</td>
            <td><button class="secondary" data-action="open-flip" @click=${() => this.#open(f.decisionId)}>Open</button>
              <button class="secondary" data-action="replay" @click=${() => this.#replay(f.decisionId)}>Replay as scenario</button></td></tr>`)}
          ${r.sample.length ? '' : html`<tr><td colspan="7">No flipped decision in the sample.</td></tr>`}</tbody>
        </table>` : ''}
      ${r?.revenue ? revenueSection(r.revenue) : ''}
      ${this.detail ? html`<section id="flip-detail" tabindex="-1" class="panel" aria-label="Flipped decision" data-testid="flip-detail">
        <h3>Decision ${this.detail.decisionId} as logged (active version)</h3>
        ${decisionDetail(this.detail)}
        <button data-action="replay-open" @click=${() => this.#replay(this.detail.decisionId)}>Replay as scenario</button>
      </section>` : ''}`;
  }
}
customElements.define('stave-impact', ImpactScreen);

/** How many decimals a currency's minor unit has (ISO 4217: JPY 0, EUR 2, KWD 3). */
function decimals(currency) {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch (e) {
    return 2;
  }
}
/** Minor units as major units: 148 EUR → "1.48 EUR". */
const amount = (units, currency) =>
  `${units < 0 ? '−' : ''}${(Math.abs(units) / 10 ** decimals(currency)).toFixed(decimals(currency))} ${currency}`;
const change = (units, currency) => `${units > 0 ? '+' : ''}${amount(units, currency)}`;

/** What the draft's revenue rules would pay on one period, against the active version's. */
function revenueSection(v) {
  if (v.state !== 'DONE') {
    return html`<h3>Revenue</h3><p data-testid="revenue-impact">${v.state === 'NO_USAGE'
      ? 'No usage has been reported yet, so no revenue period can be measured.'
      : `Revenue impact ${v.state}${v.error ? `: ${v.error}` : ''}`}</p>`;
  }
  const basis = v.basis === 'CLOSED_PERIOD'
    ? `closed period ${v.period}${v.closedWithVersion ? ` (paid with v${v.closedWithVersion})` : ''}`
    : `usage so far of the open period ${v.period}`;
  return html`<h3>Revenue</h3>
    <p data-testid="revenue-impact">Re-allocated ${v.events} usage events of the ${basis}.
      ${v.conserved ? 'Totals conserved.' : html`<strong class="error">Totals not conserved.</strong>`}
      ${v.totals.map((t) => html`${t.currency}: payees ${amount(t.earned.active, t.currency)} → ${amount(t.earned.draft, t.currency)},
        retained ${amount(t.retained.active, t.currency)} → ${amount(t.retained.draft, t.currency)}. `)}</p>
    <table class="data" data-testid="revenue-by-model">
      <caption class="visually-hidden">Revenue by model</caption>
      <thead><tr><th scope="col">Model</th><th scope="col">Active</th><th scope="col">Draft</th><th scope="col">Difference</th></tr></thead>
      <tbody>${v.models.map((m) => html`<tr data-key=${m.model}><th scope="row">${m.model}</th>
        <td>${amount(m.active, m.currency)}</td><td>${amount(m.draft, m.currency)}</td><td>${change(m.difference, m.currency)}</td></tr>`)}
      ${v.models.length ? '' : html`<tr><td colspan="4">No model paid anything.</td></tr>`}</tbody></table>
    <table class="data" data-testid="revenue-by-payee">
      <caption class="visually-hidden">Payees whose earnings change</caption>
      <thead><tr><th scope="col">Payee</th><th scope="col">Active</th><th scope="col">Draft</th><th scope="col">Difference</th><th scope="col">By model</th></tr></thead>
      <tbody>${v.payees.map((p) => html`<tr data-key=${p.partyId}><th scope="row"><code>${p.partyId}</code></th>
        <td>${amount(p.active, p.currency)}</td><td>${amount(p.draft, p.currency)}</td><td>${change(p.difference, p.currency)}</td>
        <td>${Object.entries(p.byModel).map(([m, d]) => `${m} ${change(d, p.currency)}`).join(', ')}</td></tr>`)}
      ${v.payees.length ? '' : html`<tr><td colspan="5">No payee's earnings change.</td></tr>`}</tbody></table>`;
}
