/**
 * Memory (issue #13): a removed widget, and a thread no element shows any more, are garbage. Each
 * case mounts a widget, removes it, lets its stores let go, collects garbage (Chromium runs with
 * `--js-flags=--expose-gc`) and checks a WeakRef to what should be gone. Failing before: the thread
 * store kept the AbortController of its last read, whose DOMException's stack held the element.
 */
import { expect } from '@open-wc/testing';
import { MemoryAdapter, type ExperienceComments } from '../../src/index.js';
import { RELEASE_MS, threadStore } from '../../src/stores/thread.js';
import { healthThread } from '../comments/helpers.js';
import { poll } from '../helpers/fixtures.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `check()` holds. Not open-wc's `waitUntil`, which keeps its last predicate (and what it reads). */
async function settled(check: () => unknown): Promise<void> {
  for (let i = 0; !check(); i++) {
    if (i > 300) throw new Error('it never got there');
    await sleep(10);
  }
}
const shown = (el: Element) => () => el.shadowRoot?.querySelector('[part~=list], [part~=question]');

/**
 * `<tag>` with `props`, in the page. Not open-wc's `fixture`, whose wrapper's template keeps the
 * element it rendered.
 */
function mount<T extends HTMLElement>(tag: string, props: Record<string, unknown>, inner?: string): T {
  const el = document.createElement(tag) as T;
  for (const [k, v] of Object.entries(props)) (el as Record<string, unknown>)[k] = v;
  if (inner) el.innerHTML = inner;
  document.body.append(el);
  return el;
}

/** Whether `ref`'s target is collected, after the stores' release delay and a few collections. */
async function collected(ref: WeakRef<object>): Promise<boolean> {
  const gc = (window as unknown as { gc?: (options: { type: 'major'; execution: 'async' }) => Promise<void> }).gc;
  if (!gc) throw new Error('run Chromium with --js-flags=--expose-gc');
  await sleep(RELEASE_MS + 100);
  // deref() keeps its target alive until the end of the task, and a collection called from script
  // scans the stack conservatively (a stale word there keeps an element alive, now and then):
  // collect in tasks of their own, with no script on the stack.
  for (let i = 0; i < 3; i++) await gc({ type: 'major', execution: 'async' });
  return ref.deref() === undefined;
}

/** The comments of `adapter`'s thread t1 in `<experience-comments>`, shown, then removed: the element and its store. */
async function showAndRemove(adapter: MemoryAdapter, wait = true): Promise<WeakRef<object>[]> {
  const el = mount<ExperienceComments>('experience-comments', { thread: 't1', adapter });
  if (wait) await settled(shown(el));
  else await el.updateComplete;
  const refs = [new WeakRef(el), new WeakRef(threadStore(adapter, 't1'))];
  el.remove();
  return refs;
}

// Each case makes what it checks in a function of its own that has returned: a suspended async
// function keeps its locals alive.
describe('memory after removal', function () {
  this.timeout(10000);

  it('lets a removed <experience-comments> go, with the thread it showed', async () => {
    const [el, store] = await showAndRemove(new MemoryAdapter({ viewer: { id: 'me', name: 'Me' }, comments: healthThread() }));
    expect(await collected(el!)).to.equal(true);
    expect(await collected(store!)).to.equal(true);
  });

  it('lets an element go that was removed while its first page was loading', async () => {
    const adapter = new MemoryAdapter({ comments: healthThread(), latency: 200 });
    const [el] = await showAndRemove(adapter, false);
    await sleep(300);
    expect(await collected(el!)).to.equal(true);
  });

  it('forgets a thread store nobody watches, while the adapter lives on', async () => {
    const adapter = new MemoryAdapter({ comments: healthThread() });
    const watchAndStop = async () => {
      const store = threadStore(adapter, 't1');
      const stop = store.listen(() => {});
      await settled(() => store.get().status === 'ready');
      stop();
      expect(threadStore(adapter, 't1') === store).to.equal(true);
      return new WeakRef(store);
    };
    const ref = await watchAndStop();
    expect(await collected(ref)).to.equal(true);
    expect(threadStore(adapter, 't1').get().status).to.equal('loading');
  });

  it('lets a removed <article-poll> go', async () => {
    const showPoll = async () => {
      const el = mount('article-poll', { poll: 'p1', adapter: new MemoryAdapter({ polls: [poll('p1')] }) });
      await settled(shown(el));
      el.remove();
      return new WeakRef(el);
    };
    expect(await collected(await showPoll())).to.equal(true);
  });

  it('lets a removed <experience-provider> go, with the widgets inside it', async () => {
    const showProvider = async () => {
      const el = mount('experience-provider', { adapter: new MemoryAdapter({ comments: healthThread() }) }, '<experience-comments thread="t1"></experience-comments>');
      const comments = el.querySelector('experience-comments')!;
      await settled(shown(comments));
      el.remove();
      return [new WeakRef(el), new WeakRef(comments)];
    };
    const [provider, inner] = await showProvider();
    expect(await collected(provider!)).to.equal(true);
    expect(await collected(inner!)).to.equal(true);
  });
});
