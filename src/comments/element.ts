import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ClockController, TICK_MS } from '../i18n/clock.js';
import { absoluteTime, fill, plural, relativeTime } from '../i18n/intl.js';
import { AdapterError } from '../model/errors.js';
import type { CommentsAdapter, ModerationAction, SortOrder } from '../model/types.js';
import { ExperienceWidget } from '../provider/widget.js';
import { ComposerStore, type ComposerState } from '../stores/composer.js';
import { StoreController } from '../stores/controller.js';
import { DEFAULT_SESSION, sessionStore, type SessionState } from '../stores/session.js';
import { revealed, threadStore, type ThreadComment, type ThreadState, type ThreadStore } from '../stores/thread.js';
import { Announcer, explain } from '../ui/announcer.js';
import { EventQueue } from '../ui/events.js';
import { focusOn } from '../ui/focus.js';
import { missingAdapterNotice } from '../ui/missing-adapter.js';
import { NearViewportController } from '../ui/near-viewport.js';
import { WidthController } from '../ui/width.js';
import { composer } from './composer.js';
import { CommentPostedEvent, CommentsErrorEvent, CommentsReadyEvent, type CommentsOperation } from './events.js';
import { articleOf, PanelsController } from './panels.js';
import { commentsErrors, defaultCommentsStrings, SORT_LABELS, type CommentsStrings } from './strings.js';
import { styles } from './styles.js';
import { items, panel, skeleton, type View } from './templates.js';

/** The deepest level drawn nested, whatever `max-depth` says: deeper replies show at it. */
const MAX_DEPTH = 12;

/** How long a first page that came before the session waits for it, at most (see `waitsForSession`). */
export const SESSION_GRACE = 60;

/** A number per strings table (the same tables merge into the same object, `stringsFor`). */
const tables = new WeakMap<object, number>();
let tablesSeen = 0;
const tableId = (s: object): number => {
  let id = tables.get(s);
  if (id === undefined) tables.set(s, (id = ++tablesSeen));
  return id;
};

/** What each moderator's decision announces. */
const DONE = { approve: 'approved', reject: 'rejected', pin: 'pinned', unpin: 'unpinned' } as const;

