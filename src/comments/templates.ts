import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { absoluteTime, fill, plural, relativeTime } from '../i18n/intl.js';
import type { ModerationAction, Viewer } from '../model/types.js';
import type { Compose } from '../stores/composer.js';
import type { ThreadComment, ThreadNode } from '../stores/thread.js';
import type { ErrorMessages } from '../ui/announcer.js';
import { composer, type ComposerView } from './composer.js';
import type { Open, PanelKind } from './panels.js';
import { hue, initials, paragraphs, safeUrl } from './text.js';

/** What the thread's templates read; the element derives it once per update, in `willUpdate`. */
export interface View extends ComposerView {
  /** The messages of failures, in `lang`. */
  errors: ErrorMessages;
  /** Whether the composer (or the invitation to sign in) shows: the session is known, and the element is not read-only. */
  joinable: boolean;
  viewer: Viewer | null;
  /** A new value whenever anything every comment's text shows changes (strings, locale, depth, moderation). */
  gen: string;
  /** A new value whenever anything every comment's actions show changes (strings, locale, rights). */
  acts: string;
  /**
   * A value that changes whenever what the element holds about the comment `id` or a comment below
   * it changes (an open panel and what it holds, a collapsed thread, a report sent).
   */
  mark(id: string): unknown;
  maxDepth: number;
  /**
   * What the reader may do; the panel kinds are named as the buttons that open them. `moderate`: a
   * moderator's tools (approve, reject, pin, and delete on every comment).
   */
  can: Record<PanelKind | 'like' | 'moderate', boolean>;
  open: Open | null;
  collapsed: ReadonlySet<string>;
  reported: ReadonlySet<string>;
  /** Why the last delete or report failed, shown in its panel. */
  panelError: string;
  /** The comment of the open reply or edit box, as last seen, once it was deleted meanwhile. */
  gone: ThreadComment | undefined;
  /** The state of the composer in a slot (read only: reading keeps nothing). */
  compose(slot: string): Compose;
}

/** Replaces an avatar image that failed to load by the initials below it. */
function hide(e: Event): void {
  (e.target as HTMLElement).hidden = true;
}

type Child = Node | string | null | undefined | false;

/**
 * An element with its attributes (one that is `undefined` is left out) and children (text as text
 * nodes, never parsed). A comment's content and actions are built with it, as `paragraphs` builds
 * its body: a thousand comments drawn without a template instance, parts and markers for each
 * badge, mark and button, which made the thread cost twice the same markup built with plain DOM
 * calls. Their events are the section's, by `data-act`, as with every other button.
 */
function h(tag: string, attrs: Record<string, string | undefined>, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  for (const name in attrs) {
    const value = attrs[name];
    if (value !== undefined) e.setAttribute(name, value);
  }
  for (const child of children) if (child) e.append(child);
  return e;
}

/** A role as a part name: `badge-moderator`, `badge-author`, `badge-<role>` in lower case. */
const partOf = (role: string) => `badge badge-${role.toLowerCase().replace(/[^a-z0-9_-]+/g, '-')}`;

/**
 * An id for the element of `kind` of the comment `id`, valid and unique in the shadow root
 * whatever the comment's id holds: every character but a letter, a digit or `-` is written as
 * `_<hex>_`, so that two ids never meet.
 */
export const idOf = (kind: string, id: string): string =>
  `${kind}-${id.replace(/[^A-Za-z0-9-]/gu, (ch) => `_${ch.codePointAt(0)!.toString(16)}_`)}`;

/** The accessible name of each action: its visible text first (voice control), then whose comment. */
const NAMES = {
  like: 'likeName', reply: 'replyName', report: 'reportName', approve: 'approveName', reject: 'rejectName', pin: 'pinName', unpin: 'unpinName',
} as const;

/** A moderator's decision on the comment: its button's part is `<action>-button`; Reject looks destructive. */
const decide = (v: View, action: ModerationAction, name: string) =>
  html`<button part="${action === 'unpin' ? 'pin' : action}-button" class=${action === 'reject' ? 'danger' : ''} data-act=${action} aria-label=${fill(v.s[NAMES[action]], { name })} .textContent=${v.s[action]}></button>`;

