/**
 * The benchmark page: mounts a 1,000-comment thread (300 roots, replies to depth 4) in
 * `<experience-comments>` and builds the same markup with plain DOM calls, each timed from the
 * start until the page is laid out (a layout property is read before the clock stops).
 * `window.bench()` returns the figures; test/bench/render.mjs drives it.
 */
import '../../../src/index.js';
import type { Comment, CommentsAdapter, ExperienceComments, ThreadEvent } from '../../../src/index.js';

const ROOTS = 300;
const TOTAL = 1000;
const DAY = 86_400_000;

/** 300 roots, then replies spread over them, each reply under a random earlier comment of depth < 4. */
function makeThread(): Comment[] {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const names = ['Ana Lima', 'Ben Okafor', 'Chen Wei', 'Dana Cohen', 'Eli Novak', 'Fatima Zahra', 'Gus Berg'];
  const out: (Comment & { depth: number })[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const parent = i < ROOTS ? null : (() => {
      for (;;) {
        const p = out[Math.floor(rand() * out.length)]!;
        if (p.depth < 4) return p;
      }
    })();
    const name = names[i % names.length]!;
    out.push({
      id: `c${i}`,
      threadId: 'bench',
      parentId: parent?.id ?? null,
      author: { id: `u${i % 40}`, name, roles: i % 50 === 0 ? ['moderator', 'author'] : [] },
      body: `Comment ${i}. I had the same experience after the surgery; it took weeks before I could walk without pain.\nSee https://example.org/recovery for the guide.`,
      createdAt: new Date(Date.now() - (TOTAL - i) * DAY).toISOString(),
      status: 'published',
      likes: i % 7,
      depth: parent ? parent.depth + 1 : 0,
    });
  }
  return out.map(({ depth: _depth, ...c }) => c);
}

type BenchAdapter = CommentsAdapter & { emit(e: ThreadEvent): void; answered: number };

/**
 * A fresh backend: with `limit`, pages by roots as a server does (else everything in one page);
 * the session answers a little after the comments, as on a cold page load.
 */
function benchAdapter(comments: Comment[], paged = false): BenchAdapter {
  const listeners = new Set<(e: ThreadEvent) => void>();
  const roots = comments.filter((c) => c.parentId === null);
  const a: BenchAdapter = {
    answered: 0,
    listComments: async ({ limit }) => {
      const page = paged ? new Set(roots.slice(0, limit).map((c) => c.id)) : null;
      const under = (c: Comment): boolean => !page || (c.parentId === null ? page.has(c.id) : under(comments[Number(c.parentId.slice(1))]!));
      const chosen = comments.filter(under);
      await new Promise((r) => setTimeout(r, 0));
      a.answered = performance.now();
      return { comments: structuredClone(chosen), nextCursor: paged ? 'next' : null, total: comments.length };
    },
    getSession: () => new Promise((r) => setTimeout(() => r({ viewer: { id: 'me', name: 'Me' }, allowAnonymous: false, maxLength: 5000 }), 30)),
    createComment: async () => { throw new Error('not in the benchmark'); },
    react: async () => { throw new Error('not in the benchmark'); },
    report: async () => undefined,
    subscribe: (_thread, on) => (listeners.add(on), () => listeners.delete(on)),
    emit: (e) => listeners.forEach((l) => l(e)),
  };
  return a;
}

const settle = (ms = 50) => new Promise((r) => setTimeout(r, ms));
const frame = () => new Promise((r) => requestAnimationFrame(r));
const gc = () => (window as unknown as { gc?: () => void }).gc?.();
const heap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
const count = (el: Element, selector: string) => el.shadowRoot?.querySelectorAll(selector).length ?? 0;

/**
 * Waits until `done()`, checked after every change of the element's shadow root (a
 * MutationObserver, whose callback runs right after the change, in the same task), then forces
 * style and layout there: the time until the page is laid out, as the baseline's, with no paint
 * and no polling of the benchmark's own counted.
 */
function until(el: ExperienceComments, done: () => boolean): Promise<number> {
  const laidOut = () => {
    void document.body.offsetHeight;
    return performance.now();
  };
  if (done()) return Promise.resolve(laidOut());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('the benchmark page never got there'));
    }, 10_000);
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(laidOut());
    });
    observer.observe(el.shadowRoot!, { childList: true, subtree: true, attributes: true });
  });
}

/**
 * Mounts the thread: `first` is when every comment is in the shadow root and laid out, `settled`
 * when every comment's like button is too (the session came).
 */
async function mountElement(adapter: BenchAdapter) {
  const el = document.createElement('experience-comments') as ExperienceComments;
  el.setAttribute('thread', 'bench');
  el.setAttribute('page-size', String(ROOTS));
  el.adapter = adapter;
  const start = performance.now();
  document.body.append(el);
  const first = (await until(el, () => count(el, 'article') >= TOTAL)) - start;
  const settled = (await until(el, () => count(el, '[part~=like-button]') >= TOTAL)) - start;
  return { el, first, settled };
}

