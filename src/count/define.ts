import { ExperienceCommentCount } from './element.js';

// Registers the tag unless the page already has it: a second copy of the library must not throw.
// The only side effect of this folder (listed in package.json `sideEffects`).
if (!customElements.get('experience-comment-count')) customElements.define('experience-comment-count', ExperienceCommentCount);

declare global {
  interface HTMLElementTagNameMap {
    'experience-comment-count': ExperienceCommentCount;
  }
}
