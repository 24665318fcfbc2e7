/**
 * One `Intl` formatter per kind, locale and options for the whole page, as relative-time-element's
 * `intl-cache.ts` keeps them: building a formatter is far slower than using one, and a thread shows
 * hundreds of times and numbers. Locales come from pages (`lang` attributes), which carry tags that
 * `Intl` throws on (`en_US`), so each is checked and canonicalised first, falling back to its
 * language and then to English. The cache is bounded, and emptied when the browser's languages
 * change (what a fallback may lean on).
 */
const MAX_ENTRIES = 200;
/** Formatters by kind, locale and options, and canonical locales by tag (`locale|…`). */
const cache = new Map<string, unknown>();
const clear = () => cache.clear();

/** The value kept under `key`, made by `make` the first time; a full cache starts over. */
function remember<T>(key: string, make: () => T): T {
  if (!cache.has(key)) {
    if (cache.size >= MAX_ENTRIES) clear();
    cache.set(key, make());
    // Adding the same listener again adds nothing.
    addEventListener('languagechange', clear);
  }
  return cache.get(key) as T;
}

/** The canonical form of `tag`, or undefined when `Intl` refuses it. */
function supported(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** `tag` as `Intl` takes it: canonical (`en_US` is `en-US`), else its language, else `en`. */
export const canonicalLocale = (tag: string): string =>
  remember(`locale|${tag}`, () => supported(tag.replace(/_/g, '-')) ?? supported(tag.split(/[-_]/)[0]!) ?? 'en');

/**
 * The formatter `Make` of `tag` with `options`. `name` names the options when they are a
 * formatter's defaults, so that the thousand calls of a thread do not serialise them each time.
 */
function cached<T>(Make: new (locale: string, options: object) => T, tag: string, options: object, name = JSON.stringify(options)): T {
  const locale = canonicalLocale(tag);
  return remember(`${Make.name}|${locale}|${name}`, () => new Make(locale, options));
}

const NO_OPTIONS = {};
const LONG_DATE: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short' };

export const numberFormat = (locale: string, options: Intl.NumberFormatOptions = NO_OPTIONS) =>
  cached(Intl.NumberFormat, locale, options, options === NO_OPTIONS ? '' : undefined);

export const dateTimeFormat = (locale: string, options = LONG_DATE) =>
  cached(Intl.DateTimeFormat, locale, options, options === LONG_DATE ? 'long' : undefined);

export const pluralRules = (locale: string) => cached(Intl.PluralRules, locale, NO_OPTIONS, '');

const relative = (locale: string) => cached(Intl.RelativeTimeFormat, locale, { numeric: 'auto' }, 'auto');

type Unit = [Intl.RelativeTimeFormatUnit, number];
const UNITS: Unit[] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * "5 years ago", "in 3 days", "now": the largest unit that fits, rounded to the nearest whole one,
 * in `locale`. Under 45 seconds is "now" so that a fresh comment does not count seconds.
 */
export function relativeTime(date: Date | string | number, locale: string, now = Date.now()): string {
  const seconds = (new Date(date).getTime() - now) / 1000;
  const abs = Math.abs(seconds);
  // Under 45 seconds, 0 seconds: "now". No unit fits NaN, the span to a date that is not one.
  const fit: Unit | undefined = abs < 45 ? ['second', Infinity] : UNITS.find(([, size]) => abs >= size);
  if (!fit) return '';
  // A thread shows the same few spans again and again ("2 years ago"): each is formatted once.
  const value = Math.sign(seconds) * Math.round(abs / fit[1]);
  return remember(`relative|${locale}|${value}|${fit[0]}`, () => relative(locale).format(value, fit[0]));
}

/** The absolute time, as shown on hover. */
export const absoluteTime = (date: Date | string | number, locale: string): string => {
  const d = new Date(date);
  return Number.isNaN(d.getTime()) ? '' : dateTimeFormat(locale).format(d);
};

/** A string table entry chosen by `Intl.PluralRules`: `{one: '# reply', other: '# replies'}`. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** What `plural` made, by entry, locale and count: a thread asks for the same few again and again. */
const plurals = new WeakMap<Plural, Map<string, string>>();

export function plural(forms: Plural, count: number, locale: string): string {
  let made = plurals.get(forms);
  if (!made) plurals.set(forms, (made = new Map()));
  const key = `${locale}|${count}`;
  let text = made.get(key);
  if (text === undefined) {
    if (made.size >= MAX_ENTRIES) made.clear();
    const form = forms[pluralRules(locale).select(count)] ?? forms.other;
    made.set(key, (text = form.replace('#', numberFormat(locale).format(count))));
  }
  return text;
}

/** Fills `{name}` placeholders. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));

/** The locale of the nearest `[lang]` ancestor, crossing shadow roots, or the document's. */
export function localeOf(el: Element): string {
  for (let n: Node | null | undefined = el; n; n = n.parentNode ?? (n as ShadowRoot).host) {
    // Shadow roots and the document have no attributes.
    const lang = (n as Partial<Element>).getAttribute?.('lang');
    if (lang) return lang;
  }
  return document.documentElement.lang || navigator.language || 'en';
}
