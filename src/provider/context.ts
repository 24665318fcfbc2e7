import { createContext } from '@lit/context';
import { RestAdapter, type RestAdapterOptions } from '../adapters/rest.js';
import { localeOf } from '../i18n/intl.js';
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

/**
 * One `RestAdapter` per endpoint, so that widgets with the same `endpoint` share their stores (kept
 * in the store registry under the `RestAdapter` class, which is never dropped); with `getToken`
 * (a provider's), one per endpoint and function, kept under the function.
 */
export const restAdapterFor = (endpoint: string, getToken?: RestAdapterOptions['getToken']): RestAdapter =>
  storeFor(getToken ?? RestAdapter, endpoint, () => new RestAdapter({ endpoint, getToken }));

/** The adapter of SPEC section 4: the property, else the `endpoint` attribute, else the provider's. */
export function resolveAdapter<A>(
  own: A | undefined,
  endpoint: string | null | undefined,
  provided: Provided | undefined,
  getToken?: RestAdapterOptions['getToken'],
): A | undefined {
  if (own) return own;
  if (endpoint) return restAdapterFor(endpoint, getToken) as A;
  return provided?.adapter as A | undefined;
}

/** What a widget sets itself; each wins over the provider's. */
export interface Own<A, S> {
  adapter?: A | undefined;
  endpoint?: string | undefined;
  locale?: string | undefined;
  strings?: Partial<S> | undefined;
}

/**
 * A widget's adapter, locale and strings (SPEC section 4): its own settings, else the provider's,
 * else the page's (`lang`) and the defaults.
 */
export function settingsOf<A, S extends object>(host: Element & Own<A, S>, provided: Provided | undefined, defaults: S) {
  const lang = host.locale || provided?.locale || localeOf(host);
  return {
    adapter: resolveAdapter(host.adapter, host.endpoint, provided),
    lang,
    strings: stringsFor(defaults, lang, provided?.strings, host.strings),
  };
}
