/**
 * `dist/loader.js`, the script tag that costs only what the page shows: a classic script that
 * imports nothing itself. It finds the elements of `chunks.ts` on the page, and those added later,
 * and imports from beside itself the chunk that defines each tag present: at once for the
 * provider, and for a widget once it is within a screen of the viewport (with `lazy`, the widget
 * then still waits until it is near before it fetches its data). It fetches a locale table when a
 * widget's language has one. Until a tag is defined, a constructed stylesheet (which a strict CSP
 * allows, unlike an inline style) keeps the box it will have, so the page does not jump.
 */
import { elements, locales } from './chunks.js';

const base = (document.currentScript as HTMLScriptElement).src;
const chunk = (module: string) => import(new URL(`chunks/${module}.js`, base).href);
const tags = Object.keys(elements);

const reserved = new CSSStyleSheet();
reserved.replaceSync(tags.map((tag) => `${tag}:not(:defined){${elements[tag]!.reserve}}`).join(''));
document.adoptedStyleSheets = [...document.adoptedStyleSheets, reserved];

/** Imports the chunk of an element's tag (a second import of the same URL is the same module), and its locale table. */
function upgrade(el: Element): void {
  const tag = el.localName;
  const lang = (el.getAttribute('locale') || el.closest('[lang]')?.getAttribute('lang') || navigator.language).split('-')[0]!.toLowerCase();
  if (!customElements.get(tag)) void chunk(elements[tag]!.module);
  if (locales.includes(lang)) void chunk(`i18n/${lang}`);
}

/** Widgets that wait for the viewport: upgraded as they come within a screen of it. */
const nearing = new IntersectionObserver((entries) => {
  for (const { isIntersecting, target } of entries) {
    if (!isIntersecting) continue;
    nearing.unobserve(target);
    upgrade(target);
  }
}, { root: document, rootMargin: '100%' });

const selector = tags.join();

/** Upgrades, or waits for the viewport to upgrade, every element of ours in `root`, `root` included. */
function find(root: Document | Element): void {
  const found = [...root.querySelectorAll(selector)];
  if (root instanceof Element && root.matches(selector)) found.push(root);
  for (const el of found) {
    if (elements[el.localName]!.near) nearing.observe(el);
    else upgrade(el);
  }
}

find(document);
new MutationObserver((records) => {
  for (const { addedNodes } of records) for (const node of addedNodes) if (node instanceof Element) find(node);
}).observe(document, { childList: true, subtree: true });
