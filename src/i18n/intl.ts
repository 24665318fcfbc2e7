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

function cached<T>(Make: new (locale: string, options: object) => T, tag: string, options: object = {}): T {
  const locale = canonicalLocale(tag);
  return remember(`${Make.name}|${locale}|${JSON.stringify(options)}`, () => new Make(locale, options));
}

export const numberFormat = (locale: string, options: Intl.NumberFormatOptions = {}) => cached(Intl.NumberFormat, locale, options);

export const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short' }) =>
  cached(Intl.DateTimeFormat, locale, options);

export const pluralRules = (locale: string) => cached(Intl.PluralRules, locale);

const relative = (locale: string) => cached(Intl.RelativeTimeFormat, locale, { numeric: 'auto' });

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
  return fit ? relative(locale).format(Math.sign(seconds) * Math.round(abs / fit[1]), fit[0]) : '';
}

/** The absolute time, as shown on hover. */
export const absoluteTime = (date: Date | string | number, locale: string): string => {
  const d = new Date(date);
  return Number.isNaN(d.getTime()) ? '' : dateTimeFormat(locale).format(d);
};

/** A string table entry chosen by `Intl.PluralRules`: `{one: '# reply', other: '# replies'}`. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export function plural(forms: Plural, count: number, locale: string): string {
  const form = forms[pluralRules(locale).select(count)] ?? forms.other;
  return form.replace('#', numberFormat(locale).format(count));
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
