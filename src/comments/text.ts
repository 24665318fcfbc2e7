import { html, type TemplateResult } from 'lit';

/**
 * Plain text to safe templates: user text is only ever a text binding, never markup, and only
 * http/https URLs become links.
 */

/** `url` if it is an absolute http or https URL, else undefined. */
export function safeUrl(url: string | null | undefined): string | undefined {
  try {
    const u = new URL(url ?? '');
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const REL = 'nofollow ugc noopener noreferrer';
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"]+/gi;

/** A line with its URLs linked. Punctuation that ends a sentence is not part of the link. */
function linked(line: string): (string | TemplateResult)[] {
  const out: (string | TemplateResult)[] = [];
  let at = 0;
  for (const m of line.matchAll(URL_IN_TEXT)) {
    let url = m[0].replace(/[.,;:!?'*]+$/, '');
    if (url.endsWith(')') && !url.includes('(')) url = url.slice(0, -1);
    const href = safeUrl(url);
    if (!href) continue;
    out.push(line.slice(at, m.index), html`<a href=${href} rel=${REL}>${url}</a>`);
    at = m.index + url.length;
  }
  out.push(line.slice(at));
  return out;
}

/** A comment's body: paragraphs at blank lines, line breaks at single ones, URLs as links. */
export const paragraphs = (text: string): TemplateResult[] =>
  text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n\s*/)
    .map((p) => html`<p>${p.split('\n').map((line, i) => (i ? [html`<br>`, linked(line)] : linked(line)))}</p>`);

/** An author link, or the name alone when the URL is missing or not http/https. */
export function authorName(name: string, url: string | null | undefined): TemplateResult {
  const href = safeUrl(url);
  return href
    ? html`<a part="author" href=${href} rel=${REL}><bdi>${name}</bdi></a>`
    : html`<span part="author"><bdi>${name}</bdi></span>`;
}

/** Up to two initials, by code point, so that emoji and astral letters stay whole. */
export const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .filter((_, i, all) => i === 0 || i === all.length - 1)
    .map((w) => [...w][0]!.toUpperCase())
    .join('');

/** A hue from 0 to 359 derived from the name, so that one person keeps one colour. */
export function hue(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) % 360;
  return h;
}
