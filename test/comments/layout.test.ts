import { expect } from '@open-wc/testing';
import type { ExperienceComments } from '../../src/index.js';
import { until } from '../helpers/wait.js';
import { article, comment, item, parts, ready, root, Spy } from './helpers.js';

/** The widths a reader's widget may have: a narrow phone (or 400 % zoom) to a wide screen. */
const WIDTHS = [280, 320, 390, 768, 1280];

const SENTENCE = 'Marguerite replied thoughtfully about the neighbourhood library reopening';
const LONG_WORD = 'Pneumonoultramicroscopicsilicovolcanoconiosisandsupercalifragilistic';

/** A root and replies seven levels deep, with badges, a long name, a long word and a held comment. */
const deep = () => [
  comment('d1', { daysAgo: 7, author: { id: 'm', name: 'Marguerite Featherstonehaugh-Wolfeschlegel', roles: ['moderator', 'author'] }, body: SENTENCE }),
  ...[2, 3, 4, 5, 6, 7].map((n) => comment(`d${n}`, {
    daysAgo: 7 - n / 10,
    parentId: `d${n - 1}`,
    author: { id: `p${n}`, name: n === 7 ? 'Ezra Goldstein' : `Person ${n}`, roles: n === 3 ? ['nurse'] : [] },
    body: n === 5 ? `${LONG_WORD} ${SENTENCE}` : SENTENCE,
  })),
  comment('held', { daysAgo: 0.1, parentId: 'd7', status: 'pending', author: { id: 'me', name: 'Me' }, viewerCanEdit: true, body: SENTENCE }),
];

/** The widest of twelve "0" in `el`'s font: the narrowest a text column may be. */
function twelveCh(el: Element): number {
  const ctx = document.createElement('canvas').getContext('2d')!;
  ctx.font = getComputedStyle(el).font;
  return 12 * ctx.measureText('0').width;
}

/** The words of `el`'s text that the layout broke across lines (each is one box when whole). */
function brokenWords(el: Element, except: string[] = []): string[] {
  const broken: string[] = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    // A break after a hyphen is a line break opportunity, not a word broken inside.
    for (const m of node.data.matchAll(/[^\s-]+/g)) {
      if (except.includes(m[0])) continue;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}

/** The frames a ResizeObserver and the update after it need. */
const settle = async (el: ExperienceComments) => {
  for (let i = 0; i < 3; i++) await new Promise(requestAnimationFrame);
  await el.updateComplete;
};

describe('<experience-comments> layout by its own width', () => {
  let el: ExperienceComments;
  before(async () => {
    // One element for the whole file (a fixture is removed after each test).
    el = document.createElement('experience-comments');
    el.thread = 't1';
    el.maxDepth = 7;
    el.adapter = new Spy({ comments: deep(), viewer: { id: 'me', name: 'Me' } });
    document.body.append(el);
    await ready(el);
    await until(() => item(el, 'held'), 'the held comment did not show');
  });
  after(() => el.remove());

  for (const width of WIDTHS) {
    it(`keeps every text column at least 12 characters wide at ${width} px, seven levels deep`, async () => {
      el.style.width = `${width}px`;
      await settle(el);
      expect(el.getBoundingClientRect().width).to.equal(width);
      for (const body of parts(el, 'body')) {
        const { width: column } = body.getBoundingClientRect();
        expect(column, `${body.closest('li')!.dataset.id} at ${width} px`).to.be.at.least(twelveCh(body));
        // Nothing sticks out of the element.
        expect(body.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right + 0.5);
      }
    });

    it(`breaks no word inside but one longer than its column at ${width} px`, async () => {
      el.style.width = `${width}px`;
      await settle(el);
      for (const id of ['d1', 'd3', 'd5', 'd7', 'held']) {
        const a = article(el, id)!;
        expect(brokenWords(a.querySelector('[part~=body]')!, [LONG_WORD]), `${id} at ${width} px`).to.deep.equal([]);
        expect(brokenWords(a.querySelector('[part~=meta]')!), `the meta line of ${id} at ${width} px`).to.deep.equal([]);
        expect(brokenWords(a.querySelector('[part~=actions]') ?? a), `the actions of ${id} at ${width} px`).to.deep.equal([]);
      }
    });
  }

  it('nests two levels under 360 px, three under 560 px and max-depth wider, the rest marked as replies', async () => {
    const deepestLevel = () => Math.max(...[...root(el).querySelectorAll('li')].map((li) => Number(li.getAttribute('aria-level'))));
    const levels: Record<number, number> = {};
    for (const width of WIDTHS) {
      el.style.width = `${width}px`;
      await settle(el);
      levels[width] = deepestLevel();
    }
    expect(levels).to.deep.equal({ 280: 2, 320: 2, 390: 3, 768: 7, 1280: 7 });
    el.style.width = '320px';
    await settle(el);
    expect(article(el, 'd7')!.querySelector('[part~=replying-to]')!.textContent).to.contain('Person 6');
    await expect(el).to.be.accessible();
  });

  it('keeps the time on the line of the name when the comment replies to someone', async () => {
    el.style.width = '390px';
    await settle(el);
    const a = article(el, 'd7')!;
    const name = a.querySelector('[part~=author]')!.getBoundingClientRect();
    const time = a.querySelector('time')!.getBoundingClientRect();
    expect(Math.abs(time.top - name.top)).to.be.below(name.height / 2);
  });

  it('shows "Awaiting moderation" as a badge with a background of its own', async () => {
    const pending = article(el, 'held')!.querySelector('[part~=pending]')!;
    expect(getComputedStyle(pending).backgroundColor).not.to.equal('rgba(0, 0, 0, 0)');
  });
});
