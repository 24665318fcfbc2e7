import { ContextProvider } from '@lit/context';
import { LitElement, css, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { RestAdapterOptions } from '../adapters/rest.js';
import type { StringTable } from '../widgets.js';
import type { Adapter } from '../model/types.js';
import { consumeProvided, providedContext, resolveAdapter, type Provided } from './context.js';

/**
 * Gives every widget inside it one adapter (so one session and one store per thread or poll), one
 * locale and one set of replacement strings. A widget's own `adapter`, `endpoint`, `locale` and
 * `strings` still win. Providers nest: an inner one inherits what it does not set from the outer
 * one, and its `strings` are merged over the outer ones.
 *
 * @summary Shares an adapter, a session, a locale and strings with the widgets inside it.
 * @slot - The widgets, anywhere in the subtree.
 */
export class ExperienceProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The backend of every widget inside; wins over `endpoint`. */
  @property({ attribute: false }) adapter?: Adapter;

  /** The REST API base (see the REST contract), absolute or relative to the page; builds a `RestAdapter`. */
  @property() endpoint?: string;

  /** With `endpoint`: `include` sends cookies to an API on another origin (as `fetch`'s `credentials`). */
  @property() credentials?: RequestCredentials;

  /** BCP 47 language tag for every widget inside, e.g. `de`; by default each widget's nearest `[lang]`. */
  @property() locale?: string;

  /** Replacement strings for every widget inside: a whole table such as `es`, or any of its keys. */
  @property({ attribute: false }) strings?: Partial<StringTable>;

  /**
   * With `endpoint`: called before every request, its token is sent as `Authorization: Bearer`.
   * Assigning a new function (sign-in, sign-out) starts a new session: the widgets reload.
   */
  @property({ attribute: false }) getToken?: RestAdapterOptions['getToken'];

  /** What an enclosing provider gives; this one inherits whatever it does not set itself. */
  private outer = consumeProvided(this);

  private provider = new ContextProvider(this, { context: providedContext });

  /**
   * Publishes the value before any widget inside renders (their updates queue after this one's);
   * they hear of it only when something in it changed.
   */
  protected override willUpdate(): void {
    const outer = this.outer.value;
    const next: Provided = {
      adapter: resolveAdapter(this.adapter, this, outer),
      locale: this.locale || outer?.locale,
      strings: outer?.strings && this.strings ? { ...outer.strings, ...this.strings } : this.strings ?? outer?.strings,
    };
    const now = this.provider.value;
    if (!now || (Object.keys(next) as (keyof Provided)[]).some((k) => next[k] !== now[k])) this.provider.setValue(next);
  }

  override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}
