import { storeFor } from '../stores/registry.js';

/**
 * One `Intl` formatter per kind, locale and options for the whole page (in the store registry):
 * building a formatter is far slower than using one, and a thread shows hundreds of times and numbers.
 */
function cached<T extends object>(Make: new (locale: string, options: object) => T, locale: string, options: object = {}): T {
  return storeFor(Make, `${locale}|${JSON.stringify(options)}`, () => new Make(locale, options));
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
