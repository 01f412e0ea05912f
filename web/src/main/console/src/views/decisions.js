import { html } from 'lit';
import { Light } from '../light.js';
import { store, get, describe } from '../api.js';
import { decisionDetail } from './decision-detail.js';
import { scenarioFromDecision, pendingScenarios } from '../replay.js';

const CHART_DECISIONS = 2000;
const PAGE = 50;

/** An outcome is drawn in the colour the tables give it (app.css: --ok, --danger). */
const OUTCOME_COLOURS = { PERMIT: '#1e6b35', DENY: '#b3261e' };

/**
 * Buckets decisions by time (hour or day, whichever gives a readable number of bars); colourOf
 * may fix a series' colour.
 */
function overTime(decisions, keyOf, colourOf = () => undefined) {
  if (!decisions.length) return { categories: [], series: [] };
  const times = decisions.map((d) => Date.parse(d.evaluatedAt));
  const span = Math.max(...times) - Math.min(...times);
  const unit = span > 3 * 86400000 ? 10 : span > 3 * 3600000 ? 13 : 16; // day, hour or minute
  const bucketOf = (d) => d.evaluatedAt.slice(0, unit).replace('T', ' ') + (unit === 13 ? ':00' : '');
  const counts = new Map();
  const keys = new Set();
  for (const d of decisions) {
    const b = bucketOf(d);
    const k = keyOf(d) ?? '(none)';
    keys.add(k);
    if (!counts.has(b)) counts.set(b, {});
    counts.get(b)[k] = (counts.get(b)[k] ?? 0) + 1;
  }
  const categories = [...counts.keys()].sort();
  return {
    categories,
    series: [...keys].sort().map((k) => ({
      name: k, type: 'bar', stack: 'all', data: categories.map((c) => counts.get(c)[k] ?? 0),
      ...(colourOf(k) ? { itemStyle: { color: colourOf(k) } } : {}),
    })),
  };
}
const option = ({ categories, series }) => ({
  tooltip: { trigger: 'axis' }, legend: { top: 0, type: 'scroll' },
  grid: { left: 50, right: 20, top: 40, bottom: 60 },
  xAxis: { type: 'category', data: categories }, yAxis: { type: 'value', minInterval: 1 }, series,
});

/** The decision explorer: filter the log, open a decision, charts over time. */
class DecisionsScreen extends Light {
  static properties = {
    decisions: { state: true }, more: { state: true }, detail: { state: true }, charted: { state: true },
    status: { state: true }, statusError: { state: true }, busy: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    this.filters = {};
    this.#search();
  }

