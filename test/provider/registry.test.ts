import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryAdapter, registerStrings, type ArticlePoll } from '../../src/index.js';
import { poll } from '../helpers/fixtures.js';

const voteButton = (el: ArticlePoll) => el.shadowRoot!.querySelector('[part~="vote-button"]');

describe('registered locale strings', () => {
  it('are used by widgets whose locale matches, by language when the region has none', async () => {
    registerStrings('fr', { pollVote: 'Voter' });
    const adapter = new MemoryAdapter({ polls: [poll('p')] });
    const el = await fixture<ArticlePoll>(html`<article-poll poll="p" locale="fr-CA" .adapter=${adapter}></article-poll>`);
    await waitUntil(() => voteButton(el), 'the poll did not load');
    expect(voteButton(el)!.textContent!.trim()).to.equal('Voter');
  });

  it('reach widgets already on the page, and lose to the element\'s own strings', async () => {
    const adapter = new MemoryAdapter({ polls: [poll('p')] });
    const el = await fixture<ArticlePoll>(html`<article-poll poll="p" locale="it" .adapter=${adapter}></article-poll>`);
    await waitUntil(() => voteButton(el), 'the poll did not load');
    expect(voteButton(el)!.textContent!.trim()).to.equal('Vote');
    registerStrings('it', { pollVote: 'Vota', pollResults: 'Risultati' });
    await waitUntil(() => voteButton(el)!.textContent!.trim() === 'Vota', 'the registered strings did not reach the poll');
    el.strings = { pollVote: 'Scegli' };
    await el.updateComplete;
    expect(voteButton(el)!.textContent!.trim()).to.equal('Scegli');
  });

  it('from the German table apply under lang="de"', async () => {
    await import('../../src/i18n/de.js');
    const adapter = new MemoryAdapter({ polls: [poll('p')] });
    const el = await fixture<ArticlePoll>(html`<div lang="de"><article-poll poll="p" .adapter=${adapter}></article-poll></div>`);
    const p = el.querySelector('article-poll') as ArticlePoll;
    await waitUntil(() => voteButton(p), 'the poll did not load');
    expect(voteButton(p)!.textContent!.trim()).to.equal('Abstimmen');
  });
});
