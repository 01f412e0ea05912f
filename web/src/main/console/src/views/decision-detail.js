import { html } from 'lit';

/** A logged decision: request, outcome, reasons, obligations and split. */
export function decisionDetail(d) {
  const q = d.request ?? {};
  return html`
    <dl class="kv" data-testid="decision-detail">
      <dt>Decision</dt><dd><span class="badge ${d.decision}" data-testid="detail-decision">${d.decision}</span> by policy v${d.policyVersion}</dd>
      <dt>Request</dt><dd>${q.feature ?? '—'} · ${q.useType} · ${q.isrc} · ${q.territory} · at ${q.at}</dd>
      <dt>Evaluated</dt><dd>${d.evaluatedAt}${d.principal ? ` for ${d.principal}` : ''}</dd>
    </dl>
    <h4>Reasons</h4>
    <ul data-testid="detail-reasons">${(d.reasons ?? []).map((r) => html`<li><strong>${r.code}</strong> — ${r.message} <small>(rule “${r.rule}”)</small></li>`)}</ul>
    <h4>Obligations</h4>
    ${(d.obligations ?? []).length ? html`<ul data-testid="detail-obligations">${d.obligations.map((o) => html`<li><strong>${o.type}</strong>
      ${Object.entries(o.attributes ?? {}).map(([k, v]) => html`${k}: ${v}; `)}</li>`)}</ul>` : html`<p>None.</p>`}
    <h4>Split</h4>
    ${d.split ? html`<table class="data" data-testid="detail-split"><caption class="visually-hidden">Revenue split ${d.split.splitId}</caption>
      <thead><tr><th scope="col">Party</th><th scope="col">Role</th><th scope="col">Percent</th></tr></thead>
      <tbody>${d.split.shares.map((s) => html`<tr><td>${s.partyId}</td><td>${s.role}</td><td>${s.percent}</td></tr>`)}</tbody></table>`
      : html`<p>No split (only a PERMIT names one).</p>`}`;
}
