import { ArticlePoll } from './element.js';

// Registers the tag unless the page already has it: a second copy of the library must not throw.
// The only side effect of this folder (listed in package.json `sideEffects`).
if (!customElements.get('article-poll')) customElements.define('article-poll', ArticlePoll);

declare global {
  interface HTMLElementTagNameMap {
    'article-poll': ArticlePoll;
  }
}
