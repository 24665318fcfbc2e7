import type { Plural } from './intl.js';

/**
 * String tables by locale, which the widgets use when their locale matches (`de-AT` falls back to
 * `de`). The map lives on a global symbol so that a locale file loaded as its own script tag
 * reaches the widgets of the main bundle.
 */
const key = Symbol.for('experience-widgets/strings');
const tables: Map<string, LocaleStrings> = ((globalThis as Record<symbol, unknown>)[key] ??= new Map()) as never;

/**
 * A locale's strings for any widgets, by key. That a table fits the widgets' keys (and a complete
 * one has them all) is checked where the widgets' tables meet: `StringTable` in `src/widgets.ts`.
 */
export type LocaleStrings = Record<string, string | Plural>;

/** Adds a locale's strings; widgets already on the page show them at once. */
export function registerStrings(locale: string, table: LocaleStrings): void {
  tables.set(locale.toLowerCase(), table);
  dispatchEvent(new Event('experience-strings'));
}

/**
 * A widget's strings: the English defaults, then the registered table of its locale, then the
 * provider's strings, then its own.
 */
export function stringsFor<T extends object>(defaults: T, locale: string, provided?: object, own?: Partial<T>): T {
  const lang = locale.toLowerCase();
  return { ...defaults, ...(tables.get(lang) ?? tables.get(lang.split('-')[0]!)), ...provided, ...own } as T;
}
