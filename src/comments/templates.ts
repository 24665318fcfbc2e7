import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { absoluteTime, fill, plural, relativeTime } from '../i18n/intl.js';
import type { ModerationAction, Viewer } from '../model/types.js';
import type { Compose } from '../stores/composer.js';
import type { ThreadComment, ThreadNode } from '../stores/thread.js';
import type { ErrorMessages } from '../ui/announcer.js';
import { cssProps } from '../ui/css-props.js';
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
  /** A new value whenever anything every comment shows changes (strings, locale, time, rights). */
  gen: string;
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
  /** The state of the composer in a slot (read only: reading keeps nothing). */
  compose(slot: string): Compose;
}

/** Replaces an avatar image that failed to load by the initials below it. */
function hide(e: Event): void {
  (e.target as HTMLElement).hidden = true;
}

/** A role as a part name: `badge-moderator`, `badge-author`, `badge-<role>` in lower case. */
const partOf = (role: string) => `badge badge-${role.toLowerCase().replace(/[^a-z0-9_-]+/g, '-')}`;

/** A moderator's decision on the comment: its button's part is `<action>-button`. */
const decide = (v: View, action: ModerationAction) =>
  html`<button part="${action === 'unpin' ? 'pin' : action}-button" data-act=${action}>${v.s[action]}</button>`;

function actions(v: View, c: ThreadComment, open: string, reported: boolean): TemplateResult {
  const { s, can } = v;
  const live = c.status === 'published';
  const mine = !!c.viewerCanEdit;
  const moderate = can.moderate && !c.sending;
  // Reply, edit, delete and report open a panel; each button's part is `<kind>-button`.
  const toggle = (kind: PanelKind, shown: boolean) => shown && can[kind]
    ? html`<button part="${kind}-button" data-act=${kind} aria-expanded=${open === kind}>${s[kind]}</button>`
    : nothing;
  return html`
    <div part="actions">
      ${can.like && live
        ? html`<button part="like-button" data-act="like" aria-pressed=${!!c.viewerLiked}>${s.like}</button>`
        : nothing}
      ${c.likes > 0 ? html`<span part="likes">${plural(s.likes, c.likes, v.lang)}</span>` : nothing}
      ${toggle('reply', live)}
      ${toggle('edit', mine)}
      ${moderate && c.status === 'pending' ? [decide(v, 'approve'), decide(v, 'reject')] : nothing}
      ${moderate && live && c.parentId === null ? decide(v, c.pinned ? 'unpin' : 'pin') : nothing}
      ${toggle('delete', mine || moderate)}
      ${reported && can.report && live && !mine
        ? html`<span part="state">${s.reported}</span>`
        : toggle('report', live && !mine)}
    </div>
  `;
}

/** "Reported 2 times: Spam; Ads": how many readers reported the comment, and why. */
function reportsOf(v: View, count: number, reasons: string[] = []): string {
  const times = plural(v.s.reportCount, count, v.lang);
  return reasons.length ? fill(v.s.reportsWhy, { count: times, reasons: reasons.join('; ') }) : times;
}

function badge(v: View, role: string): TemplateResult {
  const label = role === 'moderator' ? v.s.roleModerator : role === 'author' ? v.s.roleAuthor : role;
  return html`<span part=${partOf(role)}>${label}</span>`;
}

