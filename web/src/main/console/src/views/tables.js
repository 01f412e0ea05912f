import { html } from 'lit';
import Papa from 'papaparse';
import { VirtualizerController } from '@tanstack/lit-virtual';
import { Light } from '../light.js';
import { store, post, put, apiUrl, describe } from '../api.js';
import { workspace } from '../workspace.js';
import '../workspace.js';

const ROW_HEIGHT = 31;
const columnName = (i) => (i >= 26 ? columnName(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

/** A decision table (CSV as Stave stores it) as rows of cells; line n of the file is rows[n-1]. */
export function parseTable(text) {
  const body = (text ?? '').replace(/\r?\n$/, '');
  if (!body) return [['']];
  return Papa.parse(body, { skipEmptyLines: false }).data.map((r) => r.map((c) => String(c).replace(/\r?\n/g, ' ')));
}
export function unparseTable(rows) {
  return rows.map((r) => (r.length ? r : ['']).map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';
}

/** The decision-table editor: a virtualised grid, rows in and out, CSV/XLSX, the server's verification. */
class TablesScreen extends Light {
  static properties = {
    file: { state: true }, current: { state: true }, report: { state: true },
    status: { state: true }, statusError: { state: true }, busy: { state: true },
  };

  constructor() {
    super();
    this.rows = [['']];
    this.current = 0;
    this.virtualizer = new VirtualizerController(this, {
      count: 0,
      getScrollElement: () => this.querySelector('.grid-scroll'),
      estimateSize: () => ROW_HEIGHT,
      overscan: 12,
    });
  }

  connectedCallback() {
    super.connectedCallback();
    this._update = () => this.#reload();
    workspace.addEventListener('change', this._update);
    store.addEventListener('change', this._update);
    workspace.load().then(() => this.#reload()).catch((e) => this.#fail('Loading', e));
  }
  disconnectedCallback() {
    workspace.removeEventListener('change', this._update);
    store.removeEventListener('change', this._update);
    super.disconnectedCallback();
  }

  get tableFiles() {
    const names = new Set([...Object.keys(workspace.files), ...workspace.edits.keys()]);
    return [...names].filter((n) => n.endsWith('.drl.csv') && workspace.text(n) !== '').sort();
  }

  #reload() {
    const files = this.tableFiles;
    if (!this.file || !files.includes(this.file)) this.file = files[0];
    const text = this.file ? workspace.text(this.file) : '';
    if (text !== this.text) {
      this.text = text;
      this.rows = parseTable(text);
      this.report = null;
    }
    this.requestUpdate();
  }

  #commit() {
    this.text = unparseTable(this.rows);
    workspace.edit(this.file, this.text);
    this.requestUpdate();
  }

  #fail(label, e) {
    this.status = `${label} failed — ${describe(e)}`;
    this.statusError = true;
    this.busy = false;
  }
  #say(message) { this.status = message; this.statusError = false; }

  get width() { return Math.max(1, ...this.rows.map((r) => r.length)); }

  #setCell(row, column, value) {
    const cells = this.rows[row];
    while (cells.length <= column) cells.push('');
    cells[column] = value;
    this.#commit();
  }

  #addRow() {
    const at = Math.min(this.current + 1, this.rows.length);
    this.rows.splice(at, 0, Array(this.width).fill(''));
    this.current = at;
    this.#commit();
    this.#say(`Row added at line ${at + 1}.`);
    this.#scrollTo(at);
  }
  #removeRow() {
    if (this.rows.length <= 1) return;
    const at = this.current;
    this.rows.splice(at, 1);
    this.current = Math.min(at, this.rows.length - 1);
    this.#commit();
    this.#say(`Line ${at + 1} removed.`);
  }

  #scrollTo(index, focus = true) {
    this.current = index;
    this.virtualizer.getVirtualizer().scrollToIndex(index, { align: 'center' });
    setTimeout(() => {
      this.requestUpdate();
      this.updateComplete.then(() => {
        const input = this.querySelector(`tr[data-line="${index + 1}"] input`);
        if (focus && input) input.focus();
      });
    }, 60);
  }

  async #importCsv(event) {
    const file = event.target.files[0];
    if (!file) return;
    this.rows = parseTable(await file.text());
    this.current = 0;
    this.#commit();
    this.report = null;
    this.#say(`${file.name}: ${this.rows.length} lines imported. Save to keep them.`);
    event.target.value = '';
  }
  #exportCsv() {
    const blob = new Blob([unparseTable(this.rows)], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = this.file;
    a.click();
    URL.revokeObjectURL(a.href);
  }
  async #importXlsx(event) {
    const file = event.target.files[0];
    if (!file) return;
    this.busy = true;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      await workspace.save();
      await put(`policies/${store.working}`, { files: { [`${this.file.replace(/\.csv$/, '')}.xlsx`]: { base64: btoa(binary) } } });
      await workspace.load(true);
      this.#say(`${file.name} imported into ${this.file} and saved.`);
    } catch (e) {
      this.#fail('XLSX import', e);
    } finally {
      this.busy = false;
      event.target.value = '';
    }
  }

  async #verify() {
    this.busy = true;
    this.#say('Verifying…');
    try {
      this.report = await post('console/decision-tables/verify', { csv: unparseTable(this.rows) });
      const c = this.report.counts;
      this.#say(`${this.report.rows} rows: ${c.GAP} gaps, ${c.CONFLICT} conflicts, ${c.REDUNDANT} redundant, ${c.OVERLAP} overlaps, ${c.INVALID_VALUE} invalid values.`);
    } catch (e) {
      this.#fail('Verification', e);
    } finally {
      this.busy = false;
    }
  }

  render() {
    const virtualizer = this.virtualizer.getVirtualizer();
    if (virtualizer.options.count !== this.rows.length) {
      virtualizer.setOptions({ ...virtualizer.options, count: this.rows.length });
    }
    const items = virtualizer.getVirtualItems();
    const total = virtualizer.getTotalSize();
    const top = items.length ? items[0].start : 0;
    const bottom = items.length ? total - items[items.length - 1].end : 0;
    const width = this.width;
    const flagged = new Set((this.report?.findings ?? []).flatMap((f) => f.rows));
    const editable = workspace.editable;
    return html`
      <h2>Decision tables</h2>
      <stave-version-bar></stave-version-bar>
      <div class="row">
        <div class="field">
          <label for="table-file">Table</label>
          <select id="table-file" @change=${(e) => { this.file = e.target.value; this.text = null; this.#reload(); }}>
            ${this.tableFiles.map((f) => html`<option ?selected=${f === this.file}>${f}</option>`)}
          </select>
        </div>
        <button ?disabled=${!editable} data-action="add-row" @click=${() => this.#addRow()}>Add row below line ${this.current + 1}</button>
        <button class="secondary" ?disabled=${!editable} data-action="remove-row" @click=${() => this.#removeRow()}>Remove line ${this.current + 1}</button>
        <button class="secondary" data-action="revert" ?disabled=${!workspace.edits.has(this.file)}
          @click=${() => { workspace.edit(this.file, workspace.files[this.file]); this.text = null; this.#reload(); this.#say(`Unsaved changes to ${this.file} discarded.`); }}>Discard changes</button>
        <button data-action="verify" ?disabled=${this.busy || !this.file} @click=${() => this.#verify()}>Verify table</button>
        <label class="button secondary" for="csv-import">Import CSV</label>
        <input id="csv-import" class="visually-hidden" type="file" accept=".csv,text/csv" ?disabled=${!editable} @change=${(e) => this.#importCsv(e)}>
        <button class="secondary" @click=${() => this.#exportCsv()} ?disabled=${!this.file}>Export CSV</button>
        <label class="button secondary" for="xlsx-import">Import XLSX</label>
        <input id="xlsx-import" class="visually-hidden" type="file" accept=".xlsx,.xls" ?disabled=${!editable} @change=${(e) => this.#importXlsx(e)}>
        ${this.file ? html`<a class="button secondary" href=${apiUrl(`policies/${store.working}/files/${this.file.replace(/\.csv$/, '')}.xlsx`)}
          download>Export XLSX (saved version)</a>` : ''}
      </div>
      <p class="status ${this.statusError ? 'error' : ''}" role="status" aria-live="polite" data-testid="tables-status">${this.status ?? ''}</p>
      ${this.file ? html`
      <div class="grid-scroll" tabindex="0" role="region" aria-label="Cells of ${this.file}, ${this.rows.length} lines" data-testid="grid">
        <table aria-rowcount=${this.rows.length + 1}>
          <thead><tr aria-rowindex="1"><th scope="col">Line</th>
            ${Array.from({ length: width }, (_, c) => html`<th scope="col" style="width:${c === 0 ? 20 : 24}rem">${columnName(c)}</th>`)}</tr></thead>
          <tbody>
            ${top > 0 ? html`<tr aria-hidden="true" style="height:${top}px"><td colspan=${width + 1}></td></tr>` : ''}
            ${items.map((item) => {
              const r = item.index;
              const cells = this.rows[r] ?? [];
              return html`<tr data-line=${r + 1} aria-rowindex=${r + 2}
                  class="${flagged.has(r + 1) ? 'flagged' : ''} ${r === this.current ? 'current' : ''}">
                <td class="num">${r + 1}</td>
                ${Array.from({ length: width }, (_, c) => html`<td><input .value=${cells[c] ?? ''} ?readonly=${!editable}
                  aria-label="Line ${r + 1}, column ${columnName(c)}"
                  @focus=${() => { this.current = r; }}
                  @change=${(e) => this.#setCell(r, c, e.target.value)}></td>`)}
              </tr>`;
            })}
            ${bottom > 0 ? html`<tr aria-hidden="true" style="height:${bottom}px"><td colspan=${width + 1}></td></tr>` : ''}
          </tbody>
        </table>
      </div>` : html`<p>This version has no decision table (*.drl.csv).</p>`}
      ${this.report ? html`
        <h3>Verification</h3>
        ${this.report.notes.map((n) => html`<p>${n}</p>`)}
        ${this.report.findings.length ? html`
          <table class="data" data-testid="findings">
            <thead><tr><th scope="col">Kind</th><th scope="col">Lines</th><th scope="col">Finding</th></tr></thead>
            <tbody>${this.report.findings.map((f) => html`<tr data-kind=${f.kind}>
              <td>${f.kind}</td>
              <td>${f.rows.map((line) => html`<button class="secondary" @click=${() => this.#scrollTo(line - 1)}>Line ${line}</button> `)}</td>
              <td>${f.message}</td></tr>`)}</tbody>
          </table>${this.report.truncated ? html`<p>Only the first ${this.report.findings.length} findings are listed.</p>` : ''}`
          : html`<p class="ok" data-testid="no-findings">No gap, conflict, overlap or redundant row.</p>`}` : ''}`;
  }
}
customElements.define('stave-tables', TablesScreen);
