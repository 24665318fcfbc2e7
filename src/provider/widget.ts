import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { consumeProvided, settingsOf } from './context.js';

/**
 * What every widget has: where its backend is (its `adapter`, else its `endpoint`, else the nearest
 * `<experience-provider>`'s, SPEC section 4), its language, its replacement strings and its
 * palette; and the provider's value, followed through @lit/context. `A` is the adapter interface
 * the widget needs, `S` its strings.
 */
export class ExperienceWidget<A extends object, S extends object> extends LitElement {
  /** The REST API base, absolute or relative to the page; a `RestAdapter` for it is used unless `adapter` is set. */
  @property() endpoint?: string;
  /**
   * With `endpoint`: whether requests send cookies, as `fetch`'s `credentials`. `include` lets an API
   * on another origin (a subdomain, another site) know an anonymous reader by its cookie.
   */
  @property() credentials?: RequestCredentials;
  /** A BCP 47 locale for times and numbers; default: the provider's, else the nearest `lang`. */
  @property() locale?: string;
  /** `light`, `dark`, or `auto` (the reader's `prefers-color-scheme`). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';
  /** The backend; wins over `endpoint` and the provider's. */
  @property({ attribute: false }) adapter?: A;
  /** Replacement strings; they win over the provider's. */
  @property({ attribute: false }) strings?: Partial<S>;

  /** What the providers around it give. */
  protected provided = consumeProvided(this);

  /** Its adapter, canonical locale and strings now, from its own settings and the provider's. */
  protected settings(defaults: S) {
    return settingsOf<A, S>(this, this.provided.value, defaults);
  }
}
