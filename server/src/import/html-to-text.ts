import { decodeHTML } from 'entities';
import { httpUrl } from '../store/text.js';

/** Elements whose content is never text. */
const DROPPED = new Set(['script', 'style', 'template', 'head']);
/** Elements that stand as paragraphs of their own. */
const PARAGRAPHS = new Set(['p', 'div', 'blockquote', 'pre', 'ul', 'ol', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'hr']);
/** Elements that start a line. */
const LINES = new Set(['br', 'li', 'tr', 'dt', 'dd']);

/** Comments, tags (quoted attributes may hold `>`), CDATA, and declarations. */
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<(\/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<[!?][^>]*>/g;
const HREF = /(?:^|\s)href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

/**
 * A comment's HTML (from another system's export) as our plain text: paragraphs as blank lines,
 * line breaks kept, a link's http/https target kept after its text (other targets dropped), the
 * content of script and style dropped, entities decoded. Nothing of it is ever treated as markup
 * again: the result is text, shown as text. With `newlines`, line breaks in the source are breaks
 * (WordPress keeps paragraphs as blank lines in its text).
 */
export function htmlToText(html: string, o: { newlines?: boolean } = {}): string {
  let out = '';
  const links: { href: string | null; start: number }[] = [];
  const text = (raw: string) => {
    const decoded = decodeHTML(raw).replace(/\u00a0/g, ' ');
    out += o.newlines ? decoded.replace(/[ \t\f\r]+/g, ' ') : decoded.replace(/[ \t\f\r\n]+/g, ' ');
  };
  let at = 0;
  TOKEN.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = TOKEN.exec(html)); at = TOKEN.lastIndex) {
    text(html.slice(at, m.index));
    const [, cdata, closing, rawName, attributes] = m;
    if (cdata !== undefined) text(cdata);
    if (!rawName) continue;
    const name = rawName.toLowerCase();
    if (DROPPED.has(name) && !closing) {
      const end = new RegExp(`</${name}\\s*>`, 'ig');
      end.lastIndex = TOKEN.lastIndex;
      TOKEN.lastIndex = end.exec(html) ? end.lastIndex : html.length;
    } else if (PARAGRAPHS.has(name)) {
      out += '\n\n';
    } else if (LINES.has(name)) {
      if (!closing) out += '\n';
    } else if (name === 'a' && !closing) {
      const href = HREF.exec(attributes ?? '');
      links.push({ href: href ? httpUrl(decodeHTML(href[1] ?? href[2] ?? href[3] ?? '').trim()) : null, start: out.length });
    } else if (name === 'a') {
      const link = links.pop();
      const label = link ? out.slice(link.start).trim() : '';
      if (link?.href && label !== link.href && `${label}/` !== link.href) out += label ? ` (${link.href})` : link.href;
    }
  }
  text(html.slice(at));
  return out
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