type Markup = { tag: string; attrs: [string, string][]; kids: (Markup | string)[] };

function describe(n: Element): Markup {
  return {
    tag: n.localName,
    attrs: [...n.attributes].map((a) => [a.name, a.value]),
    kids: [...n.childNodes].flatMap((k): (Markup | string)[] => (k instanceof Element ? [describe(k)] : k.nodeType === 3 ? [k.textContent ?? ''] : [])),
  };
}

function build(n: Markup): Element {
  const e = document.createElement(n.tag);
  for (const [k, v] of n.attrs) e.setAttribute(k, v);
  for (const k of n.kids) e.append(typeof k === 'string' ? document.createTextNode(k) : build(k));
  return e;
}

/** The same markup and styles, built with createElement, setAttribute and append. */
function mountBaseline(markup: Markup[], sheets: CSSStyleSheet[]) {
  const start = performance.now();
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = sheets;
  for (const n of markup) root.append(build(n));
  document.body.append(host);
  void document.body.offsetHeight;
  return { host, ms: performance.now() - start };
}

/**
 * One live reply: the script from the frame that applies it until its item is in the shadow root
 * (a MutationObserver notes the time, so that no query of the benchmark's own is counted), and the
 * wall time from the event until it is laid out (the batch waits for a frame).
 */
async function addOneComment(el: ExperienceComments, adapter: BenchAdapter, i: number) {
  const marker = `bench-new-${i}`;
  const comment: Comment = {
    id: marker, threadId: 'bench', parentId: `c${i * 7}`, author: { id: 'other', name: 'Someone Else' },
    body: marker, createdAt: new Date().toISOString(), status: 'published', likes: 0,
  };
  const selector = `li[data-id="${marker}"]`;
  const appeared = new Promise<number>((resolve) => {
    const observer = new MutationObserver((records) => {
      const added = records.some((r) => [...r.addedNodes].some((n) => n instanceof Element && (n.matches(selector) || !!n.querySelector(selector))));
      if (!added) return;
      observer.disconnect();
      resolve(performance.now());
    });
    observer.observe(el.shadowRoot!, { childList: true, subtree: true });
  });
  await frame();
  let frameStart = 0;
  // Registered before the store's own frame callback, so it runs first in the same frame.
  requestAnimationFrame(() => (frameStart = performance.now()));
  const start = performance.now();
  adapter.emit({ type: 'comment-created', comment });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const shownAt = await Promise.race([appeared, new Promise<number>((r) => (timer = setTimeout(() => r(NaN), 2000)))]);
  clearTimeout(timer);
  if (Number.isNaN(shownAt)) throw new Error('the new comment never appeared');
  const script = shownAt - (frameStart || start);
  void document.body.offsetHeight;
  return { script, wall: performance.now() - start };
}

/** 10,000 live events a second for `seconds` (replies, edits, new roots): the longest task and the total time blocked. */
async function flood(el: ExperienceComments, adapter: BenchAdapter, seconds: number) {
  // Not the tail of the mount: only tasks that start once the flood does.
  await settle(300);
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => e.startTime >= start && tasks.push(e.duration)));
  observer.observe({ type: 'longtask' });
  let n = 0;
  const start = performance.now();
  await new Promise<void>((done) => {
    // Every tick catches up with 10 events a millisecond since the start, however late the timer fires.
    const timer = setInterval(() => {
      for (const due = Math.min(seconds * 1000, performance.now() - start) * 10; n < due; n++) {
        const kind = n % 3;
        const at = `c${(n * 7919) % TOTAL}`;
        const comment: Comment = {
          id: kind === 1 ? at : `flood-${n}`, threadId: 'bench', parentId: kind === 0 ? at : kind === 2 ? null : null,
          author: { id: 'other', name: 'Flood' }, body: `Flood ${n}`, createdAt: new Date().toISOString(), status: 'published', likes: n % 5,
        };
        if (kind === 1) {
          const known = (el as unknown as { thread$: { value: { byId: Map<string, { comment: Comment }> } } }).thread$.value.byId.get(at)?.comment;
          if (known) adapter.emit({ type: 'comment-updated', comment: { ...known, likes: n % 5 } });
        } else adapter.emit({ type: 'comment-created', comment });
      }
      if (performance.now() - start >= seconds * 1000) {
        clearInterval(timer);
        done();
      }
    }, 10);
  });
  const emitting = (performance.now() - start) / 1000;
  // Until every new comment is drawn or waits behind "Show new" (two thirds of the events), or a
  // minute: a flood drawn long after it ended would hide its long tasks from a fixed wait. Polled
  // from the store, cheaply, so that the check adds nothing to the tasks it measures.
  const made = n - Math.floor((n + 1) / 3);
  const store = (el as unknown as { thread$: { value: { byId: Map<string, unknown>; fresh: unknown[] } } }).thread$;
  const held = () => store.value.fresh.length;
  const applied = () => store.value.byId.size + held() >= TOTAL + made;
  while (!applied() && performance.now() - start < 60_000) await settle(20);
  await frame();
  const drawn = performance.now();
  await settle(300);
  observer.disconnect();
  return {
    events: n, longest: Math.max(0, ...tasks), blocked: tasks.reduce((a, b) => a + b, 0), seconds: emitting,
    drainMs: drawn - start - emitting * 1000, drained: applied(), held: held(), shown: count(el, 'article'),
  };
}

