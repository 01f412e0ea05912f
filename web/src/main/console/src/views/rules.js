import { html } from 'lit';
import { Light } from '../light.js';
import { store, get, describe } from '../api.js';
import { workspace } from '../workspace.js';
import { createEditor, showProblems, replaceDoc, setFactModel, EditorView } from '../editor.js';
import '../workspace.js';

let factModelLoaded = false;

/** The DRL editor: files of the version, highlighting, completion, the server's problems inline. */
class RulesScreen extends Light {
  static properties = { file: { state: true }, status: { state: true }, statusError: { state: true }, busy: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    // #sync runs after Lit's update, never inside CodeMirror's own update (an edit notifies us)
    this._update = () => this.requestUpdate();
    workspace.addEventListener('change', this._update);
    store.addEventListener('change', this._update);
    this.#start();
  }
  disconnectedCallback() {
    workspace.removeEventListener('change', this._update);
    store.removeEventListener('change', this._update);
    this.view?.destroy();
    this.view = null;
    super.disconnectedCallback();
  }

  async #start() {
    try {
      if (!factModelLoaded) {
        setFactModel(await get('console/fact-model'));
        factModelLoaded = true;
      }
      await workspace.load();
      this.requestUpdate();
    } catch (e) {
      this.status = describe(e);
      this.statusError = true;
    }
  }

  get drlFiles() {
    const names = new Set([...Object.keys(workspace.files), ...workspace.edits.keys()]);
    return [...names].filter((n) => n.endsWith('.drl') && workspace.text(n) !== '').sort();
  }

  #sync() {
    const files = this.drlFiles;
    if (!this.file || !files.includes(this.file)) this.file = files[0];
    const host = this.querySelector('.editor-host');
    if (!host || !this.file) return;
    if (!this.view) {
      this.view = createEditor(host, {
        doc: workspace.text(this.file) ?? '',
        label: `DRL source of ${this.file}`,
        onChange: (text) => { if (!this.loading) workspace.edit(this.shown, text); },
      });
      this.shown = this.file;
    } else if (this.shown !== this.file || (!workspace.edits.has(this.file) && this.view.state.doc.toString() !== workspace.text(this.file))) {
      this.loading = true;
      replaceDoc(this.view, workspace.text(this.file) ?? '');
      this.loading = false;
      this.shown = this.file;
    }
    this.view.contentDOM.setAttribute('aria-label', `DRL source of ${this.file}`);
    this.view.setReadOnly(!workspace.editable);
    const marked = `${this.file}@${workspace.validation?.version}#${workspace.validationCount ?? 0}`;
    if (marked !== this.marked) {
      this.marked = marked;
      const problems = (workspace.validation?.problems ?? []).filter((p) => p.file === this.file);
      const warnings = (workspace.validation?.warnings ?? []).filter((w) => w.file === this.file)
        .map((w) => ({ ...w, column: 1, severity: 'warning', kind: 'lint' }));
      showProblems(this.view, [...problems, ...warnings]);
    }
  }

  updated() { this.#sync(); }

  async #validate() {
    this.busy = true;
    this.status = 'Validating…';
    this.statusError = false;
    try {
      const result = await workspace.validate();
      this.status = result.compiles
        ? `v${result.version} compiles: ${result.rules} rules, ${result.warnings.length} warnings.`
        : `v${result.version} does not compile: ${result.problems.length} problem(s).`;
      this.statusError = !result.compiles;
    } catch (e) {
      this.status = `Validation failed — ${describe(e)}`;
      this.statusError = true;
    } finally {
      this.busy = false;
    }
  }

  #newFile() {
    const name = prompt('Name of the new rule file (ends with .drl)', 'my-rules.drl');
    if (!name) return;
    const file = name.endsWith('.drl') ? name : `${name}.drl`;
    workspace.edit(file, 'package io.stave.policy.custom;\n\nimport io.stave.rules.domain.DecisionRequest;\n\n');
    this.file = file;
  }

  #goTo(problem) {
    this.file = problem.file;
    this.updateComplete.then(() => {
      const line = this.view.state.doc.line(Math.min(problem.line || 1, this.view.state.doc.lines));
      this.view.dispatch({ selection: { anchor: line.from }, effects: EditorView.scrollIntoView(line.from, { y: 'center' }) });
      this.view.focus();
    });
  }

  render() {
    const validation = workspace.validation;
    return html`
      <h2>Rules</h2>
      <stave-version-bar></stave-version-bar>
      <div class="split">
        <div>
          <h3 id="rule-files">Rule files</h3>
          <ul class="files" aria-labelledby="rule-files">
            ${this.drlFiles.map((f) => html`<li><button aria-pressed=${f === this.file ? 'true' : 'false'} data-file=${f}
              @click=${() => { this.file = f; }}>${f}${workspace.edits.has(f) ? ' •' : ''}</button></li>`)}
          </ul>
          ${workspace.editable ? html`<button class="secondary" @click=${() => this.#newFile()}>New rule file</button>` : ''}
        </div>
        <div>
          <div class="row">
            <button data-action="validate" ?disabled=${this.busy || !store.working} @click=${() => this.#validate()}>Save and validate</button>
            <span>${workspace.editable ? 'Ctrl-Space completes fact types and fields.' : 'This version is read-only: start a draft to change it.'}</span>
          </div>
          <p class="status ${this.statusError ? 'error' : ''}" role="status" aria-live="polite" data-testid="rules-status">${this.status ?? ''}</p>
          <div class="editor-host" data-testid="drl-editor"></div>
          ${validation ? html`
            <h3>Problems of v${validation.version}</h3>
            ${validation.problems.length || validation.warnings.length ? html`
              <ul class="problems" data-testid="problems">
                ${validation.problems.map((p) => html`<li class="error" data-file=${p.file} data-line=${p.line}>
                  <button class="link" @click=${() => this.#goTo(p)}>${p.file}, line ${p.line}, column ${p.column}</button>
                  (${p.kind}): ${p.message}</li>`)}
                ${validation.warnings.map((w) => html`<li class="warn" data-file=${w.file} data-line=${w.line}>
                  <button class="link" @click=${() => this.#goTo(w)}>${w.file}, line ${w.line}</button> (warning, ${w.rule}): ${w.message}</li>`)}
              </ul>` : html`<p class="ok" data-testid="no-problems">No problems: the version compiles.</p>`}` : ''}
        </div>
      </div>`;
  }
}
customElements.define('stave-rules', RulesScreen);
