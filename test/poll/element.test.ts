import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { AdapterError, ArticlePoll, MemoryAdapter, type PollVotedEvent, type SeedPoll } from '../../src/index.js';
import type { HandlerOptions } from '../../src/msw/index.js';
import { poll } from '../helpers/fixtures.js';
import { part, parts, status, text } from '../helpers/dom.js';
import { mockBackend, newEndpoint } from '../helpers/msw.js';
import { quietFor } from '../helpers/wait.js';

const DAY = 24 * 3600 * 1000;

/** A fresh backend (its own endpoint, so no store of an earlier test is reused) seeded with `polls`. */
async function backend(polls: SeedPoll[], over: (endpoint: string) => Parameters<typeof http.get>[] = () => [], options: HandlerOptions = {}) {
  const endpoint = newEndpoint('poll-api');
  const overrides = over(endpoint).map(([path, resolver, o]) => (/votes$/.test(String(path)) ? http.post(path, resolver, o) : http.get(path, resolver, o)));
  return mockBackend({ endpoint, polls, ...options }, ...overrides);
}

async function mount(polls: SeedPoll[] = [poll('p1')], over?: (endpoint: string) => Parameters<typeof http.get>[]) {
  const api = await backend(polls, over);
  const el = await fixture<ArticlePoll>(html`<article-poll poll="p1" endpoint=${api.endpoint}></article-poll>`);
  await waitUntil(() => part(el, 'question') || part(el, 'error'), 'the poll did not load');
  return { el, ...api };
}

const inputs = (el: Element) => parts(el, 'option-input') as HTMLInputElement[];
const button = (el: Element) => part(el, 'vote-button') as HTMLButtonElement | null;
const votes = (requests: Request[]) => requests.filter((r) => r.method === 'POST');
/** Each result row as its text, as a screen reader reads it. */
/** What has the focus inside the poll, as its part (and value), so that a failure prints briefly. */
const focused = (el: Element) => {
  const a = el.shadowRoot!.activeElement as HTMLInputElement | null;
  return a && `${a.getAttribute('part')}${a.value ? `=${a.value}` : ''}`;
};
const rows = (el: Element) => parts(el, 'result').map(text);