/**
 * Threaded comments under an article: read, sort, page, collapse, reply, like, edit, delete and
 * report, with drafts that survive a reload and live updates from others.
 *
 * @summary Threaded comments with badges, replies, drafts and live updates.
 *
 * @slot header - Extra content in the header, between the count and the sort control.
 * @slot empty - What shows when the thread has no comments yet.
 *
 * @fires {CommentsReadyEvent} experience-ready - The first page arrived; `detail.total` is the count.
 * @fires {CommentPostedEvent} experience-comment-posted - The server accepted a comment; `detail.comment`.
 * @fires {CommentsErrorEvent} experience-error - A call failed; `detail.operation` and `detail.error` (an `AdapterError`).
 *
 * @csspart header - The header: count, `header` slot and sort control.
 * @csspart count - The heading with the number of comments.
 * @csspart sort - The sort `select`.
 * @csspart list - The list of root comments.
 * @csspart comment - Each comment (an `article`); also `deleted` or `sending` when it is one.
 * @csspart deleted - The placeholder of a deleted comment that has replies.
 * @csspart sending - A comment whose post is in flight.
 * @csspart avatar - The avatar: the image, or initials on a colour derived from the name.
 * @csspart meta - The line with the author, badges, time and marks.
 * @csspart author - The author's name (a link when the author has an http/https URL).
 * @csspart badge - Every role badge.
 * @csspart badge-moderator - The moderator badge; every role `ROLE` has `badge-ROLE`.
 * @csspart badge-author - The badge of the article's author.
 * @csspart replying-to - "Replying to …" on replies shown at the deepest level.
 * @csspart timestamp - The `time` element.
 * @csspart edited - The edited mark.
 * @csspart state - "Sending…", "Awaiting moderation" and the thank-you after a report.
 * @csspart body - The comment's text.
 * @csspart actions - The row of action buttons.
 * @csspart like-button - The like toggle.
 * @csspart likes - The number of likes.
 * @csspart reply-button - Opens the reply box.
 * @csspart edit-button - Opens the edit box (own comments).
 * @csspart delete-button - Asks whether to delete (own comments).
 * @csspart report-button - Opens the report form.
 * @csspart approve-button - A moderator's Approve, on a comment awaiting moderation.
 * @csspart reject-button - A moderator's Reject, on a comment awaiting moderation.
 * @csspart pin-button - A moderator's Pin or Unpin, on a root comment.
 * @csspart pinned - The mark on a pinned comment (pinned roots come first in every sort).
 * @csspart reports - A moderator's view of how many readers reported a comment.
 * @csspart pending - The "Awaiting moderation" mark (also a `state`).
 * @csspart confirm - The delete question.
 * @csspart replies - A nested list of replies.
 * @csspart toggle - Hides or shows a comment's replies.
 * @csspart form - A composer (the top one, a reply box or an edit box) or the report form.
 * @csspart textarea - A composer's text field.
 * @csspart name-input - The name field for anonymous posting.
 * @csspart counter - The characters left, shown near the limit.
 * @csspart hint - The keyboard shortcut hint.
 * @csspart submit - A composer's send button.
 * @csspart load-more - Loads the next page of comments.
 * @csspart new-comments - Shows the new comments that arrived from others, 200 a press (a flood's replies too).
 * @csspart error - An error message (loading, or in a composer).
 * @csspart empty - The empty state around the `empty` slot.
 * @csspart status - The visually hidden live region that announces changes.
 *
 * @cssprop [--experience-accent=light-dark(#0a5cc2, #6cb0ff)] - Links, buttons, focus rings.
 * @cssprop [--experience-on-accent=light-dark(#fff, #0d1117)] - Text on the accent colour.
 * @cssprop [--experience-text=light-dark(#1f2328, #e6edf3)] - Text.
 * @cssprop [--experience-muted=light-dark(#56606b, #9ea7b3)] - Secondary text: times, counts, marks.
 * @cssprop [--experience-surface=light-dark(#fff, #0d1117)] - Background.
 * @cssprop [--experience-border=light-dark(#d1d9e0, #3d444d)] - Borders, reply lines, the skeleton.
 * @cssprop [--experience-danger=light-dark(#c0212c, #ff7b72)] - Error messages.
 * @cssprop [--experience-radius=8px] - Corner radius of comments, fields and buttons.
 * @cssprop [--experience-font=inherit] - The `font` shorthand.
 * @cssprop [--experience-indent=1.0625rem] - Indentation of each reply level, up to its thread line (by default under the middle of the avatar); narrower in a narrow element.
 * @cssprop [--experience-avatar-size=2.25rem] - Avatar width and height.
 * @cssprop [--experience-badge-bg=light-dark(#eaeef2, #262c36)] - Badges of other roles.
 * @cssprop [--experience-badge-moderator-bg=light-dark(#d2f4dc, #16432a)] - The moderator badge.
 * @cssprop [--experience-badge-author-bg=light-dark(#d8ecff, #13315c)] - The author badge.
 * @cssprop [--experience-liked=light-dark(#c4154f, #ff7eb0)] - A liked like button and its filled heart.
 * @cssprop [--experience-pending-bg=light-dark(#fff1c2, #3d3000)] - The "Awaiting moderation" badge.
 * @cssprop [--experience-pending-text=light-dark(#6b4400, #f5d77a)] - Its text.
 */
export class ExperienceComments extends ExperienceWidget<CommentsAdapter, CommentsStrings> {
  static override styles = styles;

  /** The thread's id (required). */
  @property({ reflect: true }) thread = '';
  /** The order of root comments. */
  @property({ reflect: true }) sort: SortOrder = 'newest';
  /** Root comments per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;
  /**
   * Levels shown nested (roots are level 1); deeper replies show at the last level. A narrow
   * element nests fewer: two levels under 360 px of its own width, three under 560 px.
   */
  @property({ type: Number, attribute: 'max-depth' }) maxDepth = 4;
  /** Hides the composer and every action that writes. */
  @property({ type: Boolean, reflect: true }) readonly = false;
  /** Fetches nothing until the element nears the viewport. */
  @property({ type: Boolean }) lazy = false;

