import { expect } from '@open-wc/testing';
import { absoluteTime, canonicalLocale, numberFormat, plural, relativeTime } from '../../src/i18n/intl.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000);
const DAY = 86_400;

describe('relativeTime', () => {
  it('says "now" under 45 seconds, either way', () => {
    expect(relativeTime(ago(30), 'en', NOW)).to.equal('now');
    expect(relativeTime(ago(-30), 'en', NOW)).to.equal('now');
  });

  it('uses the largest unit that fits, rounded to the nearest whole one', () => {
    expect(relativeTime(ago(90 * 60), 'en', NOW)).to.equal('2 hours ago');
    expect(relativeTime(ago(23 * 3600), 'en', NOW)).to.equal('23 hours ago');
    expect(relativeTime(ago(3 * DAY), 'en', NOW)).to.equal('3 days ago');
    expect(relativeTime(ago(4.99 * 365 * DAY), 'en', NOW)).to.equal('5 years ago');
    expect(relativeTime(ago(-3 * DAY), 'en', NOW)).to.equal('in 3 days');
  });

  it('speaks the locale', () => {
    expect(relativeTime(ago(3 * DAY), 'de', NOW)).to.equal('vor 3 Tagen');
    expect(relativeTime(ago(DAY), 'es', NOW)).to.equal('ayer');
  });

  it('takes a locale Intl refuses (en_US, from a real page\'s lang) as the nearest one it accepts', () => {
    expect(relativeTime(ago(3 * DAY), 'en_US', NOW)).to.equal('3 days ago');
    expect(relativeTime(ago(3 * DAY), 'de_AT', NOW)).to.equal('vor 3 Tagen');
    expect(plural({ one: '# vote', other: '# votes' }, 1217, 'not a locale!')).to.equal('1,217 votes');
    expect(absoluteTime(ago(0), '')).to.not.equal('');
  });

  it('gives nothing for a date that is not one', () => {
    expect(relativeTime('not a date', 'en', NOW)).to.equal('');
    expect(absoluteTime('not a date', 'en')).to.equal('');
  });
});

describe('plural', () => {
  it('picks the form by Intl.PluralRules and formats the number for the locale', () => {
    const votes = { one: '# vote', other: '# votes' };
    expect(plural(votes, 1, 'en')).to.equal('1 vote');
    expect(plural(votes, 1217, 'en')).to.equal('1,217 votes');
    expect(plural({ one: '# Stimme', other: '# Stimmen' }, 1217, 'de')).to.equal('1.217 Stimmen');
    expect(plural({ other: '# x' }, 1, 'en')).to.equal('1 x');
  });
});

describe('the Intl cache', () => {
  it('canonicalises locales, falling back to the language and then to English', () => {
    expect(canonicalLocale('en_US')).to.equal('en-US');
    expect(canonicalLocale('DE-at')).to.equal('de-AT');
    expect(canonicalLocale('es-??')).to.equal('es');
    expect(canonicalLocale('')).to.equal('en');
  });

  it('keeps one formatter per locale and options, a bounded number, until the languages change', () => {
    const first = numberFormat('en-GB');
    expect(numberFormat('en_GB')).to.equal(first);
    expect(numberFormat('en-GB', { style: 'percent' })).to.not.equal(first);
    for (let i = 0; i < 200; i++) numberFormat('en-GB', { minimumIntegerDigits: 1 + (i % 21), maximumFractionDigits: Math.floor(i / 21) });
    const again = numberFormat('en-GB');
    expect(again).to.not.equal(first);
    expect(numberFormat('en-GB')).to.equal(again);
    dispatchEvent(new Event('languagechange'));
    expect(numberFormat('en-GB')).to.not.equal(again);
  });
});
