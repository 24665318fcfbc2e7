import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { de } from '../../src/i18n/de.js';
import { es } from '../../src/i18n/es.js';
import { type ArticlePoll, type ExperienceComments, type ExperienceProvider } from '../../src/index.js';
import { comment, poll } from '../helpers/fixtures.js';
import { mockBackend } from '../helpers/msw.js';
import { shadowText } from '../helpers/dom.js';
import { until } from '../helpers/wait.js';

// Poll ids are unique per test file: the poll remembers votes in localStorage, which the files share.
const seed = () => ({
  comments: [comment('a', { threadId: 't1' }), comment('b', { threadId: 't1', parentId: 'a' }), comment('c', { threadId: 't2' })],
  polls: [poll('provider-poll', { options: [{ id: 'yes', label: 'Ja', votes: 1200 }, { id: 'no', label: 'Nein', votes: 17 }] })],
});

describe('widgets inside <experience-provider>', () => {
  it('share one adapter and one session: two threads and a poll ask for the session once', async () => {
    const { endpoint, requests } = await mockBackend(seed());
    const el = await fixture<ExperienceProvider>(html`
      <experience-provider endpoint=${endpoint}>
        <experience-comments thread="t1"></experience-comments>
        <article-poll poll="provider-poll"></article-poll>
        <experience-comments thread="t2"></experience-comments>
      </experience-provider>
    `);
    const [one, two] = el.querySelectorAll('experience-comments');
    await until(() => shadowText(one!).includes('2 comments') && shadowText(two!).includes('1 comment'), 'both threads loaded');
    await until(() => shadowText(el.querySelector('article-poll')!).includes('Ja'), 'the poll loaded');
    const paths = requests.map((r) => `${r.method} ${new URL(r.url).pathname.slice(endpoint.length)}`);
    expect(paths.filter((p) => p === 'GET /session')).to.have.length(1);
    expect(paths).to.include.members(['GET /threads/t1/comments', 'GET /threads/t2/comments', 'GET /polls/provider-poll']);
  });

  it('speak the provider’s language: strings and Intl formats, and pass axe', async () => {
    const { endpoint } = await mockBackend(seed());
    const el = await fixture<ExperienceProvider>(html`
      <experience-provider endpoint=${endpoint} locale="de" .strings=${de}>
        <article-poll poll="provider-poll" lang="de"></article-poll>
        <experience-comments thread="t1" lang="de"></experience-comments>
      </experience-provider>
    `);
    const comments = el.querySelector('experience-comments')!;
    const pollEl = el.querySelector('article-poll')!;
    await until(() => shadowText(comments).includes('2 Kommentare'), 'the German count');
    expect(shadowText(comments)).to.include('Sortieren nach').and.include('Ihr Kommentar').and.include('Kommentar senden');
    expect(shadowText(comments)).to.include('Antworten');
    await until(() => shadowText(pollEl).includes('Abstimmen'), 'the German vote button');
    expect(shadowText(pollEl)).to.include('1.217 Stimmen insgesamt');
    await expect(comments).to.be.accessible();
    await expect(pollEl).to.be.accessible();
  });

  it('switch language when the provider does', async () => {
    const { endpoint } = await mockBackend(seed());
    const el = await fixture<ExperienceProvider>(html`
      <experience-provider endpoint=${endpoint}><experience-comments thread="t1"></experience-comments></experience-provider>
    `);
    const comments = el.querySelector('experience-comments')!;
    await until(() => shadowText(comments).includes('2 comments'), 'English first');
    el.locale = 'es';
    el.strings = es;
    await until(() => shadowText(comments).includes('2 comentarios'), 'then Spanish');
    expect(shadowText(comments)).to.include('Publicar comentario');
  });

  it('keep their own adapter, endpoint and strings over the provider’s', async () => {
    const other = await mockBackend(seed());
    const el = await fixture<ExperienceProvider>(html`
      <experience-provider endpoint="/nowhere" .strings=${es}>
        <experience-comments thread="t1" endpoint=${other.endpoint} .strings=${{ post: 'Send it' }}></experience-comments>
      </experience-provider>
    `);
    const comments = el.querySelector<ExperienceComments>('experience-comments')!;
    await until(() => shadowText(comments).includes('2 comentarios'), 'loaded from its own endpoint');
    expect(shadowText(comments)).to.include('Send it').and.not.include('Publicar comentario');
  });

  it('widgets outside any provider work alone', async () => {
    const { endpoint } = await mockBackend(seed());
    const el = fixtureSync<HTMLElement>(html`
      <div>
        <experience-provider locale="de" .strings=${de}></experience-provider>
        <article-poll poll="provider-poll" endpoint=${endpoint}></article-poll>
      </div>
    `);
    const pollEl = el.querySelector<ArticlePoll>('article-poll')!;
    await until(() => shadowText(pollEl).includes('Vote'), 'the English poll');
    expect(shadowText(pollEl)).not.to.include('Abstimmen');
  });

  it('reach the widgets when the provider upgrades after them', async () => {
    const { endpoint } = await mockBackend(seed());
    const tag = 'late-integration-provider';
    const root = fixtureSync<HTMLElement>(html`<div></div>`);
    root.innerHTML = `<${tag} endpoint="${endpoint}" locale="es"><experience-comments thread="t1"></experience-comments></${tag}>`;
    const comments = root.querySelector('experience-comments')!;
    await comments.updateComplete;
    expect(shadowText(comments), 'no adapter yet: nothing loads').not.to.include('2 comments');
    const { ExperienceProvider } = await import('../../src/index.js');
    customElements.define(tag, class extends ExperienceProvider {});
    (root.firstElementChild as ExperienceProvider).strings = es;
    await until(() => shadowText(comments).includes('2 comentarios'), 'the late provider’s adapter and strings arrived');
  });
});
