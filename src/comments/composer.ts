import { html, nothing, type TemplateResult } from 'lit';
import { plural } from '../i18n/intl.js';
import { codePoints } from '../util.js';
import type { CommentsStrings } from './strings.js';

/** One open composer: the top one (slot `''`), a reply box (`r:<id>`) or an edit box (`e:<id>`). */
export interface Compose {
  body: string;
  /** The `Idempotency-Key` of this text's post, kept until the server accepted it. */
  key?: string;
  sending: boolean;
  error: string;
  /** The prefix of this composer's element ids. */
  id: string;
}

export interface ComposerView {
  s: CommentsStrings;
  lang: string;
  maxLength: number;
  /** Whether to ask for a name (anonymous posting, no viewer). */
  askName: boolean;
  name: string;
  compose(slot: string): Compose;
}

/**
 * A composer's form. It binds no listeners: the element handles `input`, `keydown` and `submit`
 * for all of them, and finds the composer by the form's `data-slot`.
 */
export function composer(v: ComposerView, slot: string, label: string, submit: string): TemplateResult {
  const { s } = v;
  const { body, sending, error, id } = v.compose(slot);
  const left = v.maxLength - codePoints(body);
  // No white space between the tags: the form is a grid and the row a flex box.
  return html`<form part="form" data-slot=${slot} ?data-panel=${!!slot} novalidate aria-busy=${sending}><label>${
    label}<textarea part="textarea" name="body" .value=${body} ?readonly=${sending} aria-invalid=${left < 0} aria-describedby="${id}c ${id}e"></textarea></label>${
    v.askName && !slot.startsWith('e:')
      ? html`<label>${s.nameLabel}<input part="name-input" name="name" autocomplete="name" .value=${v.name} ?readonly=${sending} aria-describedby="${id}e"></label>`
      : nothing}${
    error ? html`<p part="error" id="${id}e">${error}</p>` : nothing}<div class="row"><span part="counter" id="${id}c">${
    // The counter shows once four fifths of `maxLength` are used.
    left < v.maxLength / 5 ? plural(left < 0 ? s.charsOver : s.charsLeft, Math.abs(left), v.lang) : ''}</span><span part="hint">${
    s.shortcut}</span>${
    slot ? html`<button type="button" data-act="close">${s.cancel}</button>` : nothing}<button part="submit" aria-disabled=${sending}>${
    sending ? s.sending : submit}</button></div></form>`;
}