  private near = new NearViewportController(this);
  private width = new WidthController(this);
  /** The reader changed the order: once its comments are there, that is announced. */
  private resorted = false;
  private live = new Announcer(this);
  private panels = new PanelsController(this);
  private thread$ = new StoreController<ThreadState>(this);
  private session$ = new StoreController<SessionState>(this);
  private composers$ = new StoreController<ComposerState>(this);
  private store?: ThreadStore | undefined;
  private composers?: ComposerStore | undefined;
  /** The thread state the last update saw, to tell what changed. */
  private seen?: ThreadState | undefined;
  private collapsed = new Set<string>();
  private events = new EventQueue(this);
  /** What the templates show, derived in willUpdate before every render. */
  declare private view: View;
  /** A number per comment, raised when what this element holds about it or below it changed (see `View.mark`). */
  private marks = new Map<string, number>();
  /** What the open panel showed at the last update: when it changes, its comments are marked. */
  private panelSeen: unknown[] = [];
  /**
   * The comment of the open reply or edit box as last seen published; `gone` once it was deleted
   * or left the thread while the box was open (the box stays, with its text and a notice).
   */
  private openComment?: ThreadComment | undefined;
  private gone?: ThreadComment | undefined;
  /** Until when the first page waits for the session (`waitsForSession`); 0 before it began. */
  private sessionWait = 0;
  /** The minute the times on screen were last written for. */
  private minute = 0;

  constructor() {
    super();
    new ClockController(this, () => this.tick());
  }

  protected override willUpdate(): void {
    this.near.watch(this.lazy);
    const { adapter, lang, strings } = this.settings(defaultCommentsStrings);
    this.follow(adapter && this.thread && (this.near.near || !this.lazy) ? adapter : undefined);
    const latest = this.thread$.value;
    // What this update shows: the state last shown while the first page waits for the session.
    const st = this.waitsForSession(latest) ? this.seen : latest;
    // On every update, not only when the thread changed: opening a box changes no thread state, and
    // the box must know its comment before someone deletes it.
    if (st) this.followOpen(st);
    this.view = this.derive(adapter, lang, strings);
    this.markPanel();
    if (st && st !== this.seen) this.react(st, this.seen);
    this.seen = st;
  }

  /**
   * Whether the first page `st`, here before the session, waits for it (at most `SESSION_GRACE`,
   * the skeleton showing meanwhile): its comments are then drawn once, with their actions, instead
   * of drawn and drawn again when the session arrives.
   */
  private waitsForSession(st: ThreadState | undefined): boolean {
    if (st?.status !== 'ready' || this.seen?.status === 'ready' || this.readonly || this.session$.value?.status !== 'loading') return false;
    if (!this.sessionWait) {
      this.sessionWait = Date.now() + SESSION_GRACE;
      setTimeout(() => this.requestUpdate(), SESSION_GRACE);
    }
    return Date.now() < this.sessionWait;
  }

  protected override updated(): void {
    // The first update draws every time as it is now; later ones, once a minute has passed since.
    const minute = Math.floor(Date.now() / TICK_MS);
    if (!this.minute) this.minute = minute;
    else if (minute !== this.minute) this.tick();
  }

  /**
   * The minute tick: every time on screen written again, directly, without drawing anything else
   * (a thread of 5,000 comments does not render for it).
   */
  private tick(): void {
    this.minute = Math.floor(Date.now() / TICK_MS);
    const lang = this.view?.lang;
    if (!lang) return;
    for (const time of this.renderRoot.querySelectorAll('time')) {
      const text = relativeTime(time.dateTime, lang);
      // The text node that Lit's part writes; it compares with what it wrote last, so both agree.
      const node = time.lastChild;
      if (node instanceof Text && node.data !== text) node.data = text;
    }
  }

  /** Marks the comment `id` and every comment above it as changed, so that their items draw again. */
  private touch(id: string | undefined): void {
    const byId = this.thread$.value?.byId;
    for (let n = id ? byId?.get(id) : undefined; n; n = n.comment.parentId === null ? undefined : byId!.get(n.comment.parentId)) {
      this.marks.set(n.comment.id, (this.marks.get(n.comment.id) ?? 0) + 1);
    }
  }

