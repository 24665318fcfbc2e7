import { expect, fixture, html } from '@open-wc/testing';
import { AdapterError, RestAdapter, type ArticlePoll, type Comment, type ExperienceComments, type Poll } from '../../src/index.js';
import { asComment, asCommentPage, asCounts, asModerationPage, asPoll, asSession, asThreadEvent, MAX_PAGE } from '../../src/model/validate.js';
import { BODY_LIMIT, paragraphs } from '../../src/comments/text.js';
import { percentages } from '../../src/poll/rounding.js';
import { comment } from '../helpers/fixtures.js';
import { rejection } from '../helpers/rejection.js';
import { part, text } from '../helpers/dom.js';
import { until } from '../helpers/wait.js';

/**
 * The corpus of hostile sizes (#14): what a server sends is bounded, and a violation is a
 * `bad_response` with a clear message, never a freeze. Cases marked `kept` assert a rule that the
 * code before #14 already kept (JSON cannot carry NaN or Infinity, and a custom adapter's were
 * refused; a page within its bounds was taken); every other case failed on that code (bodies of any
 * size read whole, pages of any length, negative and absurd counts, dates and names as they came).
 */

const MB = 1024 * 1024;
const DAY = 86_400_000;
const page = (comments: Comment[], total = comments.length) => ({ comments, nextCursor: null, total });
const roots = (n: number) => Array.from({ length: n }, (_, i) => comment(`r${i}`));
const replies = (n: number) => Array.from({ length: n }, (_, i) => comment(`q${i}`, { parentId: 'r0' }));
const poll = (over: Partial<Poll> = {}): Poll => ({
  id: 'p1', question: 'Q?', multiple: false, maxChoices: 1, totalVotes: 3, closesAt: null, closed: false,
  resultsVisibility: 'always', viewerVote: null,
  options: [{ id: 'a', label: 'A', votes: 2 }, { id: 'b', label: 'B', votes: 1 }],
  ...over,
});

/** A RestAdapter whose every answer is `respond()`. */
const adapterAnswering = (respond: () => Response, options = {}) =>
  new RestAdapter({ endpoint: 'https://api.example.test', fetch: (async () => respond()) as typeof fetch, retryDelay: 1, ...options });

/** A body of `size` bytes made as it is read, counting what was read; `prefix` first. */
function lazyBody(size: number, prefix = '', chunk = 64 * 1024) {
  const state = { pulled: 0 };
  const bytes = new TextEncoder().encode('x'.repeat(chunk));
  const start = new TextEncoder().encode(prefix);
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      const next = state.pulled === 0 && start.length ? start : bytes;
      state.pulled += next.byteLength;
      c.enqueue(next);
      if (state.pulled >= size) c.close();
    },
  });
  return { stream, state };
}

/** The JSON of a page of `n` comments, made as it is read (a server that ignores `limit`). */
function lazyPage(n: number) {
  const state = { sent: 0 };
  const encoder = new TextEncoder();
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      let out = i === 0 ? '{"nextCursor":null,"total":' + n + ',"comments":[' : '';
      for (const end = Math.min(n, i + 500); i < end; i++) out += (i ? ',' : '') + JSON.stringify(comment(`c${i}`, { body: 'y'.repeat(300) }));
      if (i >= n) out += ']}';
      const bytes = encoder.encode(out);
      state.sent += bytes.byteLength;
      c.enqueue(bytes);
      if (i >= n) c.close();
    },
  });
  return { stream, state };
}

const list = (a: RestAdapter, limit = 20) => a.listComments({ threadId: 't1', sort: 'newest', limit });

