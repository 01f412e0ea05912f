import { LitElement } from 'lit';

/** Light-DOM Lit element: one stylesheet for the whole console, and plain DOM for tests and axe. */
export class Light extends LitElement {
  createRenderRoot() { return this; }
}
