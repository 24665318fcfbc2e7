import { ContextConsumer, ContextProvider, createContext } from '@lit/context';
import type { ReactiveElement } from 'lit';
import { RestAdapter, type RestAdapterOptions } from '../adapters/rest.js';
import { canonicalLocale, localeOf } from '../i18n/intl.js';
import { stringsFor } from '../i18n/registry.js';
import type { Adapter } from '../model/types.js';
import { storeFor } from '../stores/registry.js';

/** What `<experience-provider>` gives every widget inside it. */
export interface Provided {
  adapter?: Adapter | undefined;
  locale?: string | undefined;
  /** Replacement strings for every widget inside (keys of `CommentsStrings` and `PollStrings`). */
  strings?: Record<string, unknown> | undefined;
}

export const providedContext = createContext<Provided | undefined>(Symbol.for('experience-widgets/provided'));

const ROOT = Symbol.for('experience-widgets/context-root');

/**
 * What the providers around `host` give, followed for as long as it is connected (a change asks
 * for an update). Made in every widget's and provider's constructor.
 *
 * A provider that upgrades after its widgets (a late script, a lazily defined tag) must still reach
 * them. So the first consumer gives the page's root a provider of nothing: it answers the requests
 * for our context that no provider did, and when a provider connects below it, @lit/context sends
 * the requests of its widgets again from where they are (the way a provider hands over to one added
 * inside it), so that the closer provider takes them; those that still find none come back. Once
 * per page, even with two copies of the library.
 */
export function consumeProvided(host: ReactiveElement): ContextConsumer<typeof providedContext, ReactiveElement> {
  const page = document as unknown as Record<symbol, boolean>;
  if (!page[ROOT]) {
    page[ROOT] = true;
    new ContextProvider(document.documentElement, { context: providedContext });
  }
  return new ContextConsumer(host, { context: providedContext, subscribe: true });
}

/** How a `RestAdapter` is built from attributes: an `endpoint`, and a provider's `getToken`. */
export interface RestSettings {
  endpoint?: string | null | undefined;
  credentials?: RequestCredentials | undefined;
  getToken?: RestAdapterOptions['getToken'] | undefined;
}

/**
 * One `RestAdapter` per endpoint and `credentials`, so that widgets with the same `endpoint` share
 * their stores (kept in the store registry under the `RestAdapter` class, which is never dropped);
 * with `getToken` (a provider's), one per endpoint and function, kept under the function.
 */
export const restAdapterFor = (endpoint: string, { credentials, getToken }: RestSettings = {}): RestAdapter =>
  storeFor(getToken ?? RestAdapter, `${credentials ?? ''} ${endpoint}`, () => new RestAdapter({ endpoint, credentials, getToken }));

/** The adapter of SPEC section 4: the property, else the `endpoint` attribute, else the provider's. */
export function resolveAdapter<A>(own: A | undefined, rest: RestSettings, provided: Provided | undefined): A | undefined {
  if (own) return own;
  if (rest.endpoint) return restAdapterFor(rest.endpoint, rest) as A;
  return provided?.adapter as A | undefined;
}

/** What a widget sets itself; each wins over the provider's. */
export interface Own<A, S> extends RestSettings {
  adapter?: A | undefined;
  locale?: string | undefined;
  strings?: Partial<S> | undefined;
}

/**
 * A widget's adapter, locale and strings (SPEC section 4): its own settings, else the provider's,
 * else the page's (`lang`) and the defaults. The locale is one that `Intl` takes (`de_AT` is
 * `de-AT`, and gets the `de` strings).
 */
export function settingsOf<A, S extends object>(host: Element & Own<A, S>, provided: Provided | undefined, defaults: S) {
  const lang = canonicalLocale(host.locale || provided?.locale || localeOf(host));
  return {
    adapter: resolveAdapter(host.adapter, host, provided),
    lang,
    strings: stringsFor(defaults, lang, provided?.strings, host.strings),
  };
}
