import { html } from 'lit';
import { MergeView } from '@codemirror/merge';
import { Light } from '../light.js';
import { store, get, post, describe } from '../api.js';
import { workspace } from '../workspace.js';
import { readOnlySide } from '../editor.js';

/** Versions: history, diff, the lifecycle (submit, approve, activate, roll back), nodes live. */
class VersionsScreen extends Light {
  static properties = {
    selected: { state: true }, audit: { state: true }, diff: { state: true }, diffFile: { state: true },
    status: { state: true }, statusError: { state: true }, busy: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    this._update = () => this.requestUpdate();
    store.addEventListener('change', this._update);
    this.selected = store.working ?? store.versions[0]?.version;
    this.#loadAudit();
    // the version each node runs, live: the list is read again every 3 s while this screen shows
    this.timer = setInterval(() => store.loadVersions().catch(() => {}), 3000);
  }
  disconnectedCallback() {
    clearInterval(this.timer);
    store.removeEventListener('change', this._update);
    this.merge?.destroy();
    super.disconnectedCallback();
  }

  async #loadAudit() {
    if (!this.selected) return;
    try {
      this.audit = (await get(`policies/audit?version=${this.selected}&limit=50`)).entries;
    } catch (e) {
      this.audit = [];
    }
  }

  #select(v) {
    this.selected = v;
    this.#loadAudit();
  }

  async #act(label, action) {
    this.busy = true;
    this.status = `${label}…`;
    this.statusError = false;
    try {
      this.status = await action();
      await store.loadVersions();
      await this.#loadAudit();
    } catch (e) {
      this.status = `${label} failed — ${describe(e)}`;
      this.statusError = true;
    } finally {
      this.busy = false;
    }
  }

  #approve(v) {
    return this.#act('Approving', async () => {
      const r = await post(`policies/${v.version}/approve`, { checksum: v.checksum });
      return `v${r.version} approved by ${r.approver} (checksum ${r.checksum.slice(0, 12)}…).`;
    });
  }
  #activate(v) {
    return this.#act('Activating', async () => {
      const r = await post(`policies/${v.version}/activate`);
      return `v${r.version} is active${r.everyNodeRunsIt ? ' and every node runs it' : '; not every node runs it yet'}.`;
    });
  }
  #rollback(v) {
    return this.#act('Rolling back', async () => {
      const r = await post(`policies/${v.version}/rollback`);
      return `The rules of v${v.version} are active again as v${r.version}.`;
    });
  }
  #submit(v) {
    return this.#act('Submitting', async () => {
      const r = await post(`policies/${v.version}/submit`);
      return `v${r.version} submitted (${r.stage}).`;
    });
  }

  async #compare(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const from = Number(form.get('from'));
    const to = Number(form.get('to'));
    this.busy = true;
    try {
      const [diff, a, b] = await Promise.all([
        get(`policies/${from}/diff/${to}`), get(`policies/${from}/files`), get(`policies/${to}/files`),
      ]);
      this.diff = { ...diff, a: a.files, b: b.files };
      this.diffFile = diff.files[0]?.file;
      this.status = `${diff.files.length} file(s) differ between v${from} and v${to}.`;
      this.statusError = false;
    } catch (e) {
      this.status = `Diff failed — ${describe(e)}`;
      this.statusError = true;
    } finally {
      this.busy = false;
    }
  }

  updated() {
    const host = this.querySelector('.merge-host');
    if (!host || !this.diff || !this.diffFile) {
      this.merge?.destroy();
      this.merge = null;
      this.mergeKey = null;
      return;
    }
    const key = `${this.diff.from}/${this.diff.to}/${this.diffFile}`;
    if (key === this.mergeKey) return;
    this.merge?.destroy();
    const kind = this.diffFile.endsWith('.json') ? 'json' : 'drl';
    this.merge = new MergeView({
      a: { doc: this.diff.a[this.diffFile] ?? '', extensions: readOnlySide(`${this.diffFile} in v${this.diff.from}`, kind) },
      b: { doc: this.diff.b[this.diffFile] ?? '', extensions: readOnlySide(`${this.diffFile} in v${this.diff.to}`, kind) },
      parent: host,
      collapseUnchanged: { margin: 3, minSize: 6 },
    });
    this.mergeKey = key;
  }

  render() {
    const v = store.version(this.selected);
    const approver = store.has('policy-approver');
    const author = store.has('policy-author');
    const newest = store.versions[0]?.version;
    return html`
      <h2>Versions</h2>
      <p class="status ${this.statusError ? 'error' : ''}" role="status" aria-live="polite" data-testid="versions-status">${this.status ?? ''}</p>
      <div class="split wide">
        <section aria-labelledby="history-title">
          <h3 id="history-title">History</h3>
          <table class="data" data-testid="versions">
            <thead><tr><th scope="col">Version</th><th scope="col">Status</th><th scope="col">Stage</th><th scope="col">Author</th><th scope="col">Approver</th><th scope="col">Created</th></tr></thead>
            <tbody>${store.versions.map((x) => html`<tr class=${x.version === this.selected ? 'selected' : ''} data-version=${x.version}>
              <td><button class="secondary" aria-pressed=${x.version === this.selected ? 'true' : 'false'} @click=${() => this.#select(x.version)}>v${x.version}</button></td>
              <td>${x.status}</td><td data-testid="stage">${x.stage}</td><td>${x.author}</td><td>${x.approver ?? ''}</td><td>${(x.createdAt ?? '').replace('T', ' ').slice(0, 19)}</td></tr>`)}</tbody>
          </table>
        </section>
        <section aria-labelledby="nodes-title">
          <h3 id="nodes-title">What each node runs (live)</h3>
          <table class="data" data-testid="nodes">
            <thead><tr><th scope="col">Node</th><th scope="col">Address</th><th scope="col">State</th><th scope="col">Version</th><th scope="col">Since</th></tr></thead>
            <tbody>${store.nodes.map((n) => html`<tr><td>${n.node}</td><td>${n.address}</td><td>${n.state}${n.detail ? html`<br><small>${n.detail}</small>` : ''}</td>
              <td data-testid="node-version">${n.version ?? '—'}</td><td>${(n.at ?? '').replace('T', ' ').slice(0, 19)}</td></tr>`)}</tbody>
          </table>
          ${v ? html`
            <h3>v${v.version}: ${v.status} · ${v.stage}</h3>
            <dl class="kv">
              <dt>Description</dt><dd>${v.description ?? '—'}</dd>
              <dt>Based on</dt><dd>${v.basedOn ? `v${v.basedOn}` : '—'}</dd>
              <dt>Checksum</dt><dd><code>${v.checksum}</code></dd>
              <dt>Submitted</dt><dd>${v.submittedBy ? `${v.submittedBy}, ${v.submittedAt}` : '—'}</dd>
              <dt>Approved</dt><dd>${v.approver ? `${v.approver}, ${v.approvedAt}` : '—'}</dd>
              <dt>Activated</dt><dd>${v.activatedAt ?? '—'}</dd>
            </dl>
            <div class="row">
              ${author && v.status === 'DRAFT' ? html`<button data-action="submit" ?disabled=${this.busy} @click=${() => this.#submit(v)}>Submit v${v.version}</button>
                <button class="secondary" @click=${() => { store.working = v.version; workspace.load(true); location.hash = '#/rules'; }}>Edit v${v.version}</button>` : ''}
              ${approver && v.status === 'DRAFT' ? html`<button data-action="approve" ?disabled=${this.busy} @click=${() => this.#approve(v)}>Approve v${v.version}</button>
                <button data-action="activate" ?disabled=${this.busy} @click=${() => this.#activate(v)}>Activate v${v.version}</button>` : ''}
              ${approver && v.status === 'RETIRED' ? html`<button class="danger" data-action="rollback" ?disabled=${this.busy} @click=${() => this.#rollback(v)}>Roll back to v${v.version}</button>` : ''}
            </div>
            <h3>Audit trail of v${v.version}</h3>
            <table class="data" data-testid="audit">
              <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Detail</th></tr></thead>
              <tbody>${(this.audit ?? []).map((e) => html`<tr><td>${(e.at ?? '').replace('T', ' ').slice(0, 19)}</td><td>${e.actor}</td><td>${e.action}</td><td>${e.detail ?? ''}</td></tr>`)}</tbody>
            </table>` : ''}
        </section>
      </div>
      <section aria-labelledby="diff-title">
        <h3 id="diff-title">Compare two versions</h3>
        <form class="row" @submit=${(e) => this.#compare(e)}>
          <div class="field"><label for="diff-from">From</label><select id="diff-from" name="from">
            ${store.versions.map((x) => html`<option value=${x.version} ?selected=${x.version === (store.active?.version ?? newest)}>v${x.version} (${x.status})</option>`)}</select></div>
          <div class="field"><label for="diff-to">To</label><select id="diff-to" name="to">
            ${store.versions.map((x) => html`<option value=${x.version} ?selected=${x.version === newest}>v${x.version} (${x.status})</option>`)}</select></div>
          <button type="submit" data-action="diff" ?disabled=${this.busy}>Show differences</button>
        </form>
        ${this.diff ? html`
          ${this.diff.files.length ? html`<div class="row" role="group" aria-label="Changed files">${this.diff.files.map((f) => html`
            <button class="secondary" aria-pressed=${f.file === this.diffFile ? 'true' : 'false'} @click=${() => { this.diffFile = f.file; }}>${f.file} (${f.change})</button>`)}</div>`
            : html`<p>The two versions have the same files.</p>`}
          <div class="merge-wrap merge-host" data-testid="diff-view" tabindex="0" role="region"
            aria-label="Differences of ${this.diffFile ?? 'no file'} between v${this.diff.from} (left) and v${this.diff.to} (right)"></div>` : ''}
      </section>`;
  }
}
customElements.define('stave-versions', VersionsScreen);
