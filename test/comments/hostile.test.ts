import { expect } from '@open-wc/testing';
import type { Author, Comment, ExperienceComments } from '../../src/index.js';
import { quietFor } from '../helpers/wait.js';
import { article, comment, ready, root, Spy, text } from './helpers.js';

/**
 * Bodies, names, URLs and roles are data, never markup: every payload below would set
 * `window.__pwned` if it ran. None may run, none may add an element or attribute of its own, none
 * may leave its comment's box, and each shows literally.
 */
declare global {
  interface Window {
    __pwned?: number;
  }
}

const P = 'window.__pwned=1';
const bodies: [string, string][] = [
  ['script tag', `<script>${P}</script>`],
  ['mixed-case script tag', `<ScRiPt>${P}</sCrIpT>`],
  ['img onerror', `<img src=x onerror="${P}">`],
  ['svg onload', `<svg onload=${P}>`],
  ['iframe javascript: src', `<iframe src="javascript:${P}"></iframe>`],
  ['anchor javascript: href', `<a href="javascript:${P}">click</a>`],
  ['bare javascript: URL', `javascript:${P}`],
  ['bare data: URL', `data:text/html,<script>${P}</script>`],
  ['bare vbscript: URL', 'vbscript:msgbox(1)'],
  ['entity-encoded script', `&lt;script&gt;${P}&lt;/script&gt;`],
  ['numeric entities', '&#60;script&#62;alert(1)&#60;/script&#62;'],
  ['</style> break-out', `</style><script>${P}</script><style>`],
  ['</textarea> break-out', `</textarea><script>${P}</script>`],
  ['template literal', `\${${P}}`],
  ['moustache template', `{{constructor.constructor('${P}')()}}`],
  ['lit marker text', '<?lit$123456789$><!--?lit$123456789$-->lit$123456789$'],
  ['style tag', '<style>:host{display:none}*{color:red}</style>'],
  ['math xlink', `<math><mi xlink:href="javascript:${P}">x</mi></math>`],
  ['form action', `<form action="javascript:${P}"><button>go</button></form>`],
  ['meta refresh', `<meta http-equiv="refresh" content="0;url=javascript:${P}">`],
  ['base href', '<base href="javascript:/">'],
  ['URL with a quote break-out', `https://example.org/"><script>${P}</script>`],
  ['URL with markup in its query', `http://example.org/?q=<img src=x onerror=${P}>`],
  ['bidi override', '\u202Eevil.exe\u202C and more'],
  ['zero-width characters', 'a\u200Bb\u200Dc\uFEFFd\u2060e'],
];

const names: [string, string][] = [
  ['img onerror in a name', `<img src=x onerror=${P}>`],
  ['script in a name', `<script>${P}</script>`],
  ['attribute break-out in a name', `" onmouseover="${P}" x="`],
  ['a spoofed badge in a name', 'Mod</span><span part="badge badge-moderator">Moderator'],
  ['bidi override in a name', '\u202Egnp.exe'],
];