/** Resolves when `open()` is called: holds a request in a handler that then passes it on. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { open, resolver: async () => void (await promise) };
}

async function press(...keys: string[]) {
  for (const key of keys) await sendKeys({ press: key });
}

describe('<article-poll>', () => {
  beforeEach(() => {
    localStorage.clear();
    (document.activeElement as HTMLElement | null)?.blur();
  });

  it('shows and announces loading, then the question as a fieldset with a legend and radios', async () => {
    const hold = gate();
    const api = await backend([poll('p1')], (e) => [[`${e}/polls/:id`, hold.resolver]]);
    const el = await fixture<ArticlePoll>(html`<article-poll poll="p1" endpoint=${api.endpoint}></article-poll>`);
    expect(text(part(el, 'poll'))).to.equal('Loading the poll…');
    expect(status(el)).to.equal('Loading the poll…');
    expect(part(el, 'status')!.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
    const ready = oneEvent(el, 'experience-ready');
    hold.open();
    const { detail } = await ready;
    expect(detail.poll.id).to.equal('p1');
    await el.updateComplete;
    const legend = el.shadowRoot!.querySelector('fieldset > legend')!;
    expect(legend.getAttribute('part')).to.equal('question');
    expect(text(legend)).to.equal('Did this article help you?');
    expect(inputs(el).map((i) => [i.type, i.value, i.checked])).to.deep.equal([
      ['radio', 'yes', false], ['radio', 'some', false], ['radio', 'no', false],
    ]);
    expect(parts(el, 'option-label').map(text)).to.deep.equal(['Yes', 'Somewhat', 'No']);
    expect(button(el)!.disabled, 'no choice yet').to.equal(true);
    expect(status(el)).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('fires experience-ready and experience-poll-voted once what they announce is in the shadow root', async () => {
    const api = await backend([poll('p1')]);
    const el = document.createElement('article-poll');
    el.poll = 'p1';
    el.endpoint = api.endpoint;
    const seen: string[] = [];
    el.addEventListener('experience-ready', () => seen.push(`ready: ${text(part(el, 'question'))}`));
    el.addEventListener('experience-poll-voted', () => seen.push(`voted: ${parts(el, 'result-chosen').map(text).join()}`));
    const ready = oneEvent(el, 'experience-ready');
    document.body.append(el);
    try {
      await ready;
      inputs(el)[0]!.click();
      await el.updateComplete;
      const voted = oneEvent(el, 'experience-poll-voted');
      button(el)!.click();
      await voted;
      expect(seen).to.deep.equal(['ready: Did this article help you?', 'voted: Yes ✓ Your choice 80% 4 votes']);
    } finally {
      el.remove();
    }
  });

  it('votes by keyboard, then shows the results with the own choice in words and focus on them', async () => {
    const hold = gate();
    const { el, requests } = await mount([poll('p1')], (e) => [[`${e}/polls/:id/votes`, hold.resolver]]);
    await press('Tab');
    expect(focused(el)).to.equal('option-input=yes');
    await press('ArrowDown');
    expect(inputs(el)[1]!.checked).to.equal(true);
    await el.updateComplete;
    expect(button(el)!.disabled).to.equal(false);
    await press('Tab');
    expect(focused(el)).to.equal('vote-button');
    const voted = oneEvent(el, 'experience-poll-voted') as Promise<PollVotedEvent>;
    await press('Enter');
    await waitUntil(() => votes(requests).length === 1);
    await el.updateComplete;
    // In flight: announced, the button keeps the focus, and a second press sends nothing.
    expect(status(el)).to.equal('Sending your vote…');
    expect(text(button(el))).to.equal('Sending your vote…');
    expect(button(el)!.getAttribute('aria-disabled')).to.equal('true');
    expect(focused(el)).to.equal('vote-button');
    await expect(el).to.be.accessible();
    await press('Enter');
    button(el)!.click();
    hold.open();
    const { detail } = await voted;
    expect(detail.optionIds).to.deep.equal(['some']);
    expect(detail.poll.totalVotes).to.equal(5);
    expect(votes(requests)).to.have.length(1);
    const sent = votes(requests)[0]!;
    expect(await sent.json()).to.deep.equal({ optionIds: ['some'] });
    expect(sent.headers.get('Idempotency-Key')).to.match(/^[0-9a-f]{32}$/);
    await el.updateComplete;
    expect(button(el)).to.equal(null);
    expect(inputs(el)).to.have.length(0);
    expect(rows(el)).to.deep.equal(['Yes 60% 3 votes', 'Somewhat ✓ Your choice 40% 2 votes', 'No 0% 0 votes']);
    expect(parts(el, 'result-chosen').map(text)).to.deep.equal(['Somewhat ✓ Your choice 40% 2 votes']);
    expect(text(part(el, 'total'))).to.equal('5 votes in total');
    expect(status(el)).to.equal('Thank you for voting.');
    expect(focused(el)).to.equal('results');
    const share = (fill: HTMLElement) => Math.round((100 * fill.offsetWidth) / fill.parentElement!.offsetWidth);
    expect(parts(el, 'bar-fill').map(share)).to.deep.equal([60, 40, 0]);
    await expect(el).to.be.accessible();
  });

  it('shows the results so far on request when they are always visible, 0% for no votes at all', async () => {
    const none = poll('p1', { options: ['a', 'b', 'c'].map((id) => ({ id, label: id.toUpperCase(), votes: 0 })) });
    const { el } = await mount([none]);
    const details = el.shadowRoot!.querySelector('details')!;
    expect(text(details.querySelector('summary'))).to.equal('See the results so far');
    expect(details.open).to.equal(false);
    details.querySelector('summary')!.click();
    expect(rows(el)).to.deep.equal(['A 0% 0 votes', 'B 0% 0 votes', 'C 0% 0 votes']);
    expect(text(part(el, 'total'))).to.equal('0 votes in total');
    await expect(el).to.be.accessible();
  });

  it('sets the direction of the question and of each label by its own text', async () => {
    const arabic = poll('p1', {
      question: 'هل ساعدك هذا المقال؟',
      options: [{ id: 'yes', label: 'نعم', votes: 1 }, { id: 'en', label: 'English (UK)', votes: 0 }],
    });
    const { el } = await mount([arabic]);
    const dir = (name: string) => parts(el, name).map((n) => getComputedStyle(n).direction);
    expect(getComputedStyle(el).direction, 'the page is left to right').to.equal('ltr');
    expect(dir('question')).to.deep.equal(['rtl']);
    expect(dir('option-label')).to.deep.equal(['rtl', 'ltr']);
    el.shadowRoot!.querySelector('summary')!.click();
    expect(dir('result-label')).to.deep.equal(['rtl', 'ltr']);
  });

  it('enforces maxChoices with checkboxes, saying why the rest are disabled', async () => {
    const multi = poll('p1', {
      question: 'Which topics?',
      multiple: true,
      maxChoices: 2,
      options: ['a', 'b', 'c', 'd'].map((id) => ({ id, label: `Topic ${id}`, votes: 1 })),
    });
    const { el, requests } = await mount([multi]);
    expect(inputs(el).every((i) => i.type === 'checkbox')).to.equal(true);
    expect(text(part(el, 'hint'))).to.equal('Choose up to 2 options.');
    expect(el.shadowRoot!.querySelector('fieldset')!.getAttribute('aria-describedby')).to.equal('hint');
    await press('Tab', 'Space', 'Tab', 'Tab', 'Space');
    await el.updateComplete;
    expect(inputs(el).map((i) => [i.checked, i.disabled])).to.deep.equal([[true, false], [false, true], [true, false], [false, true]]);
    const reason = 'You have chosen 2 options, the most allowed. Unselect one to choose another.';
    expect(text(part(el, 'hint'))).to.equal(reason);
    expect(status(el)).to.equal(reason);
    expect(inputs(el)[1]!.getAttribute('aria-describedby')).to.equal('hint');
    await expect(el).to.be.accessible();
    await press('Space');
    await el.updateComplete;
    expect(inputs(el).map((i) => i.disabled)).to.deep.equal([false, false, false, false]);
    expect(status(el)).to.equal('');
    await press('Tab', 'Space');
    await el.updateComplete;
    expect(inputs(el).filter((i) => i.checked).map((i) => i.value)).to.deep.equal(['a', 'd']);
    button(el)!.click();
    await waitUntil(() => !button(el), 'no results');
    expect(await votes(requests)[0]!.json()).to.deep.equal({ optionIds: ['a', 'd'] });
    expect(parts(el, 'result-chosen').map((r) => text(part(r, 'result-label')))).to.deep.equal([
      'Topic a ✓ Your choice', 'Topic d ✓ Your choice',
    ]);
    // 2, 1, 1, 2 of 6 votes: 33.3, 16.7, 16.7, 33.3 make 33 + 17 + 17 + 33 = 100.
    expect(parts(el, 'percentage').map(text)).to.deep.equal(['33%', '17%', '17%', '33%']);
  });

  it('keeps results hidden until the vote with after-vote, and says so', async () => {
    const { el } = await mount([poll('p1', { resultsVisibility: 'after-vote' })]);
    expect(text(part(el, 'note'))).to.equal('The results are shown once you have voted.');
    expect(parts(el, 'percentage')).to.have.length(0);
    inputs(el)[0]!.click();
    await el.updateComplete;
    button(el)!.click();
    await waitUntil(() => !button(el), 'no results');
    expect(rows(el)).to.deep.equal(['Yes ✓ Your choice 80% 4 votes', 'Somewhat 20% 1 vote', 'No 0% 0 votes']);
    await expect(el).to.be.accessible();
  });

  it('after a vote on an after-close poll shows the own choice and when the results come', async () => {
    const { el } = await mount([poll('p1', { resultsVisibility: 'after-close' })]);
    expect(text(part(el, 'note'))).to.equal('The results are shown when the poll closes.');
    inputs(el)[2]!.click();
    await el.updateComplete;
    button(el)!.click();
    await waitUntil(() => !button(el), 'no results');
    expect(rows(el)).to.deep.equal(['Yes', 'Somewhat', 'No ✓ Your choice']);
    expect(parts(el, 'note').map(text)).to.deep.equal(['The results are shown when the poll closes.', 'Thank you for voting.']);
    expect(part(el, 'total')).to.equal(null);
    expect(parts(el, 'bar')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('remembers the vote after a reload: the server says so', async () => {
    const { el } = await mount([poll('p1', { viewerVote: ['no'] })]);
    expect(button(el)).to.equal(null);
    expect(parts(el, 'result-chosen').map(text)).to.deep.equal(['No ✓ Your choice 0% 0 votes']);
    expect(status(el)).to.equal('');
  });

  it('remembers the vote after a reload: this browser remembers an anonymous vote', async () => {
    localStorage.setItem('experience-widgets:poll:p1', '["yes"]');
    const { el, requests } = await mount([poll('p1')]);
    expect(button(el)).to.equal(null);
    expect(parts(el, 'result-chosen').map(text)).to.deep.equal(['Yes ✓ Your choice 75% 3 votes']);
    expect(votes(requests)).to.have.length(0);
  });

  it('shows a signed-in reader the server\'s record, not what this browser remembers', async () => {
    localStorage.setItem('experience-widgets:poll:p1', '["yes"]');
    const api = await backend([poll('p1')], undefined, { viewer: { id: 'u1', name: 'Ann' } });
    const el = await fixture<ArticlePoll>(html`<article-poll poll="p1" endpoint=${api.endpoint}></article-poll>`);
    await waitUntil(() => api.requests.some((r) => r.url.endsWith('/session')) && inputs(el).length === 3, 'no form');
    await quietFor();
    expect(inputs(el)).to.have.length(3);
    expect(parts(el, 'result-chosen')).to.have.length(0);
  });

  it('shows the results, not an error, when the server says already_voted', async () => {
    const { el } = await mount([poll('p1')], (e) => [[
      `${e}/polls/:id/votes`,
      () => HttpResponse.json({ error: { code: 'already_voted', message: 'You have already voted.' } }, { status: 409 }),
    ]]);
    const failed = oneEvent(el, 'experience-error');
    inputs(el)[0]!.click();
    await el.updateComplete;
    button(el)!.click();
    expect((await failed).detail).to.include({ operation: 'vote' });
    await waitUntil(() => !button(el), 'no results');
    expect(part(el, 'error')).to.equal(null);
    expect(status(el)).to.equal('You have already voted in this poll.');
    expect(text(part(el, 'note'))).to.equal('You have already voted in this poll.');
    expect(rows(el)[0]).to.equal('Yes 75% 3 votes');
    await expect(el).to.be.accessible();
  });

  it('shows the closed results when the poll closed before the vote arrived', async () => {
    const { el, engine } = await mount([poll('p1', { resultsVisibility: 'after-close' })]);
    engine.addPoll(poll('p1', { resultsVisibility: 'after-close', closed: true }));
    inputs(el)[0]!.click();
    await el.updateComplete;
    button(el)!.focus();
    button(el)!.click();
    await waitUntil(() => part(el, 'percentage'), 'no closed results');
    expect(text(part(el, 'closing'))).to.equal('This poll is closed.');
    expect(status(el)).to.equal('This poll is closed.');
    expect(part(el, 'error')).to.equal(null);
    expect(rows(el)[0]).to.equal('Yes 75% 3 votes');
    expect(focused(el)).to.equal('results');
    await expect(el).to.be.accessible();
  });

  it('keeps the choice after a failure and retries with the same Idempotency-Key', async () => {
    const { el, requests } = await mount([poll('p1')], (e) => [[
      `${e}/polls/:id/votes`,
      () => HttpResponse.json({ error: { code: 'server_error', message: 'Boom' } }, { status: 500 }),
      { once: true },
    ]]);
    const failed = oneEvent(el, 'experience-error');
    inputs(el)[1]!.click();
    await el.updateComplete;
    button(el)!.click();
    const { detail } = await failed;
    expect(detail.operation).to.equal('vote');
    expect(detail.error.code).to.equal('server_error');
    await el.updateComplete;
    const message = 'Your vote could not be sent. Your choice is kept: please try again.';
    expect(text(part(el, 'error'))).to.equal(message);
    expect(status(el)).to.equal(message);
    expect(inputs(el)[1]!.checked).to.equal(true);
    expect(text(button(el))).to.equal('Try again');
    expect(button(el)!.getAttribute('aria-describedby')).to.equal('error');
    await expect(el).to.be.accessible();
    button(el)!.click();
    await waitUntil(() => !button(el), 'no results');
    const [first, second] = votes(requests);
    expect(second!.headers.get('Idempotency-Key')).to.equal(first!.headers.get('Idempotency-Key'));
    expect(parts(el, 'result-chosen').map((r) => text(part(r, 'result-label')))).to.deep.equal(['Somewhat ✓ Your choice']);
    expect(rows(el)[1]).to.equal('Somewhat ✓ Your choice 40% 2 votes');
  });

  it('says what to do when offline or rate limited', async () => {
    const { el } = await mount([poll('p1')], (e) => [
      [`${e}/polls/:id/votes`, () => HttpResponse.error(), { once: true }],
      [`${e}/polls/:id/votes`, () => HttpResponse.json({ error: { code: 'rate_limited', message: 'Slow down' } }, { status: 429, headers: { 'Retry-After': '7' } }), { once: true }],
    ]);
    inputs(el)[0]!.click();
    await el.updateComplete;
    button(el)!.click();
    await waitUntil(() => part(el, 'error'));
    expect(text(part(el, 'error'))).to.equal('The server could not be reached. Your choice is kept: check your connection and try again.');
    button(el)!.click();
    await waitUntil(() => text(part(el, 'error')).startsWith('Too many'));
    expect(status(el)).to.equal('Too many attempts. Please wait 7 seconds and try again.');
    await expect(el).to.be.accessible();
  });

  /** One look for every retry across the widgets (#15): the comments' "Try again" beside the poll's. */
  async function looksLikeTheCommentsRetry(retry: HTMLButtonElement) {
    const adapter = new MemoryAdapter();
    adapter.listComments = () => Promise.reject(new AdapterError({ code: 'network', message: 'down' }));
    const comments = await fixture(html`<experience-comments thread="t1" .adapter=${adapter}></experience-comments>`);
    await waitUntil(() => part(comments, 'error')?.querySelector('button'));
    const theirs = getComputedStyle(part(comments, 'error')!.querySelector('button')!);
    const ours = getComputedStyle(retry);
    for (const p of ['borderTopColor', 'borderTopStyle', 'color', 'paddingInlineStart', 'borderTopLeftRadius'] as const) expect(ours[p], p).to.equal(theirs[p]);
    expect(ours.borderTopStyle).to.equal('solid');
    // As wide as its words in both, not stretched across the comments' column.
    for (const b of [retry, part(comments, 'error')!.querySelector('button')!]) {
      expect(b.getBoundingClientRect().width).to.be.below(b.parentElement!.getBoundingClientRect().width / 2);
    }
  }

  it('says the server had a problem when the poll cannot be loaded for a 500, as the comments say', async () => {
    const api = await backend([poll('p1')], (endpoint) => [[`${endpoint}/polls/:id`, () => HttpResponse.json({ error: { code: 'server_error', message: 'boom' } }, { status: 500 })]]);
    const el = await fixture<ArticlePoll>(html`<article-poll poll="p1" endpoint=${api.endpoint}></article-poll>`);
    await waitUntil(() => part(el, 'error'), 'no error', { timeout: 5000 });
    expect(status(el)).to.equal('The poll could not be loaded. The server had a problem. Please try again.');
    await looksLikeTheCommentsRetry(part(el, 'error')!.querySelector('button')!);
  });

  it('shows a failure to load with a retry', async () => {
    const api = await backend([]);
    const failed = oneEvent(document, 'experience-error');
    const el = await fixture<ArticlePoll>(html`<article-poll poll="p1" endpoint=${api.endpoint}></article-poll>`);
    const { detail } = await failed;
    expect(detail.operation).to.equal('load');
    expect(detail.error.code).to.equal('not_found');
    await el.updateComplete;
    // Why, as the comments say (#15): the poll does not exist.
    expect(text(part(el, 'error'))).to.equal('The poll could not be loaded. There is no such poll. It may have been removed. Try again');
    expect(status(el)).to.equal('The poll could not be loaded. There is no such poll. It may have been removed.');
    await expect(el).to.be.accessible();
    await looksLikeTheCommentsRetry(part(el, 'error')!.querySelector('button')!);
    api.engine.addPoll(poll('p1'));
    const ready = oneEvent(document, 'experience-ready');
    part(el, 'error')!.querySelector('button')!.focus();
    part(el, 'error')!.querySelector('button')!.click();
    expect((await ready).detail.poll.id).to.equal('p1');
    await el.updateComplete;
    expect(focused(el), 'the focus stays in the poll').to.equal('poll');
    expect(text(part(el, 'question'))).to.equal('Did this article help you?');
  });

  it('shows the time left in the locale, as a <time>', async () => {
    const closesAt = new Date(Date.now() + 3 * DAY + 60_000).toISOString();
    const big = poll('p1', { closesAt, options: [{ id: 'a', label: 'A', votes: 1234 }, { id: 'b', label: 'B', votes: 0 }] });
    const { el } = await mount([big]);
    const time = part(el, 'closing')!.querySelector('time')!;
    expect(time.dateTime).to.equal(closesAt);
    expect(text(time)).to.equal('Closes in 3 days');
    expect(time.title).to.match(/\d{4}/);
    el.locale = 'de';
    await el.updateComplete;
    expect(text(time)).to.equal('Closes in 3 Tagen');
    el.shadowRoot!.querySelector('details')!.open = true;
    expect(rows(el)[0]).to.equal('A 100 % 1.234 votes');
  });

  it('switches to closed with the results when the poll closes while the page is open', async () => {
    const closesAt = new Date(Date.now() + 1200).toISOString();
    const { el } = await mount([poll('p1', { closesAt, resultsVisibility: 'after-close' })]);
    expect(text(part(el, 'closing'))).to.equal('Closes now');
    expect(inputs(el)).to.have.length(3);
    inputs(el)[0]!.focus();
    await waitUntil(() => part(el, 'percentage'), 'did not close', { timeout: 4000 });
    expect(focused(el), 'the focus was on an option that is gone').to.equal('results');
    expect(text(part(el, 'closing'))).to.equal('This poll is closed.');
    expect(status(el)).to.equal('This poll is closed.');
    expect(inputs(el)).to.have.length(0);
    expect(rows(el)).to.deep.equal(['Yes 75% 3 votes', 'Somewhat 25% 1 vote', 'No 0% 0 votes']);
    expect(text(part(el, 'poll')), 'nothing after the closing line').to.match(/This poll is closed\.$/);
    await expect(el).to.be.accessible();
  });

  it('shows a poll whose closing time has passed as closed, even when the server clock is behind', async () => {
    const closesAt = new Date(Date.now() - 1000).toISOString();
    const api = await backend([poll('p1', { closesAt })], undefined, { now: () => new Date(Date.now() - 60_000) });
    const el = await fixture<ArticlePoll>(html`<article-poll poll="p1" endpoint=${api.endpoint}></article-poll>`);
    await waitUntil(() => part(el, 'question'));
    expect(text(part(el, 'closing'))).to.equal('This poll is closed.');
    expect(button(el)).to.equal(null);
    expect(rows(el)[0]).to.equal('Yes 75% 3 votes');
  });

  it('takes strings from itself over the provider, and the provider\'s locale', async () => {
    const api = await backend([poll('p1')]);
    const wrap = await fixture(html`
      <experience-provider endpoint=${api.endpoint} locale="de"
        .strings=${{ pollVote: 'Senden', pollSeeResults: 'Ergebnisse', pollTotal: { one: '# Stimme', other: '# Stimmen' }, hello: 1 }}>
        <article-poll poll="p1" .strings=${{ pollVote: 'Abstimmen' }}></article-poll>
      </experience-provider>`);
    const el = wrap.querySelector('article-poll')!;
    await waitUntil(() => button(el));
    expect(text(button(el))).to.equal('Abstimmen');
    expect(text(el.shadowRoot!.querySelector('summary'))).to.equal('Ergebnisse');
    expect(text(part(el, 'total'))).to.equal('4 Stimmen');
    expect(text(part(el, 'percentage'))).to.equal('75 %');
  });

  it('uses its adapter property over its endpoint, and follows a change of poll', async () => {
    const api = await backend([poll('p1')]);
    const adapter = new MemoryAdapter({ polls: [poll('p1', { question: 'From memory?' }), poll('p2', { question: 'Second?' })] });
    const el = await fixture<ArticlePoll>(html`<article-poll poll="p1" endpoint=${api.endpoint} .adapter=${adapter}></article-poll>`);
    await waitUntil(() => part(el, 'question'));
    expect(text(part(el, 'question'))).to.equal('From memory?');
    inputs(el)[0]!.click();
    await el.updateComplete;
    el.poll = 'p2';
    await waitUntil(() => text(part(el, 'question')) === 'Second?');
    expect(inputs(el).some((i) => i.checked), 'a new poll starts without a choice').to.equal(false);
    expect(button(el)!.disabled).to.equal(true);
    expect(api.requests).to.have.length(0);
  });

  it('themes light, dark and auto through custom properties', async () => {
    const { el } = await mount();
    expect(el.getAttribute('theme')).to.equal('auto');
    const bg = () => getComputedStyle(part(el, 'poll')!).backgroundColor;
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(bg()).to.equal('rgb(13, 17, 23)');
    await expect(el).to.be.accessible();
    el.theme = 'light';
    await el.updateComplete;
    expect(bg()).to.equal('rgb(255, 255, 255)');
    el.style.setProperty('--experience-surface', 'rgb(1, 2, 3)');
    expect(bg()).to.equal('rgb(1, 2, 3)');
    el.removeAttribute('style');
    el.theme = 'auto';
    await emulateMedia({ colorScheme: 'dark' });
    await el.updateComplete;
    expect(bg()).to.equal('rgb(13, 17, 23)');
    await emulateMedia({ colorScheme: 'light' });
    expect(bg()).to.equal('rgb(255, 255, 255)');
  });

  it('animates the bars unless the reader prefers reduced motion', async () => {
    const { el } = await mount();
    el.shadowRoot!.querySelector('details')!.open = true;
    const fill = part(el, 'bar-fill')!;
    expect(getComputedStyle(fill).animationName).to.equal('grow');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(fill).animationName).to.equal('none');
    await emulateMedia({ reducedMotion: 'no-preference' });
  });
});
