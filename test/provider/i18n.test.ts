import { expect } from '@open-wc/testing';
import { de } from '../../src/i18n/de.js';
import { es } from '../../src/i18n/es.js';
import { defaultCommentsStrings, defaultCountStrings, defaultModerationStrings, defaultPollStrings } from '../../src/index.js';
import { fill, plural, type Plural } from '../../src/i18n/intl.js';

const english: Record<string, unknown> = { ...defaultCommentsStrings, ...defaultPollStrings, ...defaultCountStrings, ...defaultModerationStrings };
/** Entries that are the same in every language. */
const universal = new Set(['errorValidation', 'reportsWhy']);
const placeholders = (s: string) => [...s.matchAll(/\{\w+\}|#/g)].map((m) => m[0]).sort();

for (const [name, table] of Object.entries({ es, de }) as [string, Record<string, unknown>][]) {
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
          for (const [form, text] of Object.entries(forms)) {
            const base = (en as Plural)[form as Intl.LDMLPluralRule] ?? (en as Plural).other;
            expect(placeholders(text), `${key}.${form}`).to.deep.equal(placeholders(base));
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

  it('fills names into sentences', () => {
    expect(fill(de.replyLabel, { name: 'Dr. Amara Okafor' })).to.equal('Antwort an Dr. Amara Okafor');
    expect(fill(es.replyingTo, { name: 'Priya' })).to.equal('En respuesta a Priya');
  });
});
