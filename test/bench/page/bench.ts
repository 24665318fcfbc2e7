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

/** Everything in one page, so that the first render shows all 1,000 comments. */
function benchAdapter(comments: Comment[]): CommentsAdapter & { emit(e: ThreadEvent): void } {
  const listeners = new Set<(e: ThreadEvent) => void>();
  return {
    listComments: async () => ({ comments: structuredClone(comments), nextCursor: null, total: comments.length }),
    createComment: async () => { throw new Error('not in the benchmark'); },
    subscribe: (_thread, on) => (listeners.add(on), () => listeners.delete(on)),
    emit: (e) => listeners.forEach((l) => l(e)),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 50));
const gc = () => (window as unknown as { gc?: () => void }).gc?.();
const heap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;

async function mountElement(comments: Comment[]) {
  const adapter = benchAdapter(comments);
  const el = document.createElement('experience-comments') as ExperienceComments;
  el.setAttribute('thread', 'bench');
  el.setAttribute('page-size', String(ROOTS));
  el.adapter = adapter;
  const start = performance.now();
  document.body.append(el);
  // Wait until every comment is in the shadow root, then force style and layout.
  for (;;) {
    await el.updateComplete;
    if ((el.shadowRoot?.querySelectorAll('article').length ?? 0) >= TOTAL) break;
    await new Promise((r) => setTimeout(r, 0));
  }
  void document.body.offsetHeight;
  return { el, adapter, ms: performance.now() - start };
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

async function addOneComment(el: ExperienceComments, adapter: ReturnType<typeof benchAdapter>, i: number) {
  const marker = `bench-new-${i}`;
  let seen = false;
  const mo = new MutationObserver((records) => {
    seen ||= records.some((r) => [...r.addedNodes].some((n) => n.textContent?.includes(marker)));
  });
  mo.observe(el.shadowRoot!, { childList: true, subtree: true });
  const comment: Comment = {
    id: marker, threadId: 'bench', parentId: `c${i * 7}`, author: { id: 'other', name: 'Someone Else' },
    body: marker, createdAt: new Date().toISOString(), status: 'published', likes: 0,
  };
  const start = performance.now();
  adapter.emit({ type: 'comment-created', comment });
  for (let tries = 0; !seen && tries < 50; tries++) {
    await el.updateComplete;
    if (!seen) await new Promise((r) => setTimeout(r, 0));
  }
  void document.body.offsetHeight;
  const ms = performance.now() - start;
  mo.disconnect();
  if (!seen) throw new Error('the new comment never appeared');
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

(window as unknown as { bench: (runs: number) => Promise<object> }).bench = async (runs: number) => {
  const comments = makeThread();
  // A warm-up run, which also gives the markup for the baseline.
  const warm = await mountElement(comments);
  const markup = [...warm.el.shadowRoot!.children].map(describe);
  const sheets = warm.el.shadowRoot!.adoptedStyleSheets;
  warm.el.remove();
  mountBaseline(markup, sheets).host.remove();

  const element: number[] = [];
  const baseline: number[] = [];
  const add: number[] = [];
  const heapPerComment: number[] = [];
  for (let r = 0; r < runs; r++) {
    await settle();
    gc();
    const before = heap();
    const e = await mountElement(comments);
    element.push(e.ms);
    await settle();
    gc();
    heapPerComment.push((heap() - before) / TOTAL);
    for (let i = 1; i <= 3; i++) add.push(await addOneComment(e.el, e.adapter, r * 3 + i));
    e.el.remove();
    await settle();
    const b = mountBaseline(markup, sheets);
    baseline.push(b.ms);
    b.host.remove();
  }
  return {
    comments: warm.el.shadowRoot!.querySelectorAll('article').length,
    elementMs: median(element),
    baselineMs: median(baseline),
    ratio: median(element) / median(baseline),
    heapPerCommentBytes: median(heapPerComment),
    addOneMs: median(add),
    runs,
  };
};
