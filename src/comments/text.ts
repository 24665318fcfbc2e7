/**
 * Plain text to safe DOM: user text only ever becomes text nodes and attribute values, never
 * markup, and only http/https URLs become links.
 */

/** `url` if it is an absolute http or https URL, else undefined (cheaply: most authors have none). */
export function safeUrl(url: string | null | undefined): string | undefined {
  if (!url || !/^\s*https?:\/\//i.test(url)) return undefined;
  try {
    return new URL(url).href;
  } catch {
    return undefined;
  }
}

const REL = 'nofollow ugc noopener noreferrer';
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"]+/gi;

/** Appends `line` to `p` as text, its URLs as links. Punctuation that ends a sentence is not part of a link. */
function appendLine(p: HTMLElement, line: string): void {
  let at = 0;
  for (const m of line.matchAll(URL_IN_TEXT)) {
    let url = m[0].replace(/[.,;:!?'*]+$/, '');
    if (url.endsWith(')') && !url.includes('(')) url = url.slice(0, -1);
    const href = safeUrl(url);
    if (!href) continue;
    const a = document.createElement('a');
    a.href = href;
    a.rel = REL;
    a.textContent = url;
    p.append(line.slice(at, m.index), a);
    at = m.index + url.length;
  }
  p.append(line.slice(at));
}

/**
 * A comment's body: paragraphs at blank lines, line breaks at single ones, URLs as links. Built as
 * DOM nodes with text nodes for the text (never parsed), which is also the fastest way to show a
 * thousand bodies: no template parts and markers for every line and link.
 */
export function paragraphs(text: string): DocumentFragment {
  const body = document.createDocumentFragment();
  for (const para of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n\s*/)) {
    const p = body.appendChild(document.createElement('p'));
    para.split('\n').forEach((line, i) => {
      if (i) p.append(document.createElement('br'));
      appendLine(p, line);
    });
  }
  return body;
}

/** Up to two initials (of the first and last word), by code point, so that emoji and astral letters stay whole. */
export function initials(name: string): string {
  const words = name.match(/\S+/g) ?? [];
  return (words.length > 1 ? [words[0]!, words.at(-1)!] : words).map((w) => [...w][0]).join('').toUpperCase();
}

/** A hue from 0 to 359 derived from the name, so that one person keeps one colour. */
export function hue(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) % 360;
  return h;
}