  /** Marks the comments of the panel that was open and of the one open now when what it shows changed. */
  private markPanel(): void {
    const { open, error, reported } = this.panels;
    const now = [open?.kind, open?.id, error, reported.size, this.composers$.value, this.view.acts];
    if (now.every((x, i) => x === this.panelSeen[i])) return;
    this.touch(this.panelSeen[1] as string | undefined);
    this.touch(open?.id);
    this.panelSeen = now;
  }

  /**
   * Follows the comment of the open reply or edit box. When it is deleted or leaves the thread
   * (someone else deleted it), the box stays open with its text, now kept as a draft, and a notice;
   * it posts as a new comment. Focus inside a box that leaves the page moves to the box that stays.
   */
  private followOpen(st: ThreadState): void {
    const open = this.panels.open;
    if (!open || (open.kind !== 'reply' && open.kind !== 'edit')) {
      this.openComment = this.gone = undefined;
      return;
    }
    const c = st.byId.get(open.id)?.comment;
    if (c?.status === 'published' || c?.status === 'pending') {
      if (!this.gone) this.openComment = c;
      return;
    }
    if (this.gone || this.openComment?.id !== open.id) return;
    this.gone = this.openComment;
    const slot = `${open.kind === 'reply' ? 'r' : 'e'}:${open.id}`;
    this.composers?.keep(slot);
    const s = this.view.s;
    this.live.say(open.kind === 'reply' ? s.replyGone : s.editGone);
    if (!c && this.shadowRoot?.activeElement?.closest('[data-panel]')) void focusOn(this, '[data-gone] textarea');
  }

  /**
   * Follows the thread store of `adapter` for this thread, order and page size (or none). Another
   * thread or backend starts afresh: no panel open, nothing collapsed, its own drafts and session;
   * another order or page size of the same thread keeps them.
   */
  private follow(adapter: CommentsAdapter | undefined): void {
    const store = adapter && threadStore(adapter, this.thread, { sort: this.sort, limit: this.pageSize });
    if (store === this.store) return;
    if (!this.composers?.serves(adapter, this.thread)) {
      this.panels.reset();
      this.collapsed.clear();
      this.composers = adapter && new ComposerStore(adapter, this.thread, (slot) => this.bodyOf(slot));
      this.composers$.use(this.composers?.$state);
      this.session$.use(adapter && sessionStore(adapter));
    }
    this.store = store;
    this.seen = undefined;
    this.sessionWait = 0;
    this.thread$.use(store);
  }

  /** The text an edit box starts from: the comment's own. */
  private bodyOf(slot: string): string {
    const id = slot.slice(2);
    const known = this.gone?.id === id ? this.gone : this.thread$.value?.byId.get(id)?.comment;
    return (slot.startsWith('e:') && known?.body) || '';
  }

  /** What the templates show, from the properties, the session and the panels. */
  private derive(adapter: CommentsAdapter | undefined, lang: string, s: CommentsStrings): View {
    const session = this.session$.value;
    const { viewer, allowAnonymous, maxLength } = session?.session ?? DEFAULT_SESSION;
    // The composer or the invitation to sign in shows, not in a read-only element, and only once
    // the session is known (before, or when it failed, a signed-in reader would be asked for a name).
    const joinable = !this.readonly && session?.status === 'ready';
    // What the reader may do: nothing in a read-only element, else what the adapter and session allow.
    const a: Partial<CommentsAdapter> = (!this.readonly && adapter) || {};
    const write = joinable && !!(viewer || allowAnonymous);
    const moderator = !!a.moderate && !!viewer?.roles?.includes('moderator');
    const depth = this.width.depth(Math.min(MAX_DEPTH, Math.max(1, this.maxDepth || 1)));
    const can = {
      reply: write, like: write && !!a.react, edit: !!a.updateComment, delete: !!a.deleteComment, report: !!a.report,
      moderate: moderator,
    };
    return {
      s,
      lang,
      errors: commentsErrors(s),
      // Equal strings for equal inputs: `guard` draws every comment's text again when one of these
      // changed, and every comment's actions when the other did (the session arriving changes only
      // that). The minute tick writes the times itself (`tick`).
      gen: `${tableId(s)}|${lang}|${depth}|${moderator}`,
      acts: `${tableId(s)}|${lang}|${JSON.stringify(can)}|${!viewer && allowAnonymous}`,
      mark: (id) => this.marks.get(id),
      gone: this.gone,
      maxDepth: depth,
      can,
      joinable,
      viewer,
      open: this.panels.open,
      collapsed: this.collapsed,
      reported: this.panels.reported,
      panelError: this.panels.error,
      maxLength,
      askName: !viewer && allowAnonymous,
      name: this.composers?.name ?? '',
      compose: (slot) => this.composers!.read(slot),
    };
  }

