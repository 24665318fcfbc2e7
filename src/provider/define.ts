import { ExperienceProvider } from './element.js';

// Registers the tag unless the page already has it: a second copy of the library must not throw.
// The only side effect of this folder (listed in package.json `sideEffects`).
if (!customElements.get('experience-provider')) customElements.define('experience-provider', ExperienceProvider);

declare global {
  interface HTMLElementTagNameMap {
    'experience-provider': ExperienceProvider;
  }
}