describe('hostile sizes', () => {
  describe('bodies', () => {
    it('refuses a 50 MB body from its Content-Length without reading it', async () => {
      const body = lazyBody(50 * MB);
      const started = performance.now();
      const e = await rejection(list(adapterAnswering(() => new Response(body.stream, { headers: { 'Content-Length': String(50 * MB) } }))));
      expect(performance.now() - started).to.be.below(500);
      expect([e.code, e.message]).to.deep.equal(['bad_response', "The server's answer is larger than 2097152 bytes: it was not read."]);
      expect(body.state.pulled).to.be.below(2 * MB);
    });

    it('stops reading a 50 MB body without a length after 2 MB', async () => {
      const body = lazyBody(50 * MB);
      const started = performance.now();
      const e = await rejection(list(adapterAnswering(() => new Response(body.stream))));
      expect(performance.now() - started).to.be.below(1000);
      expect(e.code).to.equal('bad_response');
      expect(body.state.pulled).to.be.at.most(2 * MB + 2 * 64 * 1024);
    });

    it('refuses a 5 MB body', async () => {
      const e = await rejection(list(adapterAnswering(() => new Response(lazyBody(5 * MB).stream))));
      expect(e.message).to.contain('larger than 2097152 bytes');
    });

    it('takes a body just under 2 MB (kept)', async () => {
      const json = JSON.stringify(page([comment('big', { body: 'z'.repeat(2 * MB - 1000) })]));
      expect(json.length).to.be.below(2 * MB);
      const got = await list(adapterAnswering(() => new Response(json)));
      expect(got.comments[0]!.body).to.have.length(2 * MB - 1000);
    });

    it('takes a smaller bound of its own (maxBytes)', async () => {
      const e = await rejection(list(adapterAnswering(() => new Response(JSON.stringify(page(roots(5)))), { maxBytes: 500 })));
      expect(e.message).to.contain('larger than 500 bytes');
    });

    it('refuses a 120,000-comment answer (49 MB) within 2 s', async () => {
      const body = lazyPage(120_000);
      const started = performance.now();
      const e = await rejection(list(adapterAnswering(() => new Response(body.stream))));
      expect(performance.now() - started).to.be.below(2000);
      expect(e.code).to.equal('bad_response');
      expect(body.state.sent).to.be.below(3 * MB);
    });

    it('an error answer too large to read is its status', async () => {
      const e = await rejection(list(adapterAnswering(() => new Response(lazyBody(5 * MB).stream, { status: 404 }))));
      expect([e.code, e.message]).to.deep.equal(['not_found', 'The server answered 404.']);
    });
  });

  it('remembers the last 50 bodies read whole, not every one for the page\'s life', () => {
    const long = (i: number) => `${i} ${'word '.repeat(BODY_LIMIT / 5)}`;
    const readWhole = (body: string) => {
      const host = document.createElement('div');
      host.append(paragraphs(body, 'Read the rest'));
      host.querySelector('button')!.click();
    };
    const cut = (body: string) => !!paragraphs(body, 'Read the rest').querySelector('button');
    for (let i = 0; i <= 50; i++) readWhole(long(i));
    expect(cut(long(50)), 'the last read stays whole').to.equal(false);
    expect(cut(long(1)), 'the second still whole').to.equal(false);
    expect(cut(long(0)), 'the first is forgotten: cut again').to.equal(true);
  });

  describe('pages', () => {
    it('refuses a page with more roots than the limit asked for', async () => {
      const e = await rejection(list(adapterAnswering(() => Response.json(page(roots(21))))));
      expect([e.code, e.message]).to.deep.equal(['bad_response', 'The server sent 21 comments at the top level where at most 20 were asked for.']);
    });

    it('takes a page of 20 roots and thousands of replies (kept)', async () => {
      const got = await list(adapterAnswering(() => Response.json(page([...roots(20), ...replies(5000)]))));
      expect(got.comments).to.have.length(5020);
    });

    it(`refuses a page of more than ${MAX_PAGE} comments in all`, () => {
      expect(() => asCommentPage(page([...roots(1), ...replies(MAX_PAGE)]))).to.throw(AdapterError, 'The server sent 10001 comments in one page; at most 10000 are taken.');
    });

    it(`refuses a moderation page of more than ${MAX_PAGE} comments`, () => {
      expect(() => asModerationPage({ comments: roots(MAX_PAGE + 1), nextCursor: null })).to.throw(AdapterError, 'at most 10000');
    });
  });

  describe('numbers', () => {
    const cases: [string, Partial<Comment>, keyof Comment, unknown][] = [
      ['negative likes', { likes: -5 }, 'likes', 0],
      ['fractional likes', { likes: 1.7 }, 'likes', 1],
      ['absurd likes', { likes: 1e308 }, 'likes', 1e12],
      ['negative reports', { reports: -1 }, 'reports', 0],
      ['absurd reports', { reports: 2 ** 60 }, 'reports', 1e12],
    ];
    for (const [what, over, field, expected] of cases) {
      it(`takes ${what} as ${String(expected)}`, () => {
        expect(asComment(comment('c', over))[field]).to.equal(expected);
      });
    }

    it('takes a negative or absurd total as 0 or a trillion', () => {
      expect(asCommentPage(page([], -3)).total).to.equal(0);
      expect(asCommentPage(page([], 1e300)).total).to.equal(1e12);
    });

    it('refuses NaN and Infinity from a custom adapter (kept)', () => {
      expect(() => asComment(comment('c', { likes: NaN }))).to.throw(AdapterError);
      expect(() => asComment(comment('c', { likes: Infinity }))).to.throw(AdapterError);
    });

    it('takes negative votes and totals as 0', () => {
      const p = asPoll(poll({ totalVotes: -10, options: [{ id: 'a', label: 'A', votes: -2 }, { id: 'b', label: 'B', votes: 1 }] }));
      expect([p.totalVotes, ...p.options.map((o) => o.votes)]).to.deep.equal([0, 0, 1]);
    });

    it('gives whole percentages, never NaN, for absurd votes', () => {
      const p = asPoll(poll({ options: [{ id: 'a', label: 'A', votes: 1e308 }, { id: 'b', label: 'B', votes: 1e308 }] }));
      const shares = percentages(p.options.map((o) => o.votes ?? 0));
      expect(shares).to.deep.equal([50, 50]);
    });

    it('takes maxChoices as 1 to the number of options', () => {
      expect(asPoll(poll({ maxChoices: 0 })).maxChoices).to.equal(1);
      expect(asPoll(poll({ maxChoices: 1e9, multiple: true })).maxChoices).to.equal(2);
    });

    it('takes a negative or absurd maxLength of the session as 1 to a million', () => {
      expect(asSession({ viewer: null, allowAnonymous: true, maxLength: -1 }).maxLength).to.equal(1);
      expect(asSession({ viewer: null, allowAnonymous: true, maxLength: 1e12 }).maxLength).to.equal(1_000_000);
    });

    it('takes negative counts as 0, and finds only a thread\'s own count', () => {
      const { counts } = asCounts({ counts: { t1: -4, t2: 7 } });
      expect([counts.t1, counts.t2, counts['constructor'], counts['toString']]).to.deep.equal([0, 7, undefined, undefined]);
    });

    it('bounds the counts of a live event', () => {
      expect(asThreadEvent({ type: 'comment-updated', comment: comment('c', { likes: -1 }) }).comment.likes).to.equal(0);
    });
  });

  describe('dates', () => {
    it('takes a comment dated thousands of years ahead as now', () => {
      const at = asComment(comment('c', { createdAt: '9999-01-01T00:00:00Z' })).createdAt;
      expect(Math.abs(Date.parse(at) - Date.now())).to.be.below(1000);
    });

    it('takes an edit dated a year ahead as now', () => {
      const at = asComment(comment('c', { editedAt: new Date(Date.now() + 365 * DAY).toISOString() })).editedAt!;
      expect(Math.abs(Date.parse(at) - Date.now())).to.be.below(1000);
    });

    it('keeps a date an hour ahead, a clock that is a little off (kept)', () => {
      const createdAt = new Date(Date.now() + 3600_000).toISOString();
      expect(asComment(comment('c', { createdAt })).createdAt).to.equal(createdAt);
    });

    it('refuses a date that cannot be read', () => {
      expect(() => asComment(comment('c', { createdAt: 'yesterday-ish' }))).to.throw(AdapterError, 'not a comment');
      expect(() => asPoll(poll({ closesAt: 'soon' }))).to.throw(AdapterError, 'not a poll');
    });

    it('shows a poll closing in the year 9999 without a closing time', () => {
      expect(asPoll(poll({ closesAt: '9999-12-31T00:00:00Z' })).closesAt).to.equal(null);
      const soon = new Date(Date.now() + 3 * DAY).toISOString();
      expect(asPoll(poll({ closesAt: soon })).closesAt).to.equal(soon);
    });
  });

  describe('names', () => {
    it('cuts a 1 MB name at 100 characters with an ellipsis', () => {
      const name = asComment(comment('c', { author: { id: 'a', name: 'n'.repeat(MB) } })).author.name;
      expect(name).to.equal(`${'n'.repeat(99)}…`);
    });

    it('cuts a long name of emoji at whole code points', () => {
      const name = asComment(comment('c', { author: { id: 'a', name: '😀'.repeat(500) } })).author.name;
      expect([...name]).to.have.length(100);
      expect(name.endsWith('😀…')).to.equal(true);
    });

    it('keeps at most 10 roles of an author', () => {
      const roles = Array.from({ length: 10_000 }, (_, i) => `role${i}`);
      expect(asComment(comment('c', { author: { id: 'a', name: 'A', roles } })).author.roles).to.have.length(10);
    });

    it('cuts the signed-in viewer\'s name too', () => {
      const s = asSession({ viewer: { id: 'v', name: 'v'.repeat(1000) }, allowAnonymous: false, maxLength: 100 });
      expect(s.viewer!.name).to.have.length(100);
    });

    it('never changes what the adapter gave (the bounds are a copy)', () => {
      const c = comment('c', { likes: -1 });
      asComment(c);
      expect(c.likes).to.equal(-1);
    });
  });

  describe('messages', () => {
    it('cuts a 1 MB validation message at 300 characters with an ellipsis', async () => {
      const e = await rejection(list(adapterAnswering(() => Response.json({ error: { code: 'validation', message: 'Too long. '.repeat(100_000) } }, { status: 422 }))));
      expect(e.message).to.have.length(300);
      expect(e.message.endsWith('…')).to.equal(true);
    });

    it('removes control and bidi characters from a server message', async () => {
      const e = await rejection(list(adapterAnswering(() => Response.json({ error: { code: 'validation', message: 'Bad\u0000\u202E input\n\n\tplease' } }, { status: 422 }))));
      expect(e.message).to.equal('Bad input please');
    });

    it('cuts a 1 MB error code', async () => {
      const e = await rejection(list(adapterAnswering(() => Response.json({ error: { code: 'x'.repeat(MB), message: 'm' } }, { status: 400 }))));
      expect(e.code).to.have.length(64);
    });
  });

  describe('on screen', () => {
    it('shows a comment dated in the year 9999 as just now, not "in 7,974 years"', async () => {
      const adapter = { listComments: async () => page([comment('c', { createdAt: '9999-01-01T00:00:00Z', likes: -7 })]), createComment: async () => comment('x') };
      const el = await fixture<ExperienceComments>(html`<experience-comments thread="t1" .adapter=${adapter}></experience-comments>`);
      await until(() => part(el, 'timestamp'));
      expect(text(part(el, 'timestamp'))).to.not.match(/year/);
      expect(text(part(el, 'like-button') ?? part(el, 'comment'))).to.not.contain('-7');
    });

    it('shows a page of 1,000 roots from a custom adapter that ignores the limit within 2 s', async () => {
      const adapter = { listComments: async () => page(roots(1000)), createComment: async () => comment('x') };
      const started = performance.now();
      const el = await fixture<ExperienceComments>(html`<experience-comments thread="t1" .adapter=${adapter}></experience-comments>`);
      await until(() => part(el, 'list'));
      expect(performance.now() - started).to.be.below(2000);
    });

    it('shows a poll with negative and absurd votes without NaN or a minus sign', async () => {
      const p = poll({ totalVotes: -5, options: [{ id: 'a', label: 'A', votes: -3 }, { id: 'b', label: 'B', votes: 1e308 }] });
      const adapter = { getPoll: async () => p, vote: async () => p };
      const el = await fixture<ArticlePoll>(html`<article-poll poll="p1" .adapter=${adapter}></article-poll>`);
      await until(() => part(el, 'question'));
      const shown = text(el.shadowRoot!);
      expect(shown).to.not.match(/NaN|-\d|∞/);
    });
  });
});
