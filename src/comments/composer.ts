import { html, nothing, type TemplateResult } from 'lit';
import { fill, plural } from '../i18n/intl.js';
import { charsOf, type Compose } from '../stores/composer.js';
import { isApple } from '../ui/keyboard.js';
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
 * the ids of its parts are `top-…` or `panel-…`. The top composer is one line until it has the
 * focus or text (styles): its name field and buttons show then, so that the thread starts high on
 * a phone; what was typed always stays.
 */
export function composer(v: ComposerView, slot: string, c: Compose, label: string, submit: string): TemplateResult {
  const { s } = v;
  const id = slot ? 'panel' : 'top';
  const left = v.maxLength - charsOf(c.body, v.maxLength);
  // The counter shows once four fifths of `maxLength` are used.
  const counter = left < v.maxLength / 5 ? plural(left < 0 ? s.charsOver : s.charsLeft, Math.abs(left), v.lang) : '';
  // Only ids that exist: the error's once it shows.
  const error = c.error ? `${id}-error` : '';
  return html`
    <form part="form" class=${slot ? '' : c.body || c.error ? 'top filled' : 'top'} data-slot=${slot} ?data-panel=${!!slot} novalidate aria-busy=${c.sending}>
      <label>
        ${label}
        <textarea
          part="textarea"
          name="body"
          .value=${c.body}
          ?readonly=${c.sending}
          aria-invalid=${left < 0}
          aria-describedby="${id}-counter ${error}"
        ></textarea>
      </label>
      ${v.askName && !slot.startsWith('e:')
        ? html`
          <label class="name">
            ${s.nameLabel}
            <input
              part="name-input"
              name="name"
              autocomplete="name"
              .value=${v.name}
              ?readonly=${c.sending}
              aria-describedby=${error || nothing}
            >
          </label>`
        : nothing}
      ${c.error ? html`<p part="error" id="${id}-error">${c.error}</p>` : nothing}
      <div class="row send">
        <span part="counter" id="${id}-counter">${counter}</span>
        <span part="hint" class="hint">${fill(s.shortcut, { key: isApple() ? s.keyCmd : s.keyCtrl })}</span>
        ${slot ? html`<button type="button" data-act="close">${s.cancel}</button>` : nothing}
        <button part="submit" aria-disabled=${c.sending}>${c.sending ? s.sending : submit}</button>
      </div>
    </form>
  `;
}