/** The default page size of a 1,000-comment thread: from the answer until the first comment is laid out, with one "Load more". */
async function defaultPage(comments: Comment[]) {
  const adapter = benchAdapter(comments, true);
  const el = document.createElement('experience-comments') as ExperienceComments;
  el.setAttribute('thread', 'bench');
  el.adapter = adapter;
  document.body.append(el);
  const shown = await until(el, () => count(el, 'article') > 0 && count(el, '[part~=load-more]') === 1);
  const ms = shown - adapter.answered;
  const shownComments = count(el, 'article');
  el.remove();
  return { ms, shownComments };
}

/**
 * Mounts the thread on a fresh adapter and removes it, then waits until its store is forgotten (a
 * second after its last watcher left) and collects garbage: a WeakRef to the element.
 */
async function showAndForget(comments: Comment[]) {
  // In a function that returns: a suspended async function keeps its locals alive.
  const showAndRemove = async () => {
    const m = await mountElement(benchAdapter(comments));
    m.el.remove();
    return new WeakRef(m.el);
  };
  const probe = await showAndRemove();
  await settle(1500);
  gc();
  await settle();
  gc();
  return probe;
}

/**
 * What a removed element leaves in the JS heap once the store let go and garbage was collected,
 * as `usedJSHeapSize` counts it: V8's compiled code and feedback too (render.mjs counts objects).
 */
async function keptAfterRemoval(comments: Comment[]) {
  await settle(1200);
  gc();
  const before = heap();
  const probe = await showAndForget(comments);
  return { bytes: Math.max(0, heap() - before), released: probe.deref() === undefined };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** For render.mjs's heap snapshots around it: one element shown, removed and forgotten. */
(window as unknown as { benchCycle: () => Promise<void> }).benchCycle = async () => void (await showAndForget(makeThread()));

(window as unknown as { bench: (runs: number, floodSeconds: number) => Promise<object> }).bench = async (runs: number, floodSeconds: number) => {
  const comments = makeThread();
  // A warm-up run, which also gives the settled markup for the baseline.
  const warmAdapter = benchAdapter(comments);
  const warm = await mountElement(warmAdapter);
  const markup = [...warm.el.shadowRoot!.children].map(describe);
  const sheets = warm.el.shadowRoot!.adoptedStyleSheets;
  const shown = count(warm.el, 'article');
  const markers = (() => {
    let n = 0;
    const walk = document.createTreeWalker(warm.el.shadowRoot!, NodeFilter.SHOW_COMMENT);
    while (walk.nextNode()) n++;
    return n;
  })();
  const elements = count(warm.el, '*');
  warm.el.remove();
  mountBaseline(markup, sheets).host.remove();

  const cold = { first: [] as number[], settled: [] as number[] };
  const warmRuns: number[] = [];
  const baseline: number[] = [];
  const script: number[] = [];
  const wall: number[] = [];
  const heapPerComment: number[] = [];
  const pages: number[] = [];
  for (let r = 0; r < runs; r++) {
    await settle();
    gc();
    const before = heap();
    const adapter = benchAdapter(comments);
    const e = await mountElement(adapter);
    cold.first.push(e.first);
    cold.settled.push(e.settled);
    await settle();
    gc();
    heapPerComment.push((heap() - before) / TOTAL);
    for (let i = 1; i <= 3; i++) {
      const one = await addOneComment(e.el, adapter, r * 3 + i);
      script.push(one.script);
      wall.push(one.wall);
    }
    e.el.remove();
    // Warm: the store still holds the thread, and the session is known.
    await settle();
    const again = await mountElement(adapter);
    warmRuns.push(again.settled);
    again.el.remove();
    await settle();
    const b = mountBaseline(markup, sheets);
    baseline.push(b.ms);
    b.host.remove();
    pages.push((await defaultPage(comments)).ms);
  }
  const kept = await keptAfterRemoval(comments);
  const floodAdapter = benchAdapter(comments);
  const f = await mountElement(floodAdapter);
  const flooded = floodSeconds > 0 ? await flood(f.el, floodAdapter, floodSeconds) : null;
  f.el.remove();
  return {
    comments: shown, markers, elements, runs,
    coldFirstMs: median(cold.first), coldSettledMs: median(cold.settled), warmMs: median(warmRuns), baselineMs: median(baseline),
    heapPerCommentBytes: median(heapPerComment), keptBytes: kept.bytes, released: kept.released,
    addOneScriptMs: median(script), addOneWallMs: median(wall), defaultPageMs: median(pages), flood: flooded,
  };
};
