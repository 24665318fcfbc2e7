import { expect, waitUntil } from '@open-wc/testing';
import { a11ySnapshot, sendKeys } from '@web/test-runner-commands';
import type { ExperienceComments, Viewer } from '../../src/index.js';
import { action, article, button, comment, focused, item, mount, panel, part, root, Spy, status, text } from './helpers.js';

/** A node of the accessibility tree, as @web/test-runner-commands' a11ySnapshot gives it. */
interface AxNode {
  role: string;
  name: string;
  level?: number;
  pressed?: boolean | 'mixed';
  children?: AxNode[];
}

const all = (n: AxNode): AxNode[] => [n, ...(n.children ?? []).flatMap(all)];
const tree = async (el: Element) => (await a11ySnapshot({ selector: el.localName })) as unknown as AxNode;
const named = (nodes: AxNode[], role: string) => nodes.filter((n) => n.role === role).map((n) => n.name);

const EZRA = { id: 'ezra', name: 'Ezra Goldstein' };
const ME: Viewer = { id: 'me', name: 'Me' };
const MODERATOR: Viewer = { id: 'mod', name: 'Mo', roles: ['moderator'] };

/** Ezra's root with a reply, the reader's own comment, and comments whose ids no HTML id could hold. */
const thread = () => [
  comment('e1', { daysAgo: 3, author: EZRA, likes: 3 }),
  comment('e2', { daysAgo: 2, parentId: 'e1', author: { id: 'ana', name: 'Ana' } }),
  comment('mine', { daysAgo: 1, author: { id: 'me', name: 'Me' }, viewerCanEdit: true }),
  comment('a b', { daysAgo: 4, author: { id: 'x', name: 'X' } }),
  comment('a_20_b', { daysAgo: 5, author: { id: 'y', name: 'Y' } }),
  comment('a b/reply', { daysAgo: 0.5, parentId: 'a b' }),
  comment('a_20_b/reply', { daysAgo: 0.5, parentId: 'a_20_b' }),
];

