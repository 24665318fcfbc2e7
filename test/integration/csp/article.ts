import type { ReactiveElement } from 'lit';
import { addScriptTag, fetched, LOADER, probe, report, startBackend, until } from './page.js';

/**
 * A long German article with a poll at the top and the comments at the end, more than a screen
 * below: the loader fetches the poll's chunk and the German table at once, the comments' chunk
 * only once they are scrolled to. It records where each widget and the text after it were while
 * the widget waited for its code (the box the loader reserved) and once it upgraded.
 */
const poll = document.querySelector('article-poll')!;
const comments = document.querySelector('experience-comments')!;

/** An element's height and its top in the page (scrolling does not move it). */
function box(el: Element): { top: number; height: number } {
  const { top, height } = el.getBoundingClientRect();
  return { top: top + scrollY, height };
}

/** The boxes of a widget and of the text after it now, and once the widget has rendered its first state. */
async function upgrade(widget: Element): Promise<{ waiting: object[]; upgraded: object[] }> {
  const next = widget.nextElementSibling!;
  const waiting = [box(widget), box(next)];
  await customElements.whenDefined(widget.localName);
  await (widget as ReactiveElement).updateComplete;
  return { waiting, upgraded: [box(widget), box(next)] };
}

report(async () => {
  await startBackend();
  await addScriptTag(LOADER);
  // The loader has run and nothing is defined yet: the chunks are still on their way.
  probe.definedAtOnce = ['article-poll', 'experience-comments'].filter((tag) => customElements.get(tag));
  probe.poll = await upgrade(poll);
  await until(() => poll.shadowRoot?.textContent?.includes('Abstimmen'), 'the poll renders in German');
  probe.steps.push('poll');

  // The comments are far below: their chunk waits, however long the page stays unscrolled.
  await new Promise((r) => setTimeout(r, 300));
  probe.beforeScroll = fetched();
  probe.commentsDefined = !!customElements.get('experience-comments');
  comments.scrollIntoView();
  probe.comments = await upgrade(comments);
  await until(() => comments.shadowRoot?.textContent?.includes('Walking after dinner helped me.'), 'the comments render');
  probe.heading = comments.shadowRoot!.querySelector('h2')!.textContent;
  probe.steps.push('comments');
});
