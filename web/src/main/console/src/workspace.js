// The policy version being worked on, its files, unsaved edits, and the last validation; shared by
// the Rules, Decision tables, Scenarios and Impact screens.
import { html } from 'lit';
import { Light } from './light.js';
import { store, get, post, put, describe } from './api.js';

class Workspace extends EventTarget {
  files = {};
  loadedVersion = null;
  edits = new Map();
  validation = null;
  testReport = null;

  get version() { return store.version(store.working); }
  get editable() { return this.version?.status === 'DRAFT' && store.has('policy-author'); }

  async load(force = false) {
    const v = store.working;
    if (!v) return;
    if (force || this.loadedVersion !== v) {
      const result = await get(`policies/${v}/files`);
      this.files = result.files;
      this.loadedVersion = v;
      this.edits.clear();
      this.validation = null;
      this.testReport = null;
      this.changed();
    }
  }
  text(name) { return this.edits.has(name) ? this.edits.get(name) : this.files[name]; }
  edit(name, text) {
    if (text === this.files[name]) this.edits.delete(name); else this.edits.set(name, text);
    this.changed();
  }
  get dirty() { return this.edits.size > 0; }

  async save() {
    if (!this.dirty) return;
    const files = Object.fromEntries(this.edits);
    await put(`policies/${store.working}`, { files });
    for (const [name, text] of this.edits) {
      if (text === '') delete this.files[name]; else this.files[name] = text;
    }
    this.edits.clear();
    await store.loadVersions();
    this.changed();
  }
  async validate() {
    await this.save();
    this.validation = await post(`policies/${store.working}/validate`);
    this.validationCount = (this.validationCount ?? 0) + 1;
    this.changed();
    return this.validation;
  }
  async test() {
    await this.save();
    this.testReport = await post(`policies/${store.working}/test`);
    this.changed();
    return this.testReport;
  }
  async newDraft() {
    const base = store.active;
    const draft = await post('policies', {
      basedOn: base.version,
      description: `Draft on version ${base.version}, started in the console by ${store.session.user}`,
    });
    await store.loadVersions();
    store.working = draft.version;
    await this.load(true);
    return draft;
  }
  async submit() {
    await this.save();
    const v = await post(`policies/${store.working}/submit`);
    await store.loadVersions();
    this.changed();
    return v;
  }
  changed() { this.dispatchEvent(new Event('change')); }
}
export const workspace = new Workspace();

/** Which version is being worked on, its state, and the lifecycle actions of an author. */
class VersionBar extends Light {
  static properties = { status: { state: true }, statusError: { state: true }, busy: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    this._update = () => this.requestUpdate();
    store.addEventListener('change', this._update);
    workspace.addEventListener('change', this._update);
  }
  disconnectedCallback() {
    store.removeEventListener('change', this._update);
    workspace.removeEventListener('change', this._update);
    super.disconnectedCallback();
  }

  async #run(label, action) {
    this.busy = true;
    this.status = `${label}…`;
    this.statusError = false;
    try {
      const message = await action();
      this.status = message ?? `${label}: done.`;
    } catch (e) {
      this.status = `${label} failed — ${describe(e)}`;
      this.statusError = true;
    } finally {
      this.busy = false;
    }
  }

  async #choose(event) {
    if (workspace.dirty && !confirm('Discard the unsaved changes?')) {
      event.target.value = String(store.working);
      return;
    }
    store.working = Number(event.target.value);
    await this.#run('Loading', async () => { await workspace.load(true); return `Version ${store.working} loaded.`; });
  }

  render() {
    const v = workspace.version;
    const author = store.has('policy-author');
    return html`
      <div class="row panel" role="group" aria-label="Version being worked on">
        <div class="field">
          <label for="working-version">Policy version</label>
          <select id="working-version" @change=${(e) => this.#choose(e)} ?disabled=${this.busy}>
            ${store.versions.map((x) => html`<option value=${x.version} ?selected=${x.version === store.working}>
              v${x.version} — ${x.status}${x.stage && x.stage !== x.status ? ` / ${x.stage}` : ''}</option>`)}
          </select>
        </div>
        <span data-testid="version-state">${v ? html`<strong>v${v.version}</strong> ${v.status} · ${v.stage} · by ${v.author}` : 'no version'}
          ${workspace.dirty ? html` · <span class="warn">unsaved changes</span>` : ''}</span>
        ${author ? html`
          <button class="secondary" data-action="new-draft" ?disabled=${this.busy || !store.active}
            @click=${() => this.#run('New draft', async () => `Draft v${(await workspace.newDraft()).version} created from v${store.active.version}.`)}>
            New draft from active version</button>
          <button data-action="save" ?disabled=${this.busy || !workspace.dirty || !workspace.editable}
            @click=${() => this.#run('Saving', async () => { await workspace.save(); return 'Saved.'; })}>Save</button>
          <button class="secondary" data-action="submit" ?disabled=${this.busy || !workspace.editable || v?.stage !== 'DRAFT' && v?.stage !== 'APPROVAL_STALE'}
            @click=${() => this.#run('Submitting', async () => { const r = await workspace.submit(); return `v${r.version} submitted for approval (${r.stage}).`; })}>
            Submit for approval</button>` : ''}
      </div>
      <p class="status ${this.statusError ? 'error' : ''}" role="status" aria-live="polite" data-testid="bar-status">${this.status ?? ''}</p>`;
  }
}
customElements.define('stave-version-bar', VersionBar);
