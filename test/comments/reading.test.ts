import { expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { delay, http, HttpResponse } from 'msw';
import type { CommentsErrorEvent, CommentsReadyEvent, ExperienceComments } from '../../src/index.js';
import { restAdapterFor } from '../../src/provider/context.js';
import { mockBackend } from '../helpers/msw.js';
import { quietFor } from '../helpers/wait.js';
import {
  action, article, comment, failure, focused, healthThread, item, mount, NOW, part, parts, ready, root, Spy, status, text,
} from './helpers.js';

const realNow = Date.now;
/** Runs the page's clock from NOW on, so that the fixtures' times read the same every day. */
const clockAt = (t: number) => {
  const shift = realNow() - t;
  Date.now = () => realNow() - shift;
};
/** The bones of the placeholder shown while the first page loads (hidden from assistive technology). */
const skeleton = (el: Element) => [...root(el).querySelectorAll<HTMLElement>('section > [aria-hidden="true"] > *')];
/** The ids of the root comments shown, in order. */
const roots = (el: Element) => [...root(el).querySelectorAll<HTMLElement>('[part~=list] > li')].map((li) => li.dataset.id);

describe('<experience-comments> reading', () => {
  beforeEach(() => clockAt(NOW));
  afterEach(async () => {
    Date.now = realNow;
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  });

  describe('a thread', () => {
    let el: ExperienceComments;
    beforeEach(async () => (el = await mount(new Spy({ comments: healthThread() }))));

    it('has a labelled section, the count in its heading, and no axe violations', async () => {
      const section = root(el).querySelector('section')!;
      expect(section.getAttribute('aria-labelledby')).to.equal('heading');
      expect(text(root(el).getElementById('heading'))).to.equal('12 comments');
      expect(part(el, 'count')!.tagName).to.equal('H2');
      expect(roots(el)).to.deep.equal(['c12', 'c11', 'c10', 'c8', 'c7', 'c1']);
      expect(status(el)).to.equal('12 comments loaded');
      await expect(el).to.be.accessible();
    });

    it('nests replies as lists with their level, and shows deeper ones at max-depth replying to their parent', () => {
      const levels = (id: string) => Number(item(el, id)!.getAttribute('aria-level'));
      expect(['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map(levels)).to.deep.equal([1, 2, 3, 4, 4, 4]);
      expect(item(el, 'c2')!.parentElement!.closest('li')!.dataset.id).to.equal('c1');
      expect(item(el, 'c2')!.parentElement!.getAttribute('part')).to.equal('replies');
      const deepest = [...item(el, 'c4')!.parentElement!.children].map((li) => (li as HTMLElement).dataset.id);
      expect(deepest).to.deep.equal(['c4', 'c5', 'c6']);
      expect(text(article(el, 'c4')!.querySelector('[part~=replying-to]'))).to.equal('');
      expect(text(article(el, 'c5')!.querySelector('[part~=replying-to]'))).to.equal('Replying to Jon Berg');
      expect(text(article(el, 'c6')!.querySelector('[part~=replying-to]'))).to.equal('Replying to Lee');
    });

    it('lets max-depth flatten more or less', async () => {
      el.maxDepth = 2;
      await el.updateComplete;
      expect(Number(item(el, 'c6')!.getAttribute('aria-level'))).to.equal(2);
      expect(text(article(el, 'c3')!.querySelector('[part~=replying-to]'))).to.equal('Replying to Dr. Amira Haddad');
      el.maxDepth = 1;
      await el.updateComplete;
      expect(parts(el, 'replies')).to.have.length(0);
      expect(roots(el)).to.include.members(['c2', 'c13']);
    });

    it('labels each comment by its author, with one badge per role', () => {
      const a = article(el, 'c2')!;
      expect(a.tagName).to.equal('ARTICLE');
      expect(a.getAttribute('aria-label')).to.equal('Dr. Amira Haddad');
      const badges = [...a.querySelectorAll('[part~=badge]')];
      expect(badges.map((b) => [b.getAttribute('part'), text(b)])).to.deep.equal([
        ['badge badge-moderator', 'Moderator'],
        ['badge badge-author', 'Author'],
      ]);
      expect(text(article(el, 'c7')!.querySelector('[part~=badge]'))).to.equal('nurse');
      expect(article(el, 'c7')!.querySelector('[part~=badge-nurse]')).to.exist;
      expect(article(el, 'c1')!.querySelectorAll('[part~=badge]')).to.have.length(0);
    });

    it('links authors only to http and https URLs', () => {
      const amira = article(el, 'c2')!.querySelector('[part~=author]')!;
      expect(amira.matches(':any-link')).to.equal(true);
      expect(amira.getAttribute('href')).to.equal('https://example.org/amira');
      expect(amira.getAttribute('rel')).to.equal('nofollow ugc noopener noreferrer');
      const jon = article(el, 'c4')!.querySelector('[part~=author]')!;
      expect(jon.hasAttribute('href')).to.equal(false);
      expect(jon.matches(':any-link')).to.equal(false);
      expect(text(jon)).to.equal('Jon Berg');
    });

    it('shows relative times in <time datetime> with the absolute time as title once hovered, and the edited mark', () => {
      const time = article(el, 'c1')!.querySelector('time')!;
      expect(time.getAttribute('part')).to.equal('timestamp');
      expect(time.getAttribute('datetime')).to.equal(healthThread()[0]!.createdAt);
      expect(text(time)).to.equal('5 years ago');
      // Formatted when first wanted, not for each of a thousand comments drawn.
      expect(time.title).to.equal('');
      time.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
      // The test runner pins the time zone to UTC, so that the absolute times read the same everywhere.
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('UTC');
      expect(time.title.replace(/\s/g, ' ')).to.equal('November 16, 2021 at 12:00 PM');
      expect(text(article(el, 'c12')!.querySelector('time'))).to.equal('2 hours ago');
      expect(text(article(el, 'c11')!.querySelector('time'))).to.equal('3 days ago');
      const edited = article(el, 'c2')!.querySelector('[part~=edited]')!;
      expect(text(edited)).to.equal('edited');
      expect(edited.getAttribute('title')!.replace(/\s/g, ' ')).to.equal('Edited November 26, 2022 at 12:00 PM');
      expect(article(el, 'c1')!.querySelector('[part~=edited]')).to.equal(null);
    });

    it('writes bodies as paragraphs and line breaks, linking http/https URLs', () => {
      const body = article(el, 'c1')!.querySelector('[part~=body]')!;
      expect([...body.querySelectorAll('p')].map(text)).to.deep.equal([
        'Does the diet advice apply to people on insulin too?',
        'My mother was diagnosed last spring.',
      ]);
      expect(article(el, 'c10')!.querySelector('[part~=body] p')!.innerHTML.replace(/<!--[^>]*-->/g, '')).to.equal('Line one<br>Line two');
      const link = article(el, 'c2')!.querySelector<HTMLAnchorElement>('[part~=body] a')!;
      expect(link.getAttribute('href')).to.equal('https://example.org/insulin');
      expect(text(link)).to.equal('https://example.org/insulin');
      expect(link.rel).to.equal('nofollow ugc noopener noreferrer');
      expect(text(link.parentElement)).to.equal('Maria, yes: check doses with your care team first. See https://example.org/insulin.');
    });

    it('keeps a deleted comment with replies as a placeholder', () => {
      const placeholder = article(el, 'c8')!;
      expect(placeholder.getAttribute('part')).to.equal('comment deleted');
      expect(text(placeholder)).to.equal('This comment was deleted.');
      expect(placeholder.getAttribute('aria-label')).to.equal('Deleted comment');
      expect(placeholder.querySelector('[part~=actions]')).to.equal(null);
      expect(text(article(el, 'c9'))).to.contain('I disagree');
    });

    it('shows the image avatar, or initials on a colour derived from the name', () => {
      const maria = article(el, 'c1')!.querySelector('[part~=avatar]')!;
      expect(maria.getAttribute('aria-hidden')).to.equal('true');
      expect(maria.querySelector('img')!.getAttribute('src')).to.equal('https://example.org/maria.png');
      expect(maria.querySelector('img')!.alt).to.equal('');
      const amira = article(el, 'c2')!.querySelector<HTMLElement>('[part~=avatar]')!;
      expect(amira.querySelector('img')).to.equal(null);
      expect(text(amira)).to.equal('DH');
      const colour = (id: string) => getComputedStyle(article(el, id)!.querySelector('[part~=avatar]')!).backgroundColor;
      expect(colour('c2')).to.equal(colour('c6'));
      expect(colour('c2')).not.to.equal(colour('c7'));
      expect(colour('c2')).not.to.equal('rgba(0, 0, 0, 0)');
    });

    it('shows like counts', () => {
      expect(text(article(el, 'c2')!.querySelector('[part~=likes]'))).to.equal('30 likes');
      expect(text(article(el, 'c7')!.querySelector('[part~=likes]'))).to.equal('2 likes');
      expect(article(el, 'c3')!.querySelector('[part~=likes]')).to.equal(null);
      expect(action(el, 'c2', 'like-button')!.getAttribute('aria-pressed')).to.equal('false');
    });

    it('collapses and expands a thread, saying how many replies it hides', async () => {
      const toggle = item(el, 'c1')!.querySelector<HTMLButtonElement>(':scope > [part~=toggle]')!;
      expect(text(toggle)).to.equal('Hide 5 replies');
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      toggle.click();
      await el.updateComplete;
      expect(text(toggle)).to.equal('Show 5 replies');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(item(el, 'c2')).to.equal(null);
      await expect(el).to.be.accessible();
      toggle.click();
      await el.updateComplete;
      expect(item(el, 'c2')).to.exist;
      expect(text(item(el, 'c11')!.querySelector(':scope > [part~=toggle]'))).to.equal('Hide 1 reply');
    });

    it('reaches every action by keyboard, and toggles with Enter', async () => {
      part(el, 'sort')!.focus();
      const seen = new Set<string>();
      for (let i = 0; i < 80 && !seen.has('toggle'); i++) {
        await sendKeys({ press: 'Tab' });
        const f = focused(el);
        for (const p of (f?.getAttribute('part') ?? '').split(' ')) if (p) seen.add(p);
        if (f?.getAttribute('part') === 'toggle') {
          await sendKeys({ press: 'Enter' });
          await el.updateComplete;
          expect(f.getAttribute('aria-expanded')).to.equal('false');
        }
      }
      expect([...seen]).to.include.members(['textarea', 'submit', 'like-button', 'reply-button', 'report-button', 'author', 'toggle']);
    });

    it('refreshes every time on the one shared clock', async () => {
      expect(text(article(el, 'c12')!.querySelector('time'))).to.equal('2 hours ago');
      clockAt(NOW + 3 * 3600 * 1000);
      // What the clock's interval does once a minute.
      el.requestUpdate();
      await el.updateComplete;
      expect(text(article(el, 'c12')!.querySelector('time'))).to.equal('5 hours ago');
    });
  });

  it('runs one interval for every element on the page', async () => {
    const timers: number[] = [];
    const real = window.setInterval;
    window.setInterval = ((fn: () => void, ms: number) => (timers.push(ms), real(fn, ms))) as typeof setInterval;
    try {
      const a = new Spy({ comments: healthThread() });
      // fixtureSync: `fixture` waits for an animation frame, which a background test page never gets.
      const box = fixtureSync(html`<div><experience-comments thread="t1" .adapter=${a}></experience-comments><experience-comments thread="t1" .adapter=${a}></experience-comments></div>`);
      await Promise.all([...box.children].map(ready));
    } finally {
      window.setInterval = real;
    }
    expect(timers).to.deep.equal([60_000]);
  });

  it('fires experience-ready with the total', async () => {
    const a = new Spy({ comments: healthThread() });
    const el = document.createElement('experience-comments');
    el.thread = 't1';
    el.adapter = a;
    const ev = oneEvent(el, 'experience-ready') as Promise<CommentsReadyEvent>;
    document.body.append(el);
    const e = await ev;
    expect(e.detail.total).to.equal(12);
    expect(e.bubbles && e.composed).to.equal(true);
    el.remove();
  });

  it('fires experience-ready once the comments it counts are in the shadow root', async () => {
    const el = document.createElement('experience-comments');
    el.thread = 't1';
    el.adapter = new Spy({ comments: healthThread() });
    let shown = -1;
    el.addEventListener('experience-ready', () => (shown = parts(el, 'comment').length));
    const ev = oneEvent(el, 'experience-ready');
    document.body.append(el);
    await ev;
    el.remove();
    expect(shown).to.equal(13);
  });

  describe('sort and pages', () => {
    it('keeps the sort control and the sort attribute in step, reloading each time', async () => {
      const a = new Spy({ comments: healthThread() });
      const el = await mount(a);
      const select = part(el, 'sort') as HTMLSelectElement;
      expect(select.value).to.equal('newest');
      expect(text(select.labels?.[0] ?? select.closest('label'))).to.match(/^Sort by/);
      el.setAttribute('sort', 'oldest');
      await waitUntil(() => roots(el)[0] === 'c1' && a.lists.length === 2);
      expect(select.value).to.equal('oldest');
      select.focus();
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => el.getAttribute('sort') === 'top', 'the attribute did not follow the control');
      await waitUntil(() => a.lists.length === 3 && roots(el)[0] === 'c1' && roots(el)[1] === 'c7');
      expect(a.lists[2]!.q.sort).to.equal('top');
    });

    it('shows two views of one thread each in its own sort, without either reloading the other', async () => {
      const a = new Spy({ comments: healthThread() });
      const box = await fixture(html`<div>
        <experience-comments thread="t1" sort="newest" .adapter=${a}></experience-comments>
        <experience-comments thread="t1" sort="top" .adapter=${a}></experience-comments>
      </div>`);
      const [newest, top] = [...box.children] as ExperienceComments[];
      await Promise.all([ready(newest!), ready(top!)]);
      await waitUntil(() => roots(top!)[1] === 'c7', 'the top view did not sort by likes');
      expect(roots(newest!)).to.deep.equal(['c12', 'c11', 'c10', 'c8', 'c7', 'c1']);
      expect((part(newest!, 'sort') as HTMLSelectElement).value).to.equal('newest');
      expect((part(top!, 'sort') as HTMLSelectElement).value).to.equal('top');
      const lists = a.lists.length;
      newest!.sort = 'oldest';
      await waitUntil(() => roots(newest!)[0] === 'c1', 'the first view did not sort oldest first');
      expect(roots(top!)[1]).to.equal('c7');
      expect(a.lists.slice(lists).map((l) => l.q.sort)).to.deep.equal(['oldest']);
    });

    it('pages by roots with load more, by keyboard', async () => {
      const a = new Spy({ comments: healthThread() });
      const el = await mount(a, { 'page-size': '4' });
      expect(roots(el)).to.have.length(4);
      expect(a.lists[0]!.q.limit).to.equal(4);
      const more = part(el, 'load-more')!;
      expect(text(more)).to.equal('Load more comments');
      more.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => roots(el).length === 6);
      expect(part(el, 'load-more')).to.equal(null);
      await waitUntil(() => focused(el) === article(el, 'c7'), 'focus did not move to the first new comment');
      expect(text(item(el, 'c1'))).to.contain('Lee, good point.');
    });

    it('keeps the list and offers a retry when a next page fails', async () => {
      const a = new Spy({ comments: healthThread() });
      const el = await mount(a, { 'page-size': '4' });
      a.failNext.list = [failure('network')];
      part(el, 'load-more')!.click();
      await waitUntil(() => part(el, 'error'));
      expect(roots(el)).to.have.length(4);
      expect(text(part(el, 'error'))).to.contain('Could not reach the server');
      await expect(el).to.be.accessible();
      (part(el, 'error')!.querySelector('button') as HTMLButtonElement).click();
      await waitUntil(() => roots(el).length === 6);
      expect(part(el, 'error')).to.equal(null);
    });
  });

  describe('states', () => {
    it('shows and announces a skeleton while loading', async () => {
      const a = new Spy({ comments: healthThread() });
      a.hold = true;
      const el = await fixture<ExperienceComments>(html`<experience-comments thread="t1" .adapter=${a}></experience-comments>`);
      expect(status(el)).to.equal('Loading comments…');
      expect(part(el, 'status')!.getAttribute('role')).to.equal('status');
      expect(skeleton(el).length).to.be.greaterThan(0);
      expect(text(part(el, 'count'))).to.equal('Comments');
      await expect(el).to.be.accessible();
      a.release();
      await ready(el);
      expect(skeleton(el)).to.have.length(0);
    });

    it('shows the default empty text, or the empty slot', async () => {
      const el = await mount(new Spy());
      expect(text(part(el, 'empty'))).to.equal('No comments yet. Start the discussion.');
      expect(text(part(el, 'count'))).to.equal('0 comments');
      await expect(el).to.be.accessible();
      const slotted = await fixture<ExperienceComments>(html`<experience-comments thread="t1" .adapter=${new Spy()}><p slot="empty">Be first!</p></experience-comments>`);
      await ready(slotted);
      const slot = part(slotted, 'empty')!.querySelector('slot')!;
      expect(slot.assignedElements().map(text)).to.deep.equal(['Be first!']);
    });

    const cases: [string, number | undefined, string, number?][] = [
      ['network', undefined, 'Could not reach the server. Check your connection and try again.'],
      ['timeout', undefined, 'The server took too long to answer. Please try again.'],
      ['server_error', 500, 'The server had a problem. Please try again.'],
      ['bad_gateway', 502, 'The server had a problem. Please try again.'],
      ['bad_response', 200, 'The server sent an answer that could not be read.'],
      ['not_found', 404, 'This could not be found. It may have been deleted.'],
      ['unauthorized', 401, 'Please sign in first.'],
      ['forbidden', 403, 'You are not allowed to do that.'],
      ['rate_limited', 429, 'Too many attempts. Please wait 30 seconds.', 30],
      ['rate_limited', 429, 'Too many attempts. Please wait a moment.'],
      ['validation', 422, 'validation from the server'],
      ['teapot', 418, 'Something went wrong. Please try again.'],
    ];
    for (const [code, statusCode, message, retryAfter] of cases) {
      it(`explains a ${code}${retryAfter ? ` with Retry-After` : ''} error and retries`, async () => {
        const a = new Spy({ comments: healthThread() });
        a.failNext.list = [failure(code, statusCode, undefined, retryAfter)];
        const el = document.createElement('experience-comments');
        el.thread = 't1';
        el.adapter = a;
        const failed = oneEvent(el, 'experience-error') as Promise<CommentsErrorEvent>;
        document.body.append(el);
        try {
          const e = await failed;
          expect(e.detail.operation).to.equal('load');
          expect(e.detail.error.code).to.equal(code);
          await el.updateComplete;
          expect(text(part(el, 'error')!.querySelector('p'))).to.equal(`The comments could not be loaded. ${message}`);
          expect(status(el)).to.equal(`The comments could not be loaded. ${message}`);
          if (code === 'network') await expect(el).to.be.accessible();
          part(el, 'error')!.querySelector('button')!.click();
          await waitUntil(() => part(el, 'list'));
          expect(part(el, 'error')).to.equal(null);
        } finally {
          el.remove();
        }
      });
    }

    it('shows a REST answer of the wrong shape as an error, never a blank page', async () => {
      for (const body of [HttpResponse.json({ nope: true }), new HttpResponse('<html>proxy error</html>', { status: 200 })]) {
        const api = await mockBackend({ comments: healthThread() }, http.get(/\/threads\/t1\/comments/, () => body.clone()));
        const el = await fixture<ExperienceComments>(html`<experience-comments thread="t1" endpoint=${api.endpoint}></experience-comments>`);
        await waitUntil(() => part(el, 'error'), 'no error shown', { timeout: 5000 });
        expect(text(part(el, 'error'))).to.contain('The server sent an answer that could not be read.');
        expect(text(part(el, 'count'))).to.equal('Comments');
        expect(part(el, 'sort')).to.exist;
      }
    });
  });

  describe('attributes', () => {
    it('loads over REST from the endpoint attribute', async () => {
      const api = await mockBackend({ comments: healthThread() });
      const el = await fixture<ExperienceComments>(html`<experience-comments thread="t1" endpoint=${api.endpoint} page-size="3"></experience-comments>`);
      await ready(el);
      expect(roots(el)).to.deep.equal(['c12', 'c11', 'c10']);
      const get = api.requests.find((r) => r.url.includes('/comments'))!;
      expect(new URL(get.url).search).to.equal('?sort=newest&limit=3');
    });

    it('aborts the old request and loads again when thread or endpoint changes', async () => {
      const a = new Spy({ comments: [...healthThread(), comment('other', { threadId: 't2' })] });
      a.hold = true;
      const el = await fixture<ExperienceComments>(html`<experience-comments thread="t1" .adapter=${a}></experience-comments>`);
      el.thread = 't2';
      await el.updateComplete;
      expect(a.lists[0]!.o.signal!.aborted).to.equal(true);
      a.release();
      await waitUntil(() => roots(el).join() === 'other');

      // Over REST: the first endpoint never answers; moving to another aborts its request.
      const slow = await mockBackend({ comments: healthThread() }, http.get(/\/threads\/t1\/comments/, () => delay('infinite')));
      const rest = restAdapterFor(slow.endpoint);
      const signals: AbortSignal[] = [];
      const list = rest.listComments.bind(rest);
      rest.listComments = (q, o) => (signals.push(o!.signal!), list(q, o));
      el.thread = 't1';
      el.adapter = undefined;
      el.setAttribute('endpoint', slow.endpoint);
      await waitUntil(() => signals.length === 1);
      const fast = await mockBackend({ comments: [comment('x')] });
      el.setAttribute('endpoint', fast.endpoint);
      await el.updateComplete;
      expect(signals[0]!.aborted).to.equal(true);
      await waitUntil(() => roots(el).join() === 'x');
    });

    it('aborts when removed, and does not fetch again what the store holds when put back', async () => {
      const a = new Spy({ comments: healthThread() });
      a.hold = true;
      const el = await fixture<ExperienceComments>(html`<experience-comments thread="t1" .adapter=${a}></experience-comments>`);
      const parent = el.parentElement!;
      el.remove();
      expect(a.lists[0]!.o.signal!.aborted).to.equal(true);
      a.hold = false;
      parent.append(el);
      await ready(el);
      expect(a.lists).to.have.length(2);
      el.remove();
      parent.append(el);
      await el.updateComplete;
      await quietFor(20);
      expect(a.lists).to.have.length(2);
      expect(roots(el)).to.have.length(6);
    });

    it('with lazy, fetches nothing until an IntersectionObserver says it nears the viewport', async () => {
      // A stand-in observer: a test page in the background gets no intersection updates.
      const observers: { fire(hit: boolean): void; options?: IntersectionObserverInit; targets: Element[]; off: boolean }[] = [];
      const Real = window.IntersectionObserver;
      window.IntersectionObserver = class {
        targets: Element[] = [];
        off = false;
        constructor(private cb: IntersectionObserverCallback, public options?: IntersectionObserverInit) {
          observers.push(this);
        }
        observe(t: Element) {
          this.targets.push(t);
        }
        disconnect() {
          this.off = true;
        }
        fire(hit: boolean) {
          this.cb([{ isIntersecting: hit, target: this.targets[0] } as IntersectionObserverEntry], this as never);
        }
      } as never;
      try {
        const a = new Spy({ comments: healthThread() });
        const el = await fixture<ExperienceComments>(html`<experience-comments lazy thread="t1" .adapter=${a}></experience-comments>`);
        await quietFor();
        expect(a.lists).to.have.length(0);
        expect(observers).to.have.length(1);
        expect(observers[0]!.targets).to.deep.equal([el]);
        expect(observers[0]!.options?.rootMargin).to.match(/^\d+px$/);
        observers[0]!.fire(false);
        await quietFor(20);
        expect(a.lists).to.have.length(0);
        observers[0]!.fire(true);
        await ready(el);
        expect(a.lists).to.have.length(1);
        expect(observers[0]!.off).to.equal(true);
      } finally {
        window.IntersectionObserver = Real;
      }
    });

    it('with readonly, hides the composer and every action that writes', async () => {
      const el = await mount(new Spy({ comments: healthThread() }), { readonly: '' });
      expect(part(el, 'form')).to.equal(null);
      expect(parts(el, 'like-button')).to.have.length(0);
      expect(parts(el, 'reply-button')).to.have.length(0);
      expect(parts(el, 'report-button')).to.have.length(0);
      expect(text(article(el, 'c2')!.querySelector('[part~=likes]'))).to.equal('30 likes');
    });

    it('uses locale for times and numbers, from the attribute or the nearest lang', async () => {
      const many = Array.from({ length: 1200 }, (_, i) => comment(`m${i}`, { daysAgo: 5 * 365 + 1 }));
      const el = await mount(new Spy({ comments: many }), { locale: 'de', 'page-size': '1' });
      expect(text(part(el, 'count'))).to.equal('1.200 comments');
      expect(text(root(el).querySelector('time'))).to.equal('vor 5 Jahren');
      const box = fixtureSync(html`<div lang="es"><experience-comments thread="t1" .adapter=${new Spy({ comments: many })} page-size="1"></experience-comments></div>`);
      const es = box.firstElementChild as ExperienceComments;
      await ready(es);
      expect(text(root(es).querySelector('time'))).to.equal('hace 5 años');
    });

    it('renders under an invalid lang such as en_US, falling back to a locale Intl takes', async () => {
      const box = await fixture(html`<div lang="en_US"><experience-comments thread="t1" .adapter=${new Spy({ comments: healthThread() })}></experience-comments></div>`);
      const el = box.firstElementChild as ExperienceComments;
      await ready(el);
      expect(text(part(el, 'count'))).to.equal('12 comments');
      expect(text(root(el).querySelector('time'))).to.equal('2 hours ago');
    });

    it('replaces any string through the strings property, plural forms included', async () => {
      const el = await mount(new Spy({ comments: healthThread() }));
      el.strings = { count: { one: '# Kommentar', other: '# Kommentare' }, roleModerator: 'Moderation', reply: 'Antworten' };
      await el.updateComplete;
      expect(text(part(el, 'count'))).to.equal('12 Kommentare');
      expect(text(article(el, 'c2')!.querySelector('[part~=badge-moderator]'))).to.equal('Moderation');
      expect(text(action(el, 'c2', 'reply-button'))).to.equal('Antworten');
    });
  });

  describe('theming', () => {
    let el: ExperienceComments;
    beforeEach(async () => (el = await mount(new Spy({ comments: healthThread() }))));
    const bg = (e: Element) => getComputedStyle(e).backgroundColor;

    it('reflects theme, with light and dark colours and auto following the reader\'s scheme', async () => {
      expect(el.getAttribute('theme')).to.equal('auto');
      const light = bg(el);
      el.theme = 'dark';
      await el.updateComplete;
      expect(el.getAttribute('theme')).to.equal('dark');
      const dark = bg(el);
      expect(dark).not.to.equal(light);
      await expect(el).to.be.accessible();
      el.theme = 'auto';
      await el.updateComplete;
      expect(bg(el)).to.equal(light);
      await emulateMedia({ colorScheme: 'dark' });
      expect(bg(el)).to.equal(dark);
      el.theme = 'light';
      await el.updateComplete;
      expect(bg(el)).to.equal(light);
    });

    it('takes every --experience-* custom property from the page', async () => {
      const style = document.createElement('style');
      style.textContent = `experience-comments {
        --experience-accent: rgb(1, 2, 3); --experience-text: rgb(4, 5, 6); --experience-muted: rgb(7, 8, 9);
        --experience-surface: rgb(10, 11, 12); --experience-border: rgb(13, 14, 15); --experience-radius: 3px;
        --experience-font: italic 13px serif; --experience-indent: 40px;
        --experience-badge-moderator-bg: rgb(16, 17, 18); --experience-badge-author-bg: rgb(19, 20, 21);
      }`;
      document.head.append(style);
      try {
        const css = (e: Element) => getComputedStyle(e);
        const c2 = article(el, 'c2')!;
        expect(css(action(el, 'c2', 'reply-button')!).color).to.equal('rgb(1, 2, 3)');
        expect(css(c2).color).to.equal('rgb(4, 5, 6)');
        expect(css(c2.querySelector('time')!).color).to.equal('rgb(7, 8, 9)');
        expect(css(el).backgroundColor).to.equal('rgb(10, 11, 12)');
        // The thread line of the replies (comments are no longer cards with borders, issue #15).
        expect(css(item(el, 'c2')!.parentElement!).borderInlineStartColor).to.equal('rgb(13, 14, 15)');
        expect(css(c2).borderTopLeftRadius).to.equal('3px');
        expect(css(c2).fontStyle).to.equal('italic');
        expect(css(c2).fontSize).to.equal('13px');
        expect(css(item(el, 'c2')!.parentElement!).marginInlineStart).to.equal('40px');
        expect(css(c2.querySelector('[part~=badge-moderator]')!).backgroundColor).to.equal('rgb(16, 17, 18)');
        expect(css(c2.querySelector('[part~=badge-author]')!).backgroundColor).to.equal('rgb(19, 20, 21)');
      } finally {
        style.remove();
      }
    });

    it('exposes its parts to ::part()', async () => {
      const style = document.createElement('style');
      style.textContent = 'experience-comments::part(badge-moderator) { outline: 3px solid rgb(200, 0, 0); }';
      document.head.append(style);
      try {
        expect(getComputedStyle(article(el, 'c2')!.querySelector('[part~=badge-moderator]')!).outlineColor).to.equal('rgb(200, 0, 0)');
      } finally {
        style.remove();
      }
      const all = new Set([...root(el).querySelectorAll('[part]')].flatMap((e) => e.getAttribute('part')!.split(' ')));
      for (const p of ['header', 'count', 'sort', 'list', 'comment', 'avatar', 'author', 'badge', 'badge-moderator', 'badge-author', 'timestamp',
        'body', 'actions', 'reply-button', 'like-button', 'replies', 'toggle', 'form', 'textarea', 'submit', 'status']) {
        expect(all, p).to.include(p);
      }
    });

    it('stops the skeleton\'s animation under prefers-reduced-motion', async () => {
      const a = new Spy({ comments: healthThread() });
      a.hold = true;
      const loading = await fixture<ExperienceComments>(html`<experience-comments thread="t1" .adapter=${a}></experience-comments>`);
      const bone = skeleton(loading)[0]!;
      expect(getComputedStyle(bone).animationName).to.equal('pulse');
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(getComputedStyle(bone).animationName).to.equal('none');
      a.release();
    });
  });
});
