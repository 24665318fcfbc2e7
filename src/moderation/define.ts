import { ExperienceModeration } from './element.js';

// Registers the tag unless the page already has it: a second copy of the library must not throw.
// The only side effect of this folder (listed in package.json `sideEffects`).
if (!customElements.get('experience-moderation')) customElements.define('experience-moderation', ExperienceModeration);

declare global {
  interface HTMLElementTagNameMap {
    'experience-moderation': ExperienceModeration;
  }
}
