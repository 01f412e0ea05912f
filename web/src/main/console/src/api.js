// The console talks to the same /api/v1 as any client. The browser sends the HTTP Basic
// credentials it was given for this origin (the login dialog of the "Stave" realm) with each call.
const BASE = new URL('../api/v1/', document.baseURI.includes('/console/') ? document.baseURI : location.origin + '/console/');

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
  /** Each bad field of a problem document, as "field: message" lines. */
  get details() {
    const errors = this.problem?.errors || this.problem?.invalidParams || [];
    return errors.map((e) => `${e.field ?? e.name ?? ''}: ${e.message ?? e.reason ?? ''}`);
  }
}

export async function api(path, { method = 'GET', body, headers = {}, raw = false } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(new URL(path, BASE), init);
  if (raw) return response;
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { detail: text };
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const get = (path) => api(path);
export const post = (path, body = {}) => api(path, { method: 'POST', body });
export const put = (path, body) => api(path, { method: 'PUT', body });
export const apiUrl = (path) => new URL(path, BASE).href;

/** A message a person can act on, from any error a call threw. */
export function describe(error) {
  if (error instanceof ApiError) {
    const lines = error.details;
    return `${error.status}: ${error.message}${lines.length ? ' — ' + lines.join('; ') : ''}`;
  }
  return String(error?.message ?? error);
}

/** Shared console state: who is signed in, the policy versions, the version being worked on. */
class Store extends EventTarget {
  session = { user: '', roles: [] };
  versions = [];
  nodes = [];
  #working = Number(sessionStorage.getItem('stave.working')) || null;

  get working() { return this.#working; }
  set working(v) {
    this.#working = v;
    if (v) sessionStorage.setItem('stave.working', String(v));
    this.changed();
  }
  has(role) { return this.session.roles.includes(role); }
  version(v) { return this.versions.find((x) => x.version === v); }
  get active() { return this.versions.find((x) => x.status === 'ACTIVE'); }
  changed() { this.dispatchEvent(new Event('change')); }

  async loadSession() {
    this.session = await get('console/session');
    this.changed();
  }
  async loadVersions() {
    if (!(this.has('policy-author') || this.has('policy-approver') || this.has('auditor'))) return;
    const list = await get('policies');
    this.versions = list.versions.sort((a, b) => b.version - a.version);
    this.nodes = list.nodes;
    if (!this.#working || !this.version(this.#working)) {
      const draft = this.versions.find((v) => v.status === 'DRAFT');
      this.#working = (draft ?? this.active ?? this.versions[0])?.version ?? null;
    }
    this.changed();
  }
}
export const store = new Store();

/** Announces a message to screen readers and shows it in the status line. */
export function announce(host, message, isError = false) {
  host.status = message;
  host.statusError = isError;
}