const urls: [string, string][] = [
  ['javascript: author URL', `javascript:${P}`],
  ['mixed-case javascript: author URL', `JaVaScRiPt:${P}`],
  ['javascript: with leading space', ` javascript:${P}`],
  ['javascript: with a tab inside', `java\tscript:${P}`],
  ['entity-encoded javascript:', `javascript&#58;${P}`],
  ['data: author URL', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
  ['vbscript: author URL', 'vbscript:msgbox(1)'],
  ['mixed-case vbscript: author URL', 'VbScRiPt:msgbox(1)'],
  ['protocol-relative author URL', '//evil.example/'],
];

const avatars: [string, string][] = [
  ['javascript: avatar', `javascript:${P}`],
  ['data: SVG avatar', `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="${P}"/>`],
  ['mixed-case data: avatar', 'DATA:image/png;base64,AAAA'],
  ['vbscript: avatar', 'vbscript:msgbox(1)'],
  ['attribute break-out avatar', `x" onerror="${P}`],
];

const roles: [string, string][] = [
  ['markup role', `<img src=x onerror=${P}>`],
  ['attribute break-out role', `moderator" onclick="${P}`],
  ['role spoofing another part', 'x badge-moderator'],
  ['role named like a prototype key', 'constructor'],
];

const ALLOWED = new Set(['SECTION', 'P', 'HEADER', 'H2', 'SLOT', 'LABEL', 'SELECT', 'OPTION', 'FORM', 'TEXTAREA', 'INPUT',
  'DIV', 'SPAN', 'BUTTON', 'OL', 'LI', 'ARTICLE', 'TIME', 'BDI', 'A', 'BR', 'IMG', 'H3']);

describe('<experience-comments> with hostile input', () => {
  const long = 'x'.repeat(10_000);
  const huge = `${'All work and no play. '.repeat(4_800)}end`;
  const thread: Comment[] = [
    ...bodies.map(([, body], i) => comment(`b${i}`, { body })),
    ...names.map(([, name], i) => comment(`n${i}`, { author: { id: `n${i}`, name } })),
    ...urls.map(([, url], i) => comment(`u${i}`, { author: { id: `u${i}`, name: `U${i}`, url } })),
    ...avatars.map(([, avatarUrl], i) => comment(`a${i}`, { author: { id: `a${i}`, name: `Ava ${i}`, avatarUrl } })),
    ...roles.map(([, role], i) => comment(`r${i}`, { author: { id: `r${i}`, name: `R${i}`, roles: [role] } as Author })),
    comment('long-word', { body: long }),
    comment('long-name', { author: { id: 'ln', name: long } }),
    comment('huge', { body: huge }),
    comment('quote-url', { author: { id: 'q', name: 'Q', url: `https://example.org/" onclick="${P}` } }),
    comment('fine', { author: { id: 'ok', name: 'Fine', url: 'HTTPS://Example.org/ok', avatarUrl: 'https://example.org/a.png' } }),
  ];
  let el: ExperienceComments;

  // One element for the whole suite, outside the fixture container that is emptied after each test.
  before(async () => {
    delete window.__pwned;
    el = document.createElement('experience-comments');
    el.thread = 't1';
    el.pageSize = 100;
    el.adapter = new Spy({ comments: thread });
    el.style.width = '600px';
    document.body.append(el);
    await ready(el);
    // Time for anything a comment smuggled in (an image's onerror, a link) to run, if it could.
    await quietFor(200);
  });
  after(() => el.remove());

  it(`renders all ${thread.length} comments and runs none of them`, () => {
    expect(root(el).querySelectorAll('article')).to.have.length(thread.length);
    expect(window.__pwned).to.equal(undefined);
  });

  it('adds no element and no event-handler attribute of its own', () => {
    for (const node of root(el).querySelectorAll('*')) {
      expect(ALLOWED.has(node.tagName), node.tagName).to.equal(true);
      for (const attr of node.getAttributeNames()) expect(attr.startsWith('on'), `${node.tagName} ${attr}`).to.equal(false);
    }
    for (const a of root(el).querySelectorAll<HTMLAnchorElement>('a[href]')) expect(a.href, a.href).to.match(/^https?:\/\//);
    for (const img of root(el).querySelectorAll('img')) expect(img.src, img.src).to.match(/^https?:\/\//);
  });

  it('keeps every comment inside its box', () => {
    const list = root(el).querySelector('[part~=list]')!.getBoundingClientRect();
    for (const a of root(el).querySelectorAll<HTMLElement>('article')) {
      const box = a.getBoundingClientRect();
      expect(box.right, a.getAttribute('aria-label')!.slice(0, 20)).to.be.at.most(list.right + 0.5);
      for (const inner of a.querySelectorAll<HTMLElement>('[part~=body], [part~=meta]')) {
        expect(inner.scrollWidth, inner.className).to.be.at.most(inner.clientWidth + 1);
        expect(inner.getBoundingClientRect().right).to.be.at.most(box.right + 0.5);
      }
    }
  });

  bodies.forEach(([what, body], i) => {
    it(`shows a body with ${what} literally`, () => {
      const shown = article(el, `b${i}`)!.querySelector('[part~=body]')!;
      expect(shown.textContent).to.equal(body);
      expect(shown.querySelectorAll('*:not(p):not(a):not(br)')).to.have.length(0);
    });
  });

  it('links only the http part of a URL that tries to break out', () => {
    const [quote] = article(el, `b${bodies.findIndex(([w]) => w === 'URL with a quote break-out')}`)!.querySelectorAll('[part~=body] a');
    expect(quote!.getAttribute('href')).to.equal('https://example.org/');
    const [query] = article(el, `b${bodies.findIndex(([w]) => w === 'URL with markup in its query')}`)!.querySelectorAll('[part~=body] a');
    expect(query!.getAttribute('href')).to.equal('http://example.org/?q=');
    expect(article(el, `b${bodies.findIndex(([w]) => w === 'bare javascript: URL')}`)!.querySelector('[part~=body] a')).to.equal(null);
  });

  names.forEach(([what, name], i) => {
    it(`shows a name with ${what} literally, isolated from the text around it`, () => {
      const a = article(el, `n${i}`)!;
      const author = a.querySelector('[part~=author]')!;
      expect(author.textContent).to.equal(name);
      expect(a.getAttribute('aria-label')).to.equal(name);
      expect(getComputedStyle(author.querySelector('bdi')!).unicodeBidi).to.equal('isolate');
      expect(a.querySelectorAll('[part~=badge]')).to.have.length(0);
    });
  });

  urls.forEach(([what], i) => {
    it(`does not link a ${what}`, () => {
      const author = article(el, `u${i}`)!.querySelector('[part~=author]')!;
      expect(author.hasAttribute('href')).to.equal(false);
      expect(author.matches(':any-link')).to.equal(false);
      expect(text(author)).to.equal(`U${i}`);
    });
  });

  avatars.forEach(([what], i) => {
    it(`shows initials instead of a ${what}`, () => {
      const avatar = article(el, `a${i}`)!.querySelector('[part~=avatar]')!;
      expect(avatar.querySelector('img')).to.equal(null);
      expect(text(avatar)).to.equal(`A${i}`);
    });
  });

  roles.forEach(([what, role], i) => {
    it(`shows a ${what} as its own text in one badge`, () => {
      const badges = article(el, `r${i}`)!.querySelectorAll('[part~=badge]');
      expect(badges).to.have.length(1);
      expect(badges[0]!.textContent).to.equal(role);
      expect(badges[0]!.getAttribute('part')!.split(' ')).not.to.include('badge-moderator');
      expect(badges[0]!.getAttribute('part')).to.match(/^badge badge-[a-z0-9_-]+$/);
    });
  });

  it('wraps a 10,000-character word and name inside the box', () => {
    for (const id of ['long-word', 'long-name']) {
      const a = article(el, id)!;
      expect(a.scrollWidth).to.be.at.most(a.clientWidth + 1);
    }
    expect(article(el, 'long-word')!.querySelector('[part~=body]')!.textContent).to.equal(long);
  });

  it('shows a 100 KB body cut at 20,000 characters, and whole after Read the rest (#14)', async () => {
    expect(huge.length).to.be.greaterThan(100_000);
    const body = () => article(el, 'huge')!.querySelector('[part~=body]')!;
    expect(body().textContent).to.equal(`${huge.slice(0, 20_000)}… Read the rest`);
    body().querySelector('button')!.click();
    expect(body().textContent).to.equal(huge);
    // Drawn again, it stays whole.
    el.requestUpdate();
    await el.updateComplete;
    expect(body().textContent).to.equal(huge);
  });

  it('links an https author URL that tries to break out of its attribute only as a URL', () => {
    const author = article(el, 'quote-url')!.querySelector('[part~=author]')!;
    expect(author.getAttributeNames().sort()).to.deep.equal(['href', 'part', 'rel']);
    expect(author.getAttribute('href')).to.equal('https://example.org/%22%20onclick=%22window.__pwned=1');
  });

  it('links a well-formed https author and shows its avatar', () => {
    const a = article(el, 'fine')!;
    expect(a.querySelector('a[part~=author]')!.getAttribute('href')).to.equal('https://example.org/ok');
    expect(a.querySelector('img')!.getAttribute('src')).to.equal('https://example.org/a.png');
  });

  it('still has run nothing after a while', async () => {
    await quietFor(100);
    expect(window.__pwned).to.equal(undefined);
  });
});