/**
 * A comment's actions: a template (not built by hand as its content is), so that a button keeps
 * its node, and the focus, when the comment changes under it (a like, an open panel). A button's
 * text is a property (`.textContent`), here and in the item's other small templates: a child part
 * would be one more comment node per button in the page (a thousand comments had 19,600).
 */
function actions(v: View, c: ThreadComment, open: string, reported: boolean): TemplateResult {
  const { s, can } = v;
  const live = c.status === 'published';
  const mine = !!c.viewerCanEdit;
  const moderate = can.moderate && !c.sending;
  const name = c.author.name || s.anonymous;
  const label = (kind: PanelKind) =>
    kind === 'edit' ? s.editName : kind === 'delete' ? (mine ? s.deleteOwnName : fill(s.deleteName, { name })) : fill(s[NAMES[kind]], { name });
  // Reply, edit, delete and report open a panel; each button's part is `<kind>-button`.
  const toggle = (kind: PanelKind, shown: boolean) => shown && can[kind]
    ? html`<button part="${kind}-button" class=${kind === 'delete' ? 'danger' : ''} data-act=${kind} aria-expanded=${open === kind} aria-label=${label(kind)} .textContent=${s[kind]}></button>`
    : nothing;
  return html`
    <div part="actions" class="actions">
      ${can.like && live
        ? html`<button part="like-button" class="like" data-act="like" aria-pressed=${!!c.viewerLiked} aria-label=${fill(s.likeName, { name })} .textContent=${s.like}></button>`
        : nothing}
      ${c.likes > 0 ? html`<span part="likes" class="likes" .textContent=${plural(s.likes, c.likes, v.lang)}></span>` : nothing}
      ${toggle('reply', live)}
      ${toggle('edit', mine)}
      ${moderate && c.status === 'pending' ? [decide(v, 'approve', name), decide(v, 'reject', name)] : nothing}
      ${moderate && live && c.parentId === null ? decide(v, c.pinned ? 'unpin' : 'pin', name) : nothing}
      ${toggle('delete', mine || moderate)}
      ${reported && can.report && live && !mine
        ? html`<span part="state" .textContent=${s.reported}></span>`
        : toggle('report', live && !mine)}
    </div>
  `;
}

/** "Reported 2 times: Spam; Ads": how many readers reported the comment, and why. */
function reportsOf(v: View, count: number, reasons: string[] = []): string {
  const times = plural(v.s.reportCount, count, v.lang);
  return reasons.length ? fill(v.s.reportsWhy, { count: times, reasons: reasons.join('; ') }) : times;
}

function badge(v: View, role: string): HTMLElement {
  const label = role === 'moderator' ? v.s.roleModerator : role === 'author' ? v.s.roleAuthor : role;
  const part = partOf(role);
  return h('span', { part, class: part }, label);
}

/**
 * The time, relative. The absolute one is written when first wanted (the element does it): its
 * `title` for a mouse, and beside it when the time has the focus (keyboard, or a tap: it is
 * focusable), where screen readers read it too. The relative text is the time's last child: the
 * minute tick rewrites it there.
 */
const timestamp = (at: string, lang: string): HTMLElement =>
  h('time', { part: 'timestamp', class: 'time', datetime: at, tabindex: '0' }, relativeTime(at, lang));

/** The marks after the time: edited, sending or pending, pinned, reports. */
function marks(v: View, c: ThreadComment): Child[] {
  const { s, lang } = v;
  const state = c.sending ? s.sending : c.status === 'pending' ? s.pending : '';
  const reports = v.can.moderate ? c.reports ?? 0 : 0;
  return [
    c.editedAt && h('span', { part: 'edited', title: fill(s.editedAt, { time: absoluteTime(c.editedAt, lang) }) }, s.edited),
    state && h('span', { part: c.status === 'pending' ? 'state pending' : 'state', class: 'state' }, state),
    c.pinned && c.parentId === null && h('span', { part: 'pinned' }, s.pinnedMark),
    reports > 0 && h('span', { part: 'reports' }, reportsOf(v, reports, c.reportReasons)),
  ];
}

