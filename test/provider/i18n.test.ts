import { expect } from '@open-wc/testing';
import { ar } from '../../src/i18n/ar.js';
import { de } from '../../src/i18n/de.js';
import { es } from '../../src/i18n/es.js';
import { defaultCommentsStrings, defaultCountStrings, defaultModerationStrings, defaultPollStrings } from '../../src/index.js';
import { fill, plural, type Plural } from '../../src/i18n/intl.js';
import { stringsFor } from '../../src/i18n/registry.js';

const english: Record<string, unknown> = { ...defaultCommentsStrings, ...defaultPollStrings, ...defaultCountStrings, ...defaultModerationStrings };
/** Entries that are the same in every language. */
const universal = new Set(['errorValidation', 'reportsWhy', 'keyCtrl', 'keyCmd']);
const placeholders = (s: string) => [...s.matchAll(/\{\w+\}|#/g)].map((m) => m[0]).sort();

/**
 * Whether `locale` chooses the plural form `form` for one number only (Arabic's zero, one and two,
 * English's one): such a form may say its number in words instead of `#`.
 */
const singleNumber = (locale: string, form: string) => {
  const rules = new Intl.PluralRules(locale);
  return Array.from({ length: 1000 }, (_, n) => n).filter((n) => rules.select(n) === form).length === 1;
};

for (const [name, table] of Object.entries({ es, de, ar }) as [string, Record<string, unknown>][]) {
  describe(`the ${name} string table`, () => {
    it('has exactly the keys of the English tables', () => {
      expect(Object.keys(table).sort()).to.deep.equal(Object.keys(english).sort());
    });

    it('translates every entry, keeping its kind and its placeholders', () => {
      for (const [key, en] of Object.entries(english)) {
        const t = table[key];
        if (typeof en === 'string') {
          expect(t, key).to.be.a('string');
          expect(placeholders(t as string), key).to.deep.equal(placeholders(en));
          if (!universal.has(key)) expect(t, `${key} is still English`).not.to.equal(en);
        } else {
          const forms = t as Plural;
          expect(Object.keys(forms).sort(), key).to.include.members(['one', 'other']);
          // Only forms the language has; Arabic needs all of its six.
          const categories = new Intl.PluralRules(name).resolvedOptions().pluralCategories;
          if (name === 'ar') expect(Object.keys(forms).sort(), key).to.deep.equal([...categories].sort());
          else expect(categories, key).to.include.members(Object.keys(forms));
          for (const [form, text] of Object.entries(forms)) {
            const base = (en as Plural)[form as Intl.LDMLPluralRule] ?? (en as Plural).other;
            const wanted = placeholders(base).filter((p) => p !== '#' || !singleNumber(name, form) || text.includes('#'));
            expect(placeholders(text), `${key}.${form}`).to.deep.equal(wanted);
          }
          expect(forms.other, `${key} is still English`).not.to.equal((en as Plural).other);
        }
      }
    });
  });
}

describe('plurals and placeholders in each locale', () => {
  it('chooses the form by Intl.PluralRules and formats the number for the locale', () => {
    expect(plural(es.count, 1, 'es')).to.equal('1 comentario');
    expect(plural(es.count, 0, 'es')).to.equal('0 comentarios');
    expect(plural(de.pollTotal, 1, 'de')).to.equal('1 Stimme insgesamt');
    expect(plural(de.pollTotal, 1217, 'de')).to.equal('1.217 Stimmen insgesamt');
    expect(plural(es.pollVotes, 12345, 'es')).to.equal('12.345 votos');
  });

  it('has the six Arabic forms, each chosen where Intl.PluralRules(\'ar\') puts its numbers', () => {
    expect(new Intl.PluralRules('ar').resolvedOptions().pluralCategories.sort()).to.deep.equal(['few', 'many', 'one', 'other', 'two', 'zero']);
    const digits = (n: number) => new Intl.NumberFormat('ar').format(n);
    expect([0, 1, 2, 3, 10, 11, 99, 100, 102].map((n) => plural(ar.count, n, 'ar'))).to.deep.equal([
      'لا توجد تعليقات',
      'تعليق واحد',
      'تعليقان',
      `${digits(3)} تعليقات`,
      `${digits(10)} تعليقات`,
      `${digits(11)} تعليقًا`,
      `${digits(99)} تعليقًا`,
      `${digits(100)} تعليق`,
      `${digits(102)} تعليق`,
    ]);
    // 1217 ends in 17: Arabic counts it with the forms of 11 to 99.
    expect(plural(ar.pollTotal, 1217, 'ar')).to.equal(`${digits(1217)} صوتًا إجمالًا`);
    expect(plural(ar.pollTotal, 1200, 'ar')).to.equal(`${digits(1200)} صوت إجمالًا`);
    expect(fill(ar.replyLabel, { name: 'فاطمة' })).to.equal('الردّ على فاطمة');
  });

  it('fills names into sentences', () => {
    expect(fill(de.replyLabel, { name: 'Dr. Amara Okafor' })).to.equal('Antwort an Dr. Amara Okafor');
    expect(fill(es.replyingTo, { name: 'Priya' })).to.equal('En respuesta a Priya');
  });
});

describe('merged string tables', () => {
  it('are the same object for the same tables, so a widget tells by identity that its strings did not change', () => {
    const own = { title: 'Discussion' };
    const a = stringsFor(defaultCommentsStrings, 'de-AT', undefined, own);
    expect(stringsFor(defaultCommentsStrings, 'de-AT', undefined, own)).to.equal(a);
    expect(a.title).to.equal('Discussion');
    expect(a.sortLabel).to.equal(de.sortLabel);
    // Another table of its own, another locale or a provider's table: another object.
    expect(stringsFor(defaultCommentsStrings, 'de-AT', undefined, { title: 'Discussion' })).to.not.equal(a);
    expect(stringsFor(defaultCommentsStrings, 'es', undefined, own)).to.not.equal(a);
    expect(stringsFor(defaultCommentsStrings, 'de-AT', { title: 'Forum' }, own)).to.not.equal(a);
  });
});
