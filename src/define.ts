import { ExperienceComments } from './comments/element.js';
import { ArticlePoll } from './poll/element.js';
import { ExperienceProvider } from './provider/element.js';

/** Registers `tag` unless the page already has it (a second copy of the library must not throw). */
function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

define('experience-provider', ExperienceProvider);
define('experience-comments', ExperienceComments);
define('article-poll', ArticlePoll);

declare global {
  interface HTMLElementTagNameMap {
    'experience-provider': ExperienceProvider;
    'experience-comments': ExperienceComments;
    'article-poll': ArticlePoll;
  }
}
