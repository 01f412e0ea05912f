import { html } from 'lit';
import { store, describe } from './api.js';
import { Light } from './light.js';
import './views/rules.js';
import './views/tables.js';
import './views/scenarios.js';
import './views/impact.js';
import './views/versions.js';
import './views/decisions.js';
import './views/catalogue.js';




const SCREENS = [
  { path: 'rules', title: 'Rules', tag: 'stave-rules', roles: ['policy-author', 'policy-approver', 'auditor'] },
  { path: 'tables', title: 'Decision tables', tag: 'stave-tables', roles: ['policy-author', 'policy-approver', 'auditor'] },
  { path: 'scenarios', title: 'Scenarios', tag: 'stave-scenarios', roles: ['policy-author', 'policy-approver'] },
  { path: 'impact', title: 'Impact', tag: 'stave-impact', roles: ['policy-author', 'policy-approver'] },
  { path: 'versions', title: 'Versions', tag: 'stave-versions', roles: ['policy-author', 'policy-approver', 'auditor'] },
  { path: 'decisions', title: 'Decisions', tag: 'stave-decisions', roles: ['auditor'] },
  { path: 'catalogue', title: 'Catalogue', tag: 'stave-catalogue', roles: ['policy-author', 'policy-approver', 'auditor', 'feed-integrator', 'feature-client'] },
];

class StaveConsole extends Light {
  static properties = { route: { state: true }, error: { state: true }, ready: { state: true } };

  constructor() {
    super();
    this.route = 'rules';
    this.ready = false;
    window.addEventListener('hashchange', () => this.#follow());
    store.addEventListener('change', () => this.requestUpdate());
  }

  async connectedCallback() {
    super.connectedCallback();
    try {
      await store.loadSession();
      await store.loadVersions();
      this.ready = true;
      this.#follow();
    } catch (e) {
      this.error = describe(e);
    }
  }

  get screens() { return SCREENS.filter((s) => s.roles.some((r) => store.has(r))); }

  #follow() {
    const path = (location.hash.replace(/^#\/?/, '').split(/[?/]/)[0]) || '';
    const allowed = this.screens;
    const screen = allowed.find((s) => s.path === path) ?? allowed[0];
    if (!screen) return;
    if (screen.path !== path) {
      history.replaceState(null, '', `#/${screen.path}`);
    }
    this.route = screen.path;
    document.title = `${screen.title} — Stave policy console`;
  }

  render() {
    // only a screen the roles allow: the route starts as 'rules', which a rights holder may not use
    const screen = this.screens.find((s) => s.path === this.route);
    return html`
      <header class="top">
        <h1>Stave policy console</h1>
        <span class="who" data-testid="who">${store.session.user
          ? html`Signed in as <strong>${store.session.user}</strong> (${store.session.roles.join(', ')})`
          : ''}</span>
      </header>
      <nav class="main" aria-label="Screens">
        ${this.screens.map((s) => html`<a href="#/${s.path}" aria-current=${s.path === this.route ? 'page' : 'false'}
          data-screen=${s.path}>${s.title}</a>`)}
      </nav>
      <main id="main" tabindex="-1">
        ${this.error ? html`<p class="error" role="alert">The console could not start: ${this.error}</p>` : ''}
        ${this.ready && screen ? this.#screen(screen) : ''}
        ${this.ready && !this.screens.length ? html`<p>Your roles give you no screen of this console.</p>` : ''}
      </main>`;
  }

  #screen(screen) {
    switch (screen.tag) {
      case 'stave-rules': return html`<stave-rules></stave-rules>`;
      case 'stave-tables': return html`<stave-tables></stave-tables>`;
      case 'stave-scenarios': return html`<stave-scenarios></stave-scenarios>`;
      case 'stave-impact': return html`<stave-impact></stave-impact>`;
      case 'stave-versions': return html`<stave-versions></stave-versions>`;
      case 'stave-decisions': return html`<stave-decisions></stave-decisions>`;
      default: return html`<stave-catalogue></stave-catalogue>`;
    }
  }
}
customElements.define('stave-console', StaveConsole);
