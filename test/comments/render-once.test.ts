import { expect, fixture, html } from '@open-wc/testing';
import type { ExperienceComments, Session } from '../../src/index.js';
import { comment, part, root, Spy } from './helpers.js';
import { until } from '../helpers/wait.js';

/**
 * A cold load draws each comment once (#13): a first page that comes before the session waits
 * for it a moment, so that its comments are drawn with their actions instead of drawn and then
 * drawn again when the session arrives; and a time's absolute form is written only when wanted.
 */

/** A backend whose session answers `late` ms after it is asked (the comments at once). */
class LateSession extends Spy {
  constructor(private late: number) {
    super({ comments: Array.from({ length: 12 }, (_, i) => comment(`c${i}`, { daysAgo: i + 1 })) });
  }

  override async getSession(): Promise<Session> {
    await new Promise((r) => setTimeout(r, this.late));
    return { viewer: { id: 'me', name: 'Me' }, allowAnonymous: false, maxLength: 5000 };
  }
}

/** Mounts the thread and counts the articles added to its shadow root, and every change inside one once drawn. */
async function watch(adapter: Spy) {
  const added = { articles: 0, changed: 0 };
  const el = await fixture<ExperienceComments>(html`<experience-comments thread="t1" .adapter=${adapter}></experience-comments>`);
  const count = (r: MutationRecord) => {
    // A change inside a comment already drawn: drawn again, in part.
    if ((r.target as Element).closest?.('article')) added.changed++;
    for (const n of r.addedNodes) {
      if (n instanceof Element) added.articles += n.matches('article') ? 1 : n.querySelectorAll('article').length;
    }
  };
  new MutationObserver((records) => records.forEach(count)).observe(root(el), { childList: true, subtree: true, attributes: true, characterData: true });
  return { el, added };
}

describe('<experience-comments> drawn once on a cold load', () => {
  it('draws each comment once, with its actions, when the session comes shortly after the comments', async () => {
    const { el, added } = await watch(new LateSession(40));
    await until(() => root(el).querySelectorAll('[part~=like-button]').length === 12, 'every like button shows');
    await new Promise((r) => setTimeout(r, 100));
    expect(added.articles).to.equal(12);
    // Drawn with the session's rights, not without them and then changed.
    expect(added.changed).to.equal(0);
  });

  it('does not hold the comments for a session that is slow: they show, and their actions come with it', async () => {
    const { el } = await watch(new LateSession(1500));
    await until(() => root(el).querySelectorAll('article').length === 12, 'the comments show before the session', 1000);
    expect(root(el).querySelectorAll('[part~=like-button]').length).to.equal(0);
    await until(() => root(el).querySelectorAll('[part~=like-button]').length === 12, 'the actions come with the session', 3000);
  });

  it('writes a time\'s absolute form when it is hovered or focused, not for every comment drawn', async () => {
    const { el } = await watch(new LateSession(0));
    await until(() => part(el, 'timestamp'));
    const times = [...root(el).querySelectorAll<HTMLTimeElement>('[part~=timestamp]')];
    expect(times.filter((t) => t.title)).to.have.length(0);
    times[3]!.focus();
    expect(times[3]!.title).to.match(/\d{4}/);
    expect(times[3]!.dataset.absolute).to.equal(times[3]!.title);
    expect(times.filter((t) => t.title)).to.have.length(1);
  });

  it('keeps a comment\'s text and time as they are when only its likes change, so that nothing drawn moves', async () => {
    const { el } = await watch(new LateSession(0));
    await until(() => root(el).querySelectorAll('[part~=like-button]').length === 12, 'every like button shows');
    const first = root(el).querySelector('article')!;
    const body = first.querySelector('[part~=body]');
    const time = first.querySelector('[part~=timestamp]');
    first.querySelector<HTMLButtonElement>('[part~=like-button]')!.click();
    await until(() => first.querySelector('[part~=like-button]')!.getAttribute('aria-pressed') === 'true', 'the like shows');
    await el.updateComplete;
    expect(first.querySelector('[part~=body]')).to.equal(body);
    expect(first.querySelector('[part~=timestamp]')).to.equal(time);
  });
});
