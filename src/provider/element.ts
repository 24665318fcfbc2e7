import { LitElement, html, type TemplateResult } from 'lit';

/**
 * Gives every widget inside it one adapter, session, locale and strings.
 *
 * @summary Shares an adapter, a session, a locale and strings.
 * @slot - The widgets.
 */
export class ExperienceProvider extends LitElement {
  override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}
