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

/** The merged tables made so far, by the identity of each table merged (`NONE` for a missing one). */
const merged = new WeakMap<object, unknown>();
const NONE = {};

/**
 * A widget's strings: the English defaults, then the registered table of its locale, then the
 * provider's strings, then its own. The same tables give the same object, so that a widget can
 * tell by identity, on every update, whether its strings changed.
 */
export function stringsFor<T extends object>(defaults: T, locale: string, provided?: object, own?: Partial<T>): T {
  const lang = locale.toLowerCase();
  const table = tables.get(lang) ?? tables.get(lang.split('-')[0]!);
  let level: WeakMap<object, unknown> = merged;
  const parts = [defaults, table ?? NONE, provided ?? NONE];
  for (const part of parts) {
    let next = level.get(part) as WeakMap<object, unknown> | undefined;
    if (!next) level.set(part, (next = new WeakMap()));
    level = next;
  }
  const last = own ?? NONE;
  let result = level.get(last) as T | undefined;
  if (!result) level.set(last, (result = { ...defaults, ...table, ...provided, ...own } as T));
  return result;
}
