import { ExperienceComments } from './comments/element.js';
import { ArticlePoll } from './poll/element.js';
import { ExperienceProvider } from './provider/element.js';

// Each tag is registered unless the page already has it: a second copy of the library must not
// throw. Written out per tag so that the manifest analyzer sees the tag names.
if (!customElements.get('experience-provider')) customElements.define('experience-provider', ExperienceProvider);
if (!customElements.get('experience-comments')) customElements.define('experience-comments', ExperienceComments);
if (!customElements.get('article-poll')) customElements.define('article-poll', ArticlePoll);

declare global {
  interface HTMLElementTagNameMap {
    'experience-provider': ExperienceProvider;
    'experience-comments': ExperienceComments;
    'article-poll': ArticlePoll;
  }
}