/**
 * What of a comment its content shows, field by field: its content is drawn again only when one of
 * these changes, not for a new like count or a server's fresh copy of the same author.
 */
const shown = (c: ThreadComment): unknown[] => [
  c.body, c.createdAt, c.editedAt, c.status, c.sending, c.pinned, c.parentId, c.reports, c.reportReasons?.join('\n'),
  c.author.name, c.author.url, c.author.avatarUrl, c.author.roles?.join('\n'),
];

/** What a comment shows but its actions: avatar, meta line and body. Drawn again only when these change. */
function content(v: View, c: ThreadComment, to: string | undefined, edit: boolean): DocumentFragment {
  const { s, lang } = v;
  const name = c.author.name || s.anonymous;
  const src = safeUrl(c.author.avatarUrl);
  const img = src ? h('img', { src, alt: '', loading: 'lazy' }) : undefined;
  img?.addEventListener('error', hide);
  const avatar = h('span', { part: 'avatar', class: 'avatar', 'aria-hidden': 'true' }, initials(name), img);
  avatar.style.setProperty('--h', String(hue(name)));
  const roles = c.author.roles?.length ? [...new Set(c.author.roles)].filter(Boolean) : [];
  const author = h('a', { part: 'author', href: safeUrl(c.author.url), rel: 'nofollow ugc noopener noreferrer' }, h('bdi', {}, name));
  const meta = h(
    'div', { part: 'meta', class: 'meta' },
    h('h3', { class: 'name' }, author),
    ...roles.map((r) => badge(v, r)),
    to !== undefined && h('span', { part: 'replying-to', class: 'replying' }, fill(s.replyingTo, { name: to || s.anonymous })),
    timestamp(c.createdAt, lang),
    ...marks(v, c),
  );
  const body = h('div', { part: 'body', class: 'body', dir: 'auto' }, paragraphs(c.body, s.readMore));
  body.hidden = edit;
  const fragment = document.createDocumentFragment();
  fragment.append(avatar, meta, body);
  return fragment;
}

/**
 * A comment's `article`. Its content and its actions are drawn apart, so that what changes one
 * (the session arriving changes the rights, so the actions) leaves the other as it is.
 */
function article(v: View, c: ThreadComment, to: string | undefined, open: string, reported: boolean): TemplateResult {
  const { s } = v;
  if (c.status === 'deleted') {
    return html`<article part="comment deleted" class="deleted" aria-label=${s.deletedLabel} tabindex="-1" .textContent=${s.deleted}></article>`;
  }
  const edit = open === 'edit';
  return html`
    <article part=${c.sending ? 'comment sending' : 'comment'} class=${c.sending ? 'sending' : ''} aria-label=${c.author.name || s.anonymous} tabindex="-1">
      ${guard([...shown(c), v.gen, to, edit], () => content(v, c, to, edit))}
      ${guard([c, v.acts, open, reported], () => (c.sending || edit ? nothing : actions(v, c, open, reported)))}
    </article>
  `;
}

/**
 * The open panel under the comment `c`: a reply or edit box, the delete question or a report form.
 * A reply or edit box whose comment was deleted meanwhile says so, keeps its text and posts it as a
 * new comment.
 */
