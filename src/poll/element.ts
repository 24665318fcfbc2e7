import { LitElement, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';

/**
 * A poll at the end of an article.
 *
 * @summary An accessible poll with honest results.
 */
export class ArticlePoll extends LitElement {
  /** The poll's id. */
  @property({ reflect: true }) poll = '';

  override render(): TemplateResult {
    return html`<fieldset></fieldset>`;
  }
}