  /** Announces what changed in the thread, and fires `experience-ready` and `experience-error` (after this update). */
  private react(st: ThreadState, before?: ThreadState): void {
    const { s, lang } = this.view;
    if (st.status !== before?.status) {
      if (st.status === 'loading') this.live.say(s.loading);
      if (st.status === 'ready') {
        this.live.say(this.resorted ? fill(s.sorted, { order: s[SORT_LABELS[this.sort]] }) : plural(s.loaded, st.total, lang));
        this.resorted = false;
        this.events.fire(new CommentsReadyEvent(st.total));
      }
    }
    if (st.error && st.error !== before?.error) this.fail('load', st.error, s.loadError);
    const waiting = revealed(st).length;
    if (before && waiting > revealed(before).length) this.live.say(plural(s.newComments, waiting, lang));
    // The reader asked for more: focus goes to the first comment that came, not back to the page.
    const next = before?.more === 'loading' && st.more === 'idle' && st.roots[before.roots.length];
    if (next && this.shadowRoot?.activeElement?.matches('[part~=load-more]')) void focusOn(this, articleOf(next.comment.id));
  }

  /**
   * Announces a failure, fires `experience-error` (after the update), and returns the message to show. The thread
   * store rejects with an `AdapterError`; anything else (a bug of ours) is wrapped as `unknown`,
   * so that the reader still gets a message.
   */
  private fail(operation: CommentsOperation, e: unknown, lead = this.view.s.failed): string {
    const error = AdapterError.from(e);
    const reason = explain(error, this.view.errors, this.view.lang);
    this.live.say(fill(lead.includes('{reason}') ? lead : `${lead} {reason}`, { reason }));
    this.events.fire(new CommentsErrorEvent(operation, error));
    return reason;
  }

  override render(): TemplateResult {
    if (this.missingAdapter) return missingAdapterNotice(this.view.s.noAdapter);
    const st = this.seen;
    const v = this.view;
    const { s, lang } = v;
    const loading = st?.status === 'loading';
    const ready = st?.status === 'ready';
    return html`
      <section
        aria-labelledby="heading"
        @click=${this.onClick}
        @input=${this.onInput}
        @keydown=${this.onKey}
        @submit=${this.onSubmit}
        @focusin=${this.onTime}
        @pointerover=${this.onTime}
      >
        ${this.live.render()}
        <header part="header">
          <h2 part="count" id="heading" tabindex="-1">${ready ? plural(s.count, st.total, lang) : s.title}</h2>
          <slot name="header"></slot>
          <label class="row">
            ${s.sortLabel}
            <select part="sort" @change=${this.onSort}>
              ${Object.entries(SORT_LABELS).map(([o, label]) => html`<option value=${o} ?selected=${o === this.sort}>${s[label]}</option>`)}
            </select>
          </label>
        </header>
        ${this.session$.value?.status === 'error' && !this.readonly ? this.problem(this.session$.value.error!, s.sessionFailed, 'session') : nothing}
        ${!v.joinable ? nothing : v.can.reply ? composer(v, '', v.compose(''), s.commentLabel, s.post) : html`<p>${s.signIn}</p>`}
        ${st?.status === 'error' ? this.problem(st.error!, s.loadError, 'retry') : nothing}
        ${!st || (loading && !st.roots.length) ? skeleton() : nothing}
        ${st?.fresh.length
          ? html`<button part="new-comments" data-act="fresh">${plural(s.newComments, revealed(st).length, lang)}</button>`
          : nothing}
        ${this.gone && !st?.byId.has(this.gone.id) && this.panels.open?.id === this.gone.id
          ? html`<div data-gone>${panel(v, this.gone, this.panels.open.kind)}</div>`
          : nothing}
        ${st?.roots.length
          ? html`<ol part="list" class="list" role="list" aria-busy=${loading}>${items(v, st.roots, 1)}</ol>`
          : ready ? html`<div part="empty"><slot name="empty">${s.empty}</slot></div>` : nothing}
        ${st?.more === 'error' ? this.problem(st.error!, '', 'more') : nothing}
        ${st?.cursor && ready
          ? html`<button part="load-more" data-act="more" aria-disabled=${st.more === 'loading'}>${st.more === 'loading' ? s.loadingMore : s.loadMore}</button>`
          : nothing}
      </section>
    `;
  }