function article(v: View, c: ThreadComment, to: string | undefined, open: string, reported: boolean): TemplateResult {
  const { s, lang } = v;
  if (c.status === 'deleted') {
    return html`<article part="comment deleted" aria-label=${s.deletedLabel} tabindex="-1">${s.deleted}</article>`;
  }
  const name = c.author.name || s.anonymous;
  const avatar = safeUrl(c.author.avatarUrl);
  const roles = [...new Set(c.author.roles ?? [])].filter(Boolean);
  const state = c.sending ? s.sending : c.status === 'pending' ? s.pending : '';
  const reports = v.can.moderate ? c.reports ?? 0 : 0;
  return html`
    <article part="comment${c.sending ? ' sending' : ''}" aria-label=${name} tabindex="-1">
      <span part="avatar" aria-hidden="true" .style=${cssProps({ '--h': hue(name) })}>
        ${initials(name)}
        ${avatar ? html`<img src=${avatar} alt="" loading="lazy" @error=${hide}>` : nothing}
      </span>
      <div part="meta">
        <a part="author" href=${safeUrl(c.author.url) ?? nothing} rel="nofollow ugc noopener noreferrer"><bdi>${name}</bdi></a>
        ${roles.map((r) => badge(v, r))}
        ${to === undefined
          ? nothing
          : html`<span part="replying-to">${fill(s.replyingTo, { name: to || s.anonymous })}</span>`}
        <time part="timestamp" datetime=${c.createdAt} title=${absoluteTime(c.createdAt, lang)}>${relativeTime(c.createdAt, lang)}</time>
        ${c.editedAt
          ? html`<span part="edited" title=${fill(s.editedAt, { time: absoluteTime(c.editedAt, lang) })}>${s.edited}</span>`
          : nothing}
        ${state ? html`<span part="state${c.status === 'pending' ? ' pending' : ''}">${state}</span>` : nothing}
        ${c.pinned && c.parentId === null ? html`<span part="pinned">${s.pinnedMark}</span>` : nothing}
        ${reports > 0 ? html`<span part="reports">${reportsOf(v, reports, c.reportReasons)}</span>` : nothing}
      </div>
      <div part="body" dir="auto" ?hidden=${open === 'edit'}>${paragraphs(c.body)}</div>
      ${c.sending || open === 'edit' ? nothing : actions(v, c, open, reported)}
    </article>
  `;
}

/** The open panel under the comment `c`: a reply or edit box, the delete question or a report form. */
function panel(v: View, c: ThreadComment, kind: PanelKind): TemplateResult {
  const { s } = v;
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
          <button data-act="confirm">${s.delete}</button>
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

/** A node and, at the deepest level, everything below it, each with the name it replies to. */
function flatten(nodes: ThreadNode[], out: [ThreadNode, string?][] = [], to?: string): [ThreadNode, string?][] {
  for (const n of nodes) {
    out.push([n, to]);
    flatten(n.replies, out, n.comment.author.name);
  }
  return out;
}

function item(v: View, n: ThreadNode, level: number, to?: string): TemplateResult {
  const { comment: c, count } = n;
  const open = v.open?.id === c.id ? v.open.kind : '';
  const reported = v.reported.has(c.id);
  const shut = v.collapsed.has(c.id);
  const nested = level < v.maxDepth && count > 0;
  return html`
    <li data-id=${c.id} aria-level=${level}>
      ${guard([c, v.gen, open, reported, to], () => article(v, c, to, open, reported))}
      ${open ? panel(v, c, open) : nothing}
      ${nested
        ? html`
          <button part="toggle" data-act="toggle" aria-expanded=${!shut}>${plural(shut ? v.s.showReplies : v.s.hideReplies, count, v.lang)}</button>
          ${shut ? nothing : html`<ol part="replies" role="list">${items(v, n.replies, level + 1)}</ol>`}`
        : nothing}
    </li>
  `;
}

/**
 * The list items of `nodes` at `level` (roots are level 1): nested lists below `maxDepth`, and at
 * it every deeper reply in the same list, marked as replying to its parent's author.
 */
export const items = (v: View, nodes: ThreadNode[], level: number): unknown =>
  repeat(
    level >= v.maxDepth ? flatten(nodes) : nodes.map((n): [ThreadNode] => [n]),
    ([n]) => n.comment.id,
    ([n, to]) => item(v, n, level, to),
  );

/** A placeholder shaped like the list while the first page loads. */
export const skeleton = (): TemplateResult => html`
  <div aria-hidden="true">
    <div class="bone"></div>
    <div class="bone"></div>
    <div class="bone"></div>
  </div>
`;