export function panel(v: View, c: ThreadComment, kind: PanelKind): TemplateResult {
  const { s } = v;
  if (v.gone?.id === c.id && (kind === 'reply' || kind === 'edit')) {
    const slot = `${kind === 'reply' ? 'r' : 'e'}:${c.id}`;
    return html`
      <p part="error" class="gone">${kind === 'reply' ? s.replyGone : s.editGone}</p>
      ${composer(v, slot, v.compose(slot), s.commentLabel, s.post)}
    `;
  }
  if (kind === 'reply') {
    const slot = `r:${c.id}`;
    return composer(v, slot, v.compose(slot), fill(s.replyLabel, { name: c.author.name || s.anonymous }), s.postReply);
  }
  if (kind === 'edit') {
    const slot = `e:${c.id}`;
    return composer(v, slot, v.compose(slot), s.editLabel, s.save);
  }
  const error = v.panelError ? html`<p part="error">${v.panelError}</p>` : nothing;
  if (kind === 'delete') {
    return html`
      <div part="confirm" data-panel role="group" aria-label=${s.deleteConfirm}>
        <p>${s.deleteConfirm}</p>
        ${error}
        <div class="row">
          <button class="danger solid" data-act="confirm">${s.delete}</button>
          <button data-act="close">${s.cancel}</button>
        </div>
      </div>
    `;
  }
  return html`
    <form part="form" data-slot="report" data-panel>
      <label>
        ${s.reportLabel}
        <input name="reason" required maxlength="500">
      </label>
      ${error}
      <div class="row">
        <button type="button" data-act="close">${s.cancel}</button>
        <button part="submit">${s.reportSend}</button>
      </div>
    </form>
  `;
}

/**
 * A node and everything below it, in order, each with the name it replies to: the replies shown
 * at the deepest level. A loop over a stack, so that no depth overflows it.
 */
function flatten(nodes: ThreadNode[]): [ThreadNode, string?][] {
  const out: [ThreadNode, string?][] = [];
  const stack: [ThreadNode, string?][] = nodes.map((n): [ThreadNode] => [n]).reverse();
  while (stack.length) {
    const entry = stack.pop()!;
    out.push(entry);
    const name = entry[0].comment.author.name;
    for (let i = entry[0].replies.length - 1; i >= 0; i--) stack.push([entry[0].replies[i]!, name]);
  }
  return out;
}

/** What may follow a comment in its item: its open panel, and the toggle and list of its replies (one part). */
function below(v: View, n: ThreadNode, level: number, open: PanelKind | '', nested: boolean): unknown {
  const { comment: c, count } = n;
  if (!open && !nested) return nothing;
  const shut = v.collapsed.has(c.id);
  return html`
    ${open ? panel(v, c, open) : nothing}
    ${nested
      ? html`
        <button part="toggle" class="toggle" data-act="toggle" aria-expanded=${!shut} aria-controls=${idOf('replies', c.id)} .textContent=${plural(shut ? v.s.showReplies : v.s.hideReplies, count, v.lang)}></button>
        <ol part="replies" class="replies" role="list" id=${idOf('replies', c.id)} ?hidden=${shut}>${shut ? nothing : items(v, n.replies, level + 1)}</ol>`
      : nothing}
  `;
}

function item(v: View, n: ThreadNode, level: number, to?: string): TemplateResult {
  const c = n.comment;
  const open = v.open?.id === c.id ? v.open.kind : '';
  return html`
    <li data-id=${c.id} aria-level=${level}>
      ${article(v, c, to, open, v.reported.has(c.id))}
      ${below(v, n, level, open, level < v.maxDepth && n.count > 0)}
    </li>
  `;
}

/**
 * The list items of `nodes` at `level` (roots are level 1): nested lists below `maxDepth`, and at
 * it every deeper reply in the same list, marked as replying to its parent's author. An item is
 * drawn again only when its node changed (the tree keeps unchanged nodes the same objects), or what
 * the element holds about it, or what every comment shows: a live reply draws its own item and the
 * items above it, not the thousand beside them.
 */
export const items = (v: View, nodes: ThreadNode[], level: number): unknown => {
  const deepest = level >= v.maxDepth;
  return repeat(
    deepest ? flatten(nodes) : nodes.map((n): [ThreadNode] => [n]),
    ([n]) => n.comment.id,
    ([n, to]) => guard([deepest ? n.comment : n, to, v.gen, v.acts, v.mark(n.comment.id)], () => item(v, n, level, to)),
  );
};

/** A placeholder shaped like the list while the first page loads. */
export const skeleton = (): TemplateResult => html`
  <div aria-hidden="true">
    <div class="bone"></div>
    <div class="bone"></div>
    <div class="bone"></div>
  </div>
`;