describe('<experience-comments> accessible names', () => {
  it('names every action for whose comment it acts on, starting with its visible text', async () => {
    const el = await mount(new Spy({ comments: thread(), viewer: ME }));
    const buttons = named(all(await tree(el)), 'button');
    expect(buttons).to.include.members([
      "Like Ezra Goldstein's comment", 'Reply to Ezra Goldstein', "Report Ezra Goldstein's comment",
      'Reply to Ana', 'Edit your comment', 'Delete your comment',
    ]);
    // No two comments' buttons share a name.
    const actions = buttons.filter((b) => /^(Like|Reply|Report)\b/.test(b));
    expect(new Set(actions).size).to.equal(actions.length);
    // Label in name: the visible text begins the name (voice control).
    for (const b of root(el).querySelectorAll<HTMLButtonElement>('[part~=actions] button')) {
      expect(b.getAttribute('aria-label')!.startsWith(text(b)), text(b)).to.equal(true);
    }
    await expect(el).to.be.accessible();
  });

  it('says a liked comment is pressed, and shows it by a filled heart in another colour', async () => {
    const el = await mount(new Spy({ comments: thread(), viewer: ME }));
    const like = action(el, 'e1', 'like-button')!;
    const heart = () => getComputedStyle(like, '::before').content;
    const before = { heart: heart(), color: getComputedStyle(like).color };
    like.click();
    await waitUntil(() => like.getAttribute('aria-pressed') === 'true');
    const node = all(await tree(el)).find((n) => n.name === "Like Ezra Goldstein's comment");
    expect(node).to.include({ role: 'button', pressed: true });
    expect(before.heart).to.contain('♡');
    expect(heart()).to.contain('♥');
    expect(getComputedStyle(like).color).not.to.equal(before.color);
    await expect(el).to.be.accessible();
  });

  it('names the moderator\'s buttons for whose comment they act on', async () => {
    const comments = [...thread(), comment('held', { status: 'pending', author: EZRA })];
    const el = await mount(new Spy({ comments, viewer: MODERATOR }));
    await waitUntil(() => item(el, 'held'));
    const buttons = named(all(await tree(el)), 'button');
    expect(buttons).to.include.members([
      "Approve Ezra Goldstein's comment", "Reject Ezra Goldstein's comment", "Delete Ezra Goldstein's comment", "Pin Ezra Goldstein's comment",
    ]);
    expect(action(el, 'held', 'reject-button')!.classList.contains('danger')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('gives each comment a heading under the section\'s', async () => {
    const el = await mount(new Spy({ comments: thread(), viewer: ME }));
    const headings = all(await tree(el)).filter((n) => n.role === 'heading');
    expect(headings[0]).to.include({ level: 2, name: '7 comments' });
    expect(headings.slice(1).map((h) => h.level)).to.deep.equal(Array(7).fill(3));
    expect(headings.slice(1).map((h) => h.name)).to.include.members(['Ezra Goldstein', 'Ana', 'Me']);
  });

  it('ties each toggle to the list it hides, by an id valid and unique whatever the comment id', async () => {
    const el = await mount(new Spy({ comments: thread(), viewer: ME }));
    const toggles = [...root(el).querySelectorAll<HTMLElement>('[part~=toggle]')];
    expect(toggles).to.have.length(3);
    const ids = toggles.map((t) => t.getAttribute('aria-controls')!);
    expect(new Set(ids).size).to.equal(3);
    for (const [i, id] of ids.entries()) {
      expect(id).to.match(/^[A-Za-z][\w-]*$/);
      const list = root(el).getElementById(id)!;
      expect(list.getAttribute('part')).to.equal('replies');
      expect(list.parentElement).to.equal(toggles[i]!.parentElement);
    }
    toggles[0]!.click();
    await el.updateComplete;
    expect(toggles[0]!.getAttribute('aria-expanded')).to.equal('false');
    expect(root(el).getElementById(ids[0]!)!.hidden).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows the absolute time when the time gets the focus from the keyboard', async () => {
    const el = await mount(new Spy({ comments: thread(), viewer: ME }));
    const time = article(el, 'e1')!.querySelector('time')!;
    action(el, 'mine', 'delete-button')!.focus();
    for (let i = 0; i < 40 && focused(el) !== time; i++) await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(time);
    expect(getComputedStyle(time, '::after').content).to.contain(time.title);
    expect(time.title).to.match(/2026/);
  });

  it('announces a change of order once the comments in it are there', async () => {
    const el = await mount(new Spy({ comments: thread(), viewer: ME }));
    const sort = part(el, 'sort') as HTMLSelectElement;
    sort.value = 'oldest';
    sort.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => status(el) === 'Sorted by Oldest', `the status said "${status(el)}"`);
  });

  it('moves the focus after a delete to the next comment, else the previous one', async () => {
    const el = await mount(new Spy({ comments: [comment('first', { daysAgo: 2 }), comment('last', { daysAgo: 3, viewerCanEdit: true })], viewer: ME }));
    expect(item(el, 'last')!.nextElementSibling).to.equal(null);
    action(el, 'last', 'delete-button')!.click();
    await el.updateComplete;
    button(panel(el, 'last')!, 'Delete')!.click();
    await waitUntil(() => item(el, 'last') === null);
    expect(focused(el)).to.equal(article(el, 'first'));
    expect(status(el)).to.equal('Your comment was deleted.');
  });
});

describe('<experience-comments> composer', () => {
  async function guest(): Promise<ExperienceComments> {
    return mount(new Spy({ comments: thread(), viewer: null, allowAnonymous: true } as ConstructorParameters<typeof Spy>[0]));
  }

  it('points aria-describedby only at ids that exist', async () => {
    const el = await guest();
    const check = () => {
      for (const field of root(el).querySelectorAll('[aria-describedby]')) {
        for (const id of field.getAttribute('aria-describedby')!.split(/\s+/).filter(Boolean)) {
          expect(root(el).getElementById(id), `${field.localName} names #${id}`).to.not.equal(null);
        }
      }
    };
    check();
    part(el, 'submit')!.click();
    await waitUntil(() => part(el, 'error'));
    check();
    await expect(el).to.be.accessible();
  });

  it('is one line until it has the focus, then shows the name and the buttons, and keeps what was typed', async () => {
    const el = await guest();
    const textarea = part(el, 'textarea') as HTMLTextAreaElement;
    const name = part(el, 'name-input')!;
    // What holds the field or button (its label, the row of buttons) is a 1px clip while hidden.
    const shown = (e: Element) => e.closest('label, div')!.getBoundingClientRect().width > 1;
    expect(shown(name)).to.equal(false);
    expect(shown(part(el, 'submit')!)).to.equal(false);
    expect(textarea.getBoundingClientRect().height).to.be.below(48);
    part(el, 'sort')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(textarea);
    expect(shown(name)).to.equal(true);
    await sendKeys({ type: 'Kept' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(name);
    await sendKeys({ type: 'Noor' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(part(el, 'submit'));
    action(el, 'e1', 'reply-button')!.focus();
    await el.updateComplete;
    expect(textarea.value).to.equal('Kept');
    expect(shown(part(el, 'submit')!), 'the buttons stay while there is text').to.equal(true);
    // Focused directly (a script, a screen reader's form mode), the name field shows too.
    const other = await guest();
    part(other, 'name-input')!.focus();
    expect(shown(part(other, 'name-input')!)).to.equal(true);
  });

  it('shows the keyboard hint only with a fine pointer, with ⌘ on Apple systems', async () => {
    const fine = matchMedia('(hover: hover) and (pointer: fine)').matches;
    let el = await mount(new Spy({ comments: thread(), viewer: ME }));
    part(el, 'textarea')!.focus();
    await el.updateComplete;
    expect(getComputedStyle(part(el, 'hint')!).display === 'none').to.equal(!fine);
    expect(text(part(el, 'hint'))).to.equal('Ctrl+Enter to send');
    Object.defineProperty(navigator, 'userAgentData', { value: { platform: 'macOS' }, configurable: true });
    try {
      el = await mount(new Spy({ comments: thread(), viewer: ME }));
      expect(text(part(el, 'hint'))).to.equal('⌘+Enter to send');
    } finally {
      delete (navigator as { userAgentData?: unknown }).userAgentData;
    }
  });
});
