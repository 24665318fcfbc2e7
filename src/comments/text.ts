/**
 * Plain text to safe DOM: user text only ever becomes text nodes and attribute values, never
 * markup, and only http/https URLs become links. A link's text never misleads about where it goes.
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
/** Characters that end a sentence rather than a link. */
const TRAILING = new Set('.,;:!?\'*');
/** Bidirectional controls (they can show `…/\u202Efdp.exe` as `…/exe.pdf`) and other control characters. */
const CONTROLS = /[\p{Cc}\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu;

/** The longest body drawn at once: a longer one is cut there, with a button that shows the rest. */
export const BODY_LIMIT = 20_000;

/**
 * Scripts whose letters a host label may mix: Latin with the scripts written beside it in Japan
 * and Korea. Any other mix (Latin with Cyrillic or Greek above all) is a spoof.
 */
const SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Arabic', 'Hebrew', 'Armenian', 'Georgian', 'Thai', 'Devanagari']
  .map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const);
const MIXES = [new Set(['Latin', 'Han', 'Hiragana', 'Katakana']), new Set(['Latin', 'Han', 'Hangul'])];
/**
 * Cyrillic and Greek letters (lower case, as hosts are compared) that look like Latin ones: a label
 * of only these reads as a Latin word (`аррӏе` as "apple", `сом` as "com") unless every label of the
 * host is in that script too.
 */
const LOOKALIKES = /^[авсԁеһіјкӏмнорԛѕтԝхуьъгпѵѡԍ\-\d]+$|^[αβεηικμνορτυχζγω\-\d]+$/u;

/** The scripts of the letters of `label`; a letter of none of those above counts as a script of its own. */
function scriptsOf(label: string): Set<string> {
  const found = new Set<string>();
  for (const ch of label) {
    if (!/\p{L}/u.test(ch)) continue;
    found.add(SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? `other ${ch}`);
  }
  return found;
}

/**
 * Whether a host as written can be shown as it is: only letters, marks (never two in a row once
 * composed), digits, dots and hyphens, and in each label one script (or Latin with Han, kana or
 * Hangul), never Cyrillic or Greek letters that spell a Latin-looking word beside labels of another script.
 */
function readableHost(host: string): boolean {
  // Letters, digits, dots and hyphens of ASCII alone: one script, nothing invisible or lookalike.
  if (/^[a-z0-9.-]*$/i.test(host)) return true;
  const labels = host.normalize('NFC').toLowerCase().split('.');
  if (labels.some((l) => !/^[\p{L}\p{M}\p{Nd}-]*$/u.test(l) || /\p{M}\p{M}/u.test(l))) return false;
  const scripts = labels.map(scriptsOf);
  return labels.every((label, i) => {
    const own = [...scripts[i]!];
    if (/^[\x00-\x7f]*$/.test(label)) return true;
    if (own.length > 1) return MIXES.some((mix) => own.every((s) => mix.has(s)));
    return !LOOKALIKES.test(label) || scripts.every((other) => [...other].every((s) => s === own[0]));
  });
}

/**
 * The visible text of a link to `url` (which parsed as `parsed`): `url` without bidi and other controls;
 * and when its authority has user-info (`google.com@evil.example`) or a host that is not plainly
 * readable (mixed or lookalike scripts, invisible characters, lookalike slashes), the real host in
 * ASCII (punycode) in place of the authority as written.
 */
function linkText(url: string, parsed: URL): string {
  const text = url.replace(CONTROLS, '');
  const start = text.indexOf('//') + 2;
  const rest = text.slice(start).search(/[/?#\\]/);
  const end = rest < 0 ? text.length : start + rest;
  const authority = text.slice(start, end);
  const host = authority.replace(/:\d*$/, '');
  if (!parsed.username && !parsed.password && !authority.includes('@') && readableHost(host)) return text;
  return `${text.slice(0, start)}${parsed.host}${text.slice(end)}`;
}

/** `url` without the punctuation that ends its sentence: a loop, linear in the length of any run. */
function trimTrailing(url: string): string {
  let end = url.length;
  while (end > 0 && TRAILING.has(url[end - 1]!)) end--;
  if (url[end - 1] === ')' && !url.slice(0, end).includes('(')) end--;
  return url.slice(0, end);
}

/** Appends `line` to `p` as text, its URLs as links. Punctuation that ends a sentence is not part of a link. */
function appendLine(p: HTMLElement, line: string): void {
  let at = 0;
  for (const m of line.matchAll(URL_IN_TEXT)) {
    const url = trimTrailing(m[0]);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    const a = document.createElement('a');
    a.href = parsed.href;
    a.rel = REL;
    // Isolated, left to right: text around the link cannot reorder it.
    a.dir = 'ltr';
    a.textContent = linkText(url, parsed);
    p.append(line.slice(at, m.index), a);
    at = m.index + url.length;
  }
  p.append(line.slice(at));
}

/** Bodies the reader chose to read whole: drawn whole again on the next render. */
const readWhole = new Set<string>();
/** How many of them are remembered: the oldest is forgotten first (each may be megabytes). */
const READ_WHOLE_MAX = 50;

/**
 * A comment's body: paragraphs at blank lines, line breaks at single ones, URLs as links. Built as
 * DOM nodes with text nodes for the text (never parsed), which is also the fastest way to show a
 * thousand bodies: no template parts and markers for every line and link. A body longer than
 * `BODY_LIMIT` characters is cut there (at a whole code point), with a `readMore` button after an
 * ellipsis that draws it whole in place.
 */
export function paragraphs(text: string, readMore: string): DocumentFragment {
  const cut = text.length > BODY_LIMIT && !readWhole.has(text);
  const shown = cut ? text.slice(0, /[\uDC00-\uDFFF]/.test(text[BODY_LIMIT]!) ? BODY_LIMIT - 1 : BODY_LIMIT) : text;
  const body = document.createDocumentFragment();
  for (const para of shown.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n\s*/)) {
    const p = body.appendChild(document.createElement('p'));
    para.split('\n').forEach((line, i) => {
      if (i) p.append(document.createElement('br'));
      appendLine(p, line);
    });
  }
  if (cut) {
    const nodes = [...body.childNodes];
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'read-more';
    button.textContent = readMore;
    button.addEventListener('click', () => {
      readWhole.add(text);
      if (readWhole.size > READ_WHOLE_MAX) readWhole.delete(readWhole.values().next().value!);
      const whole = paragraphs(text, readMore);
      // The paragraph where the cut was keeps the focus that the button had.
      const next = whole.children[nodes.length - 1] as HTMLElement | undefined;
      nodes[0]!.before(whole);
      for (const n of nodes) n.remove();
      if (next) {
        next.tabIndex = -1;
        next.focus();
      }
    });
    (body.lastChild as HTMLElement).append('…', ' ', button);
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
