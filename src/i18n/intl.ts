/**
 * One `Intl` formatter per kind, locale and options for the whole page, as relative-time-element's
 * `intl-cache.ts` keeps them: building a formatter is far slower than using one, and a thread shows
 * hundreds of times and numbers. Locales come from pages (`lang` attributes), which carry tags that
 * `Intl` throws on (`en_US`), so each is checked and canonicalised first, falling back to its
 * language and then to English. The cache is bounded, and emptied when the browser's languages
 * change (what a fallback may lean on).
 */
const MAX_FORMATTERS = 100;
const formatters = new Map<string, object>();
const locales = new Map<string, string>();
let listening = false;

/** `tag` as `Intl` takes it: canonical (`en_US` is `en-US`), else its language, else `en`. */
export function canonicalLocale(tag: string): string {
  let locale = locales.get(tag);
  if (!locale) {
    const [language = ''] = tag.split(/[-_]/);
    locale = [tag.replace(/_/g, '-'), language].map(supported).find(Boolean) ?? 'en';
    locales.set(tag, locale);
  }
  return locale;
}

/** The canonical form of `tag`, or undefined when `Intl` refuses it. */
function supported(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

function clear(): void {
  formatters.clear();
  locales.clear();
}

function cached<T extends object>(Make: new (locale: string, options: object) => T, tag: string, options: object = {}): T {
  const locale = canonicalLocale(tag);
  const key = `${Make.name}|${locale}|${JSON.stringify(options)}`;
  let made = formatters.get(key) as T | undefined;
  if (made) {
    // The most recently used last, so that the oldest is the first to go.
    formatters.delete(key);
  } else {
    made = new Make(locale, options);
    if (formatters.size >= MAX_FORMATTERS) formatters.delete(formatters.keys().next().value!);
    if (!listening) addEventListener('languagechange', clear);
    listening = true;
  }
  formatters.set(key, made);
  return made;
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