  private problem(error: AdapterError, lead: string, act: string): TemplateResult {
    return html`
      <div part="error">
        <p>${lead} ${explain(error, this.view.errors, this.view.lang)}</p>
        <button class="retry" data-act=${act}>${this.view.s.retry}</button>
      </div>
    `;
  }

  private onSort(e: Event): void {
    this.sort = (e.target as HTMLSelectElement).value as SortOrder;
    this.resorted = true;
  }

  private onClick(e: Event): void {
    const button = (e.target as Element).closest<HTMLElement>('[data-act]:not([aria-disabled=true])');
    if (!button) return;
    const act = button.dataset.act!;
    const id = button.closest<HTMLElement>('[data-id]')?.dataset.id ?? '';
    const store = this.store!;
    switch (act) {
      case 'reply':
      case 'edit':
      case 'delete':
      case 'report':
        return this.panels.toggle(act, id);
      case 'close':
        return this.panels.close();
      case 'toggle':
        if (!this.collapsed.delete(id)) this.collapsed.add(id);
        this.touch(id);
        return this.requestUpdate();
      case 'like':
        return void store.like(id).catch((err: unknown) => this.fail('like', err));
      case 'confirm': {
        const mine = this.thread$.value?.byId.get(id)?.comment.viewerCanEdit;
        return void this.act('delete', id, () => store.remove(id), mine ? this.view.s.removed : this.view.s.deletedDone, [articleOf(id), ...this.around(id)]);
      }
      case 'fresh': {
        // The first new root where the order puts it, or the first new reply when none is a root.
        const shown = revealed(this.thread$.value!);
        const roots = shown.filter((c) => c.parentId === null);
        const first = roots.at(this.thread$.value!.sort === 'oldest' ? 0 : -1) ?? shown[0]!;
        store.showFresh();
        return void focusOn(this, articleOf(first.id));
      }
      case 'approve':
      case 'reject':
      case 'pin':
      case 'unpin':
        return void this.moderate(act, id);
      case 'more':
        return store.loadMore();
      case 'retry':
        return store.reload();
      case 'session':
        return void sessionStore(this.settings(defaultCommentsStrings).adapter!).reload();
    }
  }

  /**
   * Writes a time's absolute form when it is first wanted, not for every comment drawn: its `title`
   * on hover, and beside it (`data-absolute`, which the styles show) once it has the focus.
   */
  private onTime(e: Event): void {
    const time = (e.target as Element).closest?.<HTMLTimeElement>('time.time');
    if (!time || time.title) return;
    time.title = time.dataset.absolute = absoluteTime(time.dateTime, this.view.lang);
  }

