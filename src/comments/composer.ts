import { html, nothing, type TemplateResult } from 'lit';
import { plural } from '../i18n/intl.js';
import { charsOf, type Compose } from '../stores/composer.js';
import type { CommentsStrings } from './strings.js';

/** What a composer's form shows besides its own state. */
export interface ComposerView {
  s: CommentsStrings;
  lang: string;
  maxLength: number;
  /** Whether to ask for a name (anonymous posting, no viewer). */
  askName: boolean;
  name: string;
}

/**
 * A composer's form: the top one (`slot` `''`), a reply box (`r:<id>`) or an edit box (`e:<id>`).
 * It binds no listeners: the element handles `input`, `keydown` and `submit` for all of them, and
 * finds the composer by the form's `data-slot`. At most one box is open below the top composer, so
 * the ids of its parts are `top-…` or `panel-…`.
 */
export function composer(v: ComposerView, slot: string, c: Compose, label: string, submit: string): TemplateResult {
  const { s } = v;
  const id = slot ? 'panel' : 'top';
  const left = v.maxLength - charsOf(c.body, v.maxLength);
  // The counter shows once four fifths of `maxLength` are used.
  const counter = left < v.maxLength / 5 ? plural(left < 0 ? s.charsOver : s.charsLeft, Math.abs(left), v.lang) : '';
  return html`
    <form part="form" data-slot=${slot} ?data-panel=${!!slot} novalidate aria-busy=${c.sending}>
      <label>
        ${label}
        <textarea
          part="textarea"
          name="body"
          .value=${c.body}
          ?readonly=${c.sending}
          aria-invalid=${left < 0}
          aria-describedby="${id}-counter ${id}-error"
        ></textarea>
      </label>
      ${v.askName && !slot.startsWith('e:')
        ? html`
          <label>
            ${s.nameLabel}
            <input
              part="name-input"
              name="name"
              autocomplete="name"
              .value=${v.name}
              ?readonly=${c.sending}
              aria-describedby="${id}-error"
            >
          </label>`
        : nothing}
      ${c.error ? html`<p part="error" id="${id}-error">${c.error}</p>` : nothing}
      <div class="row">
        <span part="counter" id="${id}-counter">${counter}</span>
        <span part="hint">${s.shortcut}</span>
        ${slot ? html`<button type="button" data-act="close">${s.cancel}</button>` : nothing}
        <button part="submit" aria-disabled=${c.sending}>${c.sending ? s.sending : submit}</button>
      </div>
    </form>
  `;
}
