import { expect } from '@open-wc/testing';
import { a11ySnapshot, sendKeys } from '@web/test-runner-commands';
import { article, comment, focused, mount, Spy } from './helpers.js';

/**
 * A reader reaches every comment of a long thread, however far below the viewport: screen readers
 * have it in the accessibility tree (`content-visibility: auto` on the threads, tried for #13, left
 * the far ones out of it in Chromium), find-in-page finds it, the keyboard and an anchor take the
 * page to it, and it shows once there.
 */
interface AxNode {
  role: string;
  name: string;
  children?: AxNode[];
}
const all = (n: AxNode): AxNode[] => [n, ...(n.children ?? []).flatMap(all)];

describe('<experience-comments> comments far below the viewport', () => {
  const thread = () => Array.from({ length: 60 }, (_, i) => comment(`c${i}`, { daysAgo: i + 1, author: { id: `u${i}`, name: `Reader ${i}` }, body: `Word${i} of the thread.` }));

  it('gives them to screen readers, find-in-page, the keyboard and anchors', async () => {
    const el = await mount(new Spy({ comments: thread(), viewer: { id: 'me', name: 'Me' } }), { 'page-size': '60' });
    const last = article(el, 'c59')!;
    expect(last.getBoundingClientRect().top).to.be.above(innerHeight);

    const headings = all((await a11ySnapshot({ selector: 'experience-comments' })) as unknown as AxNode).filter((n) => n.role === 'heading').map((n) => n.name);
    expect(headings).to.include('Reader 59');

    expect((window as unknown as { find(text: string): boolean }).find('Word59 of the thread')).to.equal(true);
    getSelection()?.removeAllRanges();

    // The keyboard: from the last comment's time, Tab reaches its Like button.
    last.querySelector<HTMLElement>('[part~=timestamp]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.getAttribute('part')).to.equal('like-button');
    expect(focused(el)!.getBoundingClientRect().height).to.be.above(0);

    // An anchor (or focusOn): scrolled to, it is laid out where the reader is.
    last.scrollIntoView();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const box = last.getBoundingClientRect();
    expect(box.top).to.be.within(-1, innerHeight);
    expect(last.textContent).to.contain('Word59 of the thread.');
  });
});