  private onInput(e: Event): void {
    const { name, value, form } = e.target as HTMLTextAreaElement;
    if (name === 'name') this.composers!.setName(value);
    else if (name === 'body') this.composers!.input(form!.dataset.slot!, value);
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target as HTMLTextAreaElement;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && target.matches('textarea')) {
      e.preventDefault();
      target.form!.requestSubmit();
    } else if (e.key === 'Escape' && target.closest('[data-panel]')) {
      e.preventDefault();
      this.panels.close();
    }
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    if (form.dataset.slot !== 'report') return void this.send(form);
    // The report form is the open panel.
    const { id } = this.panels.open!;
    const reason = (form.elements.namedItem('reason') as HTMLInputElement).value.trim();
    void this.act('report', id, async () => {
      await this.store!.report(id, reason);
      this.panels.reported.add(id);
    }, this.view.s.reported);
  }

  /** Posts (or saves, for an edit box) what the composer `form` holds. */
  private async send(form: HTMLFormElement): Promise<void> {
    const slot = form.dataset.slot!;
    const store = this.store!;
    const composers = this.composers!;
    if (composers.read(slot).sending) return;
    const v = this.view;
    const { s, lang } = v;
    const id = slot.slice(2);
    // A box whose comment was deleted meanwhile posts its text as a new comment.
    const gone = !!slot && this.gone?.id === id;
    const edit = slot.startsWith('e:') && !gone;
    const askName = v.askName && !edit;
    const { problem, over } = composers.problem(slot, v.maxLength, askName);
    if (problem) {
      const error = problem === 'charsOver' ? plural(s.charsOver, over, lang) : s[problem];
      composers.fail(slot, error);
      // Announcing it updates the element; the field gets the focus once its error shows.
      this.live.say(error);
      await this.updateComplete;
      return form.querySelector<HTMLElement>(problem === 'needName' ? 'input' : 'textarea')!.focus();
    }
    const { body, key } = composers.begin(slot);
    try {
      const name = composers.name.trim();
      const viewer = v.viewer;
      const made = edit
        ? await store.edit(id, body)
        : await store.post({ parentId: slot && !gone ? id : null, body, ...(askName && { author: { name } }) }, viewer ? { ...viewer } : { id: '', name }, key);
      if (!edit && made.body.trim() !== body) {
        // The key replayed a version stored before the reader changed the text (a post that was
        // stored, but answered with an error): that version shows, and the newer text stays here
        // with a new key, to post again or edit into it.
        composers.renew(slot, s.replayed);
        this.live.say(s.replayed);
        return;
      }
      composers.done(slot);
      if (gone) this.gone = undefined;
      if (slot) this.panels.close(false);
      this.live.say(edit ? s.saved : made.status === 'pending' ? s.awaiting : s.posted);
      if (!edit) this.events.fire(new CommentPostedEvent(made));
      await focusOn(this, articleOf(made.id));
    } catch (e) {
      composers.fail(slot, this.fail(edit ? 'edit' : 'post', e));
    }
  }

  /**
   * A moderator's decision: announced, and the focus stays on the comment (its button may be gone),
   * or goes to the heading when the comment is.
   */
  private async moderate(action: ModerationAction, id: string): Promise<void> {
    try {
      await this.store!.moderate(id, action);
      this.live.say(this.view.s[DONE[action]]);
      await focusOn(this, articleOf(id), '#heading');
    } catch (e) {
      this.fail('moderate', e);
    }
  }

  /**
   * Runs one panel action at a time. On success the panel closes, `done` is announced and the
   * comment gets the focus (the heading, when the comment is gone); on failure the panel shows why.
   */
  private async act(operation: CommentsOperation, id: string, task: () => Promise<unknown>, done: string, then = [articleOf(id)]): Promise<void> {
    if (!(await this.panels.run(task, (e) => this.fail(operation, e)))) return;
    this.live.say(done);
    await focusOn(this, ...then, '#heading');
  }

  /**
   * Where the focus goes once the comment `id` is deleted and gone (not kept as a placeholder for
   * its replies): the comments after it on screen, then those before it, nearest first; a few of
   * each, since a delete removes one comment.
   */
  private around(id: string): string[] {
    const ids = [...this.renderRoot.querySelectorAll<HTMLElement>('li[data-id]')].map((li) => li.dataset.id!);
    const at = ids.indexOf(id);
    return [...ids.slice(at + 1, at + 4), ...ids.slice(Math.max(0, at - 3), at).reverse()].map(articleOf);
  }
}
