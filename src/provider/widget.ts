import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consumeProvided, settingsOf } from './context.js';

/** How long a widget waits for its backend (a provider may upgrade later) before it says it has none. */
export const ADAPTER_WAIT = 1000;

/** The scripts written right to left, as `Intl.Locale#maximize` names them. */
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr']);
const directions = new Map<string, boolean>();

/** Whether `lang` (a canonical locale) is written right to left: Arabic, Hebrew, Persian, Urdu… */
export function isRightToLeft(lang: string): boolean {
  let rtl = directions.get(lang);
  if (rtl === undefined) directions.set(lang, (rtl = RTL_SCRIPTS.has(new Intl.Locale(lang).maximize().script ?? '')));
  return rtl;
}

/**
 * What every widget has: where its backend is (its `adapter`, else its `endpoint`, else the nearest
 * `<experience-provider>`'s, SPEC section 4), its language, its replacement strings and its
 * palette; and the provider's value, followed through @lit/context. `A` is the adapter interface
 * the widget needs, `S` its strings.
 *
 * A widget that has found no backend a second after it connected says so (`missingAdapter`, which
 * its render shows with `missingAdapterNotice`) and logs one console error naming what to set,
 * instead of loading for ever; a backend that arrives later takes the notice away. A widget whose
 * language is written right to left (`ar`) sets `dir="rtl"` on itself, unless the page set its `dir`.
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

  /** Set once the widget has waited `ADAPTER_WAIT` for a backend in vain; cleared when one arrives. */
  @state() protected missingAdapter = false;
  /** Whether the last `settings()` found a backend, and the language it found. */
  private hasAdapter = false;
  private language = 'en';
  /** The `dir` this widget set on itself, if any. */
  private ownDir?: string | undefined;
  private adapterWait?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.adapterWait = setTimeout(() => this.reportMissingAdapter(), ADAPTER_WAIT);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.adapterWait);
  }

  /** Its adapter, canonical locale and strings now, from its own settings and the provider's. */
  protected settings(defaults: S) {
    const settings = settingsOf<A, S>(this, this.provided.value, defaults);
    this.hasAdapter = !!settings.adapter;
    if (this.hasAdapter) this.missingAdapter = false;
    this.language = settings.lang;
    return settings;
  }

  protected override update(changed: PropertyValues): void {
    super.update(changed);
    this.followDirection();
  }

  private reportMissingAdapter(): void {
    if (this.hasAdapter) return;
    this.missingAdapter = true;
    console.error(
      `<${this.localName}> has no backend: set its "endpoint" attribute or its "adapter" property, or put it inside an <experience-provider> that has one.`,
      this,
    );
  }

  /** `dir="rtl"` while its language is written right to left; the page's own `dir` on the widget stays. */
  private followDirection(): void {
    const dir = this.getAttribute('dir');
    if (dir !== null && dir !== this.ownDir) return;
    this.ownDir = isRightToLeft(this.language) ? 'rtl' : undefined;
    if (this.ownDir) this.setAttribute('dir', this.ownDir);
    else this.removeAttribute('dir');
  }
}