  #query(offset, limit) {
    const q = new URLSearchParams({ limit: String(limit), offset: String(offset) });
    for (const [k, v] of Object.entries(this.filters)) if (v) q.set(k, v);
    return `decisions?${q}`;
  }

  async #search(event) {
    if (event) {
      event.preventDefault();
      const form = new FormData(event.target);
      this.filters = {};
      for (const k of ['feature', 'isrc', 'artist', 'decision']) this.filters[k] = (form.get(k) ?? '').trim();
      for (const k of ['from', 'to']) this.filters[k] = form.get(k) ? new Date(form.get(k)).toISOString() : '';
    }
    this.busy = true;
    this.detail = null;
    this.statusError = false;
    try {
      const page = await get(this.#query(0, PAGE));
      this.decisions = page.decisions;
      this.more = page.more;
      // the charts cover the newest decisions that match, up to CHART_DECISIONS
      let charted = [...page.decisions];
      let more = page.more;
      while (more && charted.length < CHART_DECISIONS) {
        const next = await get(this.#query(charted.length, 500));
        charted = charted.concat(next.decisions);
        more = next.more;
      }
      this.charted = charted;
      this.chartsPartial = more;
      this.status = `${this.decisions.length}${this.more ? '+' : ''} decisions shown; charts over ${charted.length}${more ? ' (the newest)' : ''}.`;
    } catch (e) {
      this.status = `The log could not be read — ${describe(e)}`;
      this.statusError = true;
    } finally {
      this.busy = false;
    }
  }

  async #more() {
    try {
      const page = await get(this.#query(this.decisions.length, PAGE));
      this.decisions = this.decisions.concat(page.decisions);
      this.more = page.more;
    } catch (e) {
      this.status = describe(e);
      this.statusError = true;
    }
  }

  async #open(id) {
    try {
      this.detail = await get(`decisions/${encodeURIComponent(id)}`);
      this.updateComplete.then(() => this.querySelector('#decision-detail')?.focus());
    } catch (e) {
      this.status = describe(e);
      this.statusError = true;
    }
  }

  render() {
    const charted = this.charted ?? [];
    return html`
      <h2>Decisions</h2>
      <form class="row" @submit=${(e) => this.#search(e)} aria-label="Filter the decision log">
        <div class="field"><label for="f-feature">Feature</label><input id="f-feature" name="feature" placeholder="ai-dj"></div>
        <div class="field"><label for="f-isrc">ISRC</label><input id="f-isrc" name="isrc" size="14"></div>
        <div class="field"><label for="f-artist">Artist (party id)</label><input id="f-artist" name="artist"></div>
        <div class="field"><label for="f-decision">Decision</label><select id="f-decision" name="decision">
          <option value="">any</option><option>PERMIT</option><option>DENY</option></select></div>
        <div class="field"><label for="f-from">From</label><input id="f-from" name="from" type="datetime-local"></div>
        <div class="field"><label for="f-to">To</label><input id="f-to" name="to" type="datetime-local"></div>
        <button type="submit" data-action="filter" ?disabled=${this.busy}>Filter</button>
      </form>
      <p class="status ${this.statusError ? 'error' : ''}" role="status" aria-live="polite" data-testid="decisions-status">${this.status ?? ''}</p>
      <div class="charts">
        <div><h3>By outcome</h3><stave-chart class="chart" data-testid="chart-outcome" .label=${'Decisions over time by outcome'} .option=${option(overTime(charted, (d) => d.decision, (k) => OUTCOME_COLOURS[k]))}></stave-chart></div>
        <div><h3>By feature</h3><stave-chart class="chart" data-testid="chart-feature" .label=${'Decisions over time by feature'} .option=${option(overTime(charted, (d) => d.request?.feature))}></stave-chart></div>
        <div><h3>By use type</h3><stave-chart class="chart" data-testid="chart-use-type" .label=${'Decisions over time by use type'} .option=${option(overTime(charted, (d) => d.request?.useType))}></stave-chart></div>
      </div>
      <div class="split wide">
        <section aria-labelledby="log-title">
          <h3 id="log-title">Log (newest first)</h3>
          <table class="data" data-testid="decision-list">
            <thead><tr><th scope="col">Evaluated</th><th scope="col">Decision</th><th scope="col">Feature</th><th scope="col">Use type</th><th scope="col">ISRC</th><th scope="col">Territory</th><th scope="col">Policy</th></tr></thead>
            <tbody>${(this.decisions ?? []).map((d) => html`<tr data-decision=${d.decisionId} class=${this.detail?.decisionId === d.decisionId ? 'selected' : ''}>
              <td><button class="secondary" data-action="open-decision" @click=${() => this.#open(d.decisionId)}
                >${d.evaluatedAt.replace('T', ' ').slice(0, 19)}<span class="visually-hidden">: open decision ${d.decisionId}</span></button></td>
              <td class=${d.decision}>${d.decision}</td><td>${d.request?.feature ?? ''}</td><td>${d.request?.useType}</td>
              <td>${d.request?.isrc}</td><td>${d.request?.territory}</td><td>v${d.policyVersion}</td></tr>`)}</tbody>
          </table>
          ${this.more ? html`<button class="secondary" @click=${() => this.#more()}>Show more</button>` : ''}
        </section>
        <section aria-label="Decision detail">
          ${this.detail ? html`<div id="decision-detail" tabindex="-1" class="panel">
            <h3>Decision <code>${this.detail.decisionId}</code></h3>
            ${decisionDetail(this.detail)}
            ${store.has('policy-author') ? html`<button @click=${async () => { pendingScenarios.push(await scenarioFromDecision(this.detail.decisionId)); location.hash = '#/scenarios'; }}>Replay as scenario</button>` : ''}
          </div>` : html`<p>Open a decision to see its reasons, obligations and split.</p>`}
        </section>
      </div>`;
  }
}
customElements.define('stave-decisions', DecisionsScreen);
