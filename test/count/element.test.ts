import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/index.js';
import '../../src/i18n/de.js';
import { AdapterError, ExperienceCommentCount, MemoryAdapter, type CommentsAdapter } from '../../src/index.js';
import { comment } from '../helpers/fixtures.js';
import { part, shadowText } from '../helpers/dom.js';
import { mockBackend, newEndpoint } from '../helpers/msw.js';
import { quietFor, until } from '../helpers/wait.js';

/** `n` comments on `thread`. */
const many = (thread: string, n: number) => Array.from({ length: n }, (_, i) => comment(`${thread}-${i}`, { threadId: thread }));
const counts = (els: Element[]) => els.map(shadowText);
const known = (els: Element[]) => until(() => els.every((el) => /\d/.test(shadowText(el))), 'the counts did not arrive');

describe('<experience-comment-count>', () => {
  it('shows each thread\'s count, with every count on the page fetched in one request', async () => {
    const { endpoint, requests } = await mockBackend({ comments: [...many('a', 12), ...many('b', 1), comment('p', { threadId: 'a', status: 'pending' })] });
    const page = await fixture(html`<div>
      <experience-comment-count thread="a" endpoint=${endpoint}></experience-comment-count>
      <experience-comment-count thread="b" endpoint=${endpoint}></experience-comment-count>
      <experience-comment-count thread="none" endpoint=${endpoint}></experience-comment-count>
      <experience-comment-count thread="a" endpoint=${endpoint}></experience-comment-count>
    </div>`);
    const els = [...page.children];
    await known(els);
    expect(counts(els)).to.deep.equal(['12 comments', '1 comment', '0 comments', '12 comments']);
    expect(requests.map((r) => new URL(r.url).pathname + new URL(r.url).search)).to.deep.equal([`${endpoint}/counts?threads=a,b,none`]);
    expect(els[0]).to.be.instanceOf(ExperienceCommentCount);
    await expect(els[0]).to.be.accessible();
  });

  it('asks for at most 100 threads a request', async () => {
    const { endpoint, requests } = await mockBackend({ comments: many('t7', 3) });
    const page = await fixture(html`<div>${Array.from({ length: 150 }, (_, i) =>
      html`<experience-comment-count thread=${`t${i}`} endpoint=${endpoint}></experience-comment-count>`)}</div>`);
    const els = [...page.children];
    await known(els);
    const asked = requests.map((r) => (new URL(r.url).searchParams.get('threads') ?? '').split(',').length);
    expect(asked).to.deep.equal([100, 50]);
    expect(shadowText(els[7]!)).to.equal('3 comments');
  });

  it('speaks the page\'s language with its plural rules', async () => {
    const { endpoint } = await mockBackend({ comments: [...many('a', 1), ...many('b', 1200)] });
    const page = await fixture(html`<div lang="de">
      <experience-comment-count thread="a" endpoint=${endpoint}></experience-comment-count>
      <experience-comment-count thread="b" endpoint=${endpoint}></experience-comment-count>
    </div>`);
    const els = [...page.children];
    await known(els);
    expect(counts(els)).to.deep.equal(['1 Kommentar', '1.200 Kommentare']);
  });

  it('says "Comments" while it waits and when the count cannot be had, and exposes its part', async () => {
    const endpoint = newEndpoint();
    let answered = 0;
    await mockBackend({ endpoint }, http.get(`${endpoint}/counts`, () => {
      answered++;
      return HttpResponse.json({ error: { code: 'server_error', message: 'down' } }, { status: 500 });
    }));
    const el = await fixture<ExperienceCommentCount>(html`<experience-comment-count thread="a" endpoint=${endpoint}></experience-comment-count>`);
    expect(shadowText(el)).to.equal('Comments');
    expect(part(el, 'count')).to.exist;
    // A GET is tried three times before it fails.
    await until(() => answered === 3, 'the counts were not asked for');
    await quietFor(100);
    expect(shadowText(el)).to.equal('Comments');
  });

  it('refuses an answer without the thread\'s count, or with a count that is not one', async () => {
    const adapter: CommentsAdapter = {
      listComments: async () => ({ comments: [], nextCursor: null, total: 0 }),
      createComment: async () => { throw new AdapterError({ code: 'forbidden', message: 'no' }); },
      countComments: async () => ({ b: -1, constructor: 3 } as Record<string, number>),
    };
    const page = await fixture(html`<div>
      <experience-comment-count thread="a" .adapter=${adapter}></experience-comment-count>
      <experience-comment-count thread="b" .adapter=${adapter}></experience-comment-count>
      <experience-comment-count thread="toString" .adapter=${adapter}></experience-comment-count>
    </div>`);
    await quietFor(100);
    expect(counts([...page.children])).to.deep.equal(['Comments', 'Comments', 'Comments']);
  });

  it('counts with the first page of an adapter that has no countComments', async () => {
    const memory = new MemoryAdapter({ comments: many('a', 4) });
    const adapter: CommentsAdapter = { listComments: (q, o) => memory.listComments(q, o), createComment: (c, o) => memory.createComment(c, o) };
    const el = await fixture<ExperienceCommentCount>(html`<experience-comment-count thread="a" .adapter=${adapter}></experience-comment-count>`);
    await known([el]);
    expect(shadowText(el)).to.equal('4 comments');
  });

  it('takes its backend from a provider, and follows a change of thread', async () => {
    const { endpoint } = await mockBackend({ comments: [...many('a', 2), ...many('b', 5)] });
    const provider = await fixture(html`<experience-provider endpoint=${endpoint}><experience-comment-count thread="a"></experience-comment-count></experience-provider>`);
    const el = provider.querySelector('experience-comment-count')!;
    await until(() => shadowText(el) === '2 comments');
    el.thread = 'b';
    await until(() => shadowText(el) === '5 comments');
  });
});
