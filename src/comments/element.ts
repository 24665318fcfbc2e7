import { LitElement, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';

/**
 * Threaded comments under an article.
 *
 * @summary Threaded comments with badges, replies and a composer.
 */
export class ExperienceComments extends LitElement {
  /** The thread's id. */
  @property({ reflect: true }) thread = '';

  override render(): TemplateResult {
    return html`<section aria-label="Comments"></section>`;
  }
}
