import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { fill, plural, type Plural } from '../i18n/intl.js';
import { serverText, type AdapterError } from '../model/errors.js';

/**
 * What a widget says to a reader who cannot see it change: the live region, and the reader's
 * message for a failed call. Both widgets have one.
 */

/** A widget's messages for failures, from its strings. */
export interface ErrorMessages {
  /**
   * The message of each code that has one of its own. A `Map`: a code is the server's word, and
   * `constructor` or `__proto__` must find nothing, as any other unknown code does.
   */
  byCode: ReadonlyMap<string, string>;
  /** `validation`: the server's own explanation is `{message}`. */
  validation?: string;
  /** `rate_limited` with a `Retry-After`: `#` is the seconds. */
  rateLimited: Plural;
  /** `rate_limited` without one. */
  busy: string;
  /** A server error (a 5xx or `server_error`) without a message of its own. */
  server: string;
  /** Anything else. */
  unknown: string;
}

/** The longest wait a message names, in seconds: an hour, as `RestAdapter` takes `Retry-After`. */
const MAX_WAIT = 3600;

/**
 * The reader's message for `error`, in `lang`. The server's own words (a `validation` message) are
 * shown bounded and without control characters; a wait is whole seconds from 1 to an hour.
 */
export function explain({ code, message, retryAfter, status = 0 }: AdapterError, m: ErrorMessages, lang: string): string {
  const explanation = code === 'validation' && m.validation && serverText(message);
  if (explanation) return fill(m.validation!, { message: explanation });
  if (code === 'rate_limited') {
    const wait = Number(retryAfter);
    return wait > 0 ? plural(m.rateLimited, Math.min(MAX_WAIT, Math.ceil(wait)), lang) : m.busy;
  }
  return m.byCode.get(code) ?? (status >= 500 || code === 'server_error' ? m.server : m.unknown);
}

/** The visually hidden live region: what it holds is read out. */
export const liveRegion = (text: string): TemplateResult => html`<p part="status" role="status" class="sr">${text}</p>`;

/** The text of a live region that says one thing after another. */
export class Announcer {
  text = '';

  constructor(private host: ReactiveControllerHost) {}

  /** Puts `text` in the live region; the same text twice is announced twice. */
  say(text: string): void {
    this.text = text === this.text ? `${text}\u00a0` : text;
    this.host.requestUpdate();
  }

  render(): TemplateResult {
    return liveRegion(this.text);
  }
}
