import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ClockController, TICK_MS } from '../i18n/clock.js';
import { fill, plural } from '../i18n/intl.js';
import { AdapterError } from '../model/errors.js';
import type { CommentsAdapter, SortOrder, Viewer } from '../model/types.js';
import { consumeProvided, settingsOf } from '../provider/context.js';
import { StoreController } from '../stores/controller.js';
import { clearDraft, draftKey, readDraft, writeDraft } from '../stores/drafts.js';
import { DEFAULT_SESSION, sessionStore, type SessionState } from '../stores/session.js';
import { threadStore, type ThreadState, type ThreadStore } from '../stores/thread.js';
import { codePoints, newIdempotencyKey } from '../util.js';
import { composer, type Compose } from './composer.js';
import { CommentPostedEvent, CommentsErrorEvent, CommentsReadyEvent, type CommentsOperation } from './events.js';
import { defaultCommentsStrings, type CommentsStrings } from './strings.js';
import { styles } from './styles.js';
import { items, skeleton, type Open, type View } from './templates.js';

/** A strings key from a prefix and a code: `sort` + `newest` is `sortNewest`, `error` + `not_found` is `errorNotFound`. */
const keyOf = (prefix: string, code: string) =>
  (prefix + code.replace(/(?:^|_)(.)/g, (_, c: string) => c.toUpperCase())) as keyof CommentsStrings;
const SORTS: SortOrder[] = ['newest', 'oldest', 'top'];
/** A comment's `article` (by the id on its `li`). */
const at = (id: string) => `li[data-id="${CSS.escape(id)}"]>article`;
let composers = 0;

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
 * @csspart new-comments - Shows the new comments that arrived from others.
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
 * @cssprop [--experience-indent=1.25rem] - Indentation of each reply level.
 * @cssprop [--experience-avatar-size=2.25rem] - Avatar width and height.
 * @cssprop [--experience-badge-bg=light-dark(#eaeef2, #262c36)] - Badges of other roles.
 * @cssprop [--experience-badge-moderator-bg=light-dark(#d2f4dc, #16432a)] - The moderator badge.
 * @cssprop [--experience-badge-author-bg=light-dark(#d8ecff, #13315c)] - The author badge.
 */
export class ExperienceComments extends LitElement {
  static override styles = styles;

  static override properties = {
    thread: { reflect: true },
    endpoint: {},
    sort: { reflect: true },
    pageSize: { type: Number, attribute: 'page-size' },
    maxDepth: { type: Number, attribute: 'max-depth' },
    locale: {},
    readonly: { type: Boolean, reflect: true },
    lazy: { type: Boolean },
    theme: { reflect: true },
    adapter: { attribute: false },
    strings: { attribute: false },
    open: { state: true },
    notice: { state: true },
    near: { state: true },
    panelError: { state: true },
  };

  /** The thread's id (required). */
  thread = '';
  /** The REST API base; used when the `adapter` property is not set. */
  endpoint?: string;
  /** The order of root comments. */
  sort: SortOrder = 'newest';
  /** Root comments per page. */
  pageSize = 20;
  /** Levels shown nested (roots are level 1); deeper replies show at the last level. */
  maxDepth = 4;
  /** A BCP 47 locale for times and numbers; default: the provider's, else the nearest `lang`. */
  locale?: string;
  /** Hides the composer and every action that writes. */
  readonly = false;
  /** Fetches nothing until the element nears the viewport. */
  lazy = false;
  /** `light`, `dark`, or `auto` (the reader's `prefers-color-scheme`). */
  theme: 'light' | 'dark' | 'auto' = 'auto';
  /** The backend; wins over `endpoint` and the provider's. */
  adapter?: CommentsAdapter;
  /** Replacement strings (see `defaultCommentsStrings`); they win over the provider's. */
  strings?: Partial<CommentsStrings>;

  /** What an `<experience-provider>` around the element gives; a change asks for an update. */
  private provided = consumeProvided(this);
  private open: Open | null = null;
  private notice?: string;
  private near?: boolean;
  private panelError = '';

  private thread$ = new StoreController<ThreadState>(this);
  private session$ = new StoreController<SessionState>(this);
  private store?: ThreadStore | undefined;
  private using?: CommentsAdapter | undefined;
  private seen?: ThreadState | undefined;
  private io?: IntersectionObserver | undefined;
  private collapsed = new Set<string>();
  private reported = new Set<string>();
  private composers = new Map<string, Compose>();
  private name = '';
  private busy?: boolean;
  declare private viewer: Viewer | null;
  declare private joinable: boolean;
  declare private view: View;
  declare private s: CommentsStrings;
  declare private loc: string;

  constructor() {
    super();
    new ClockController(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.io?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues): void {
    // Observing the element again (after a reconnection) is harmless: an observer watches a target once.
    if (this.near) this.io?.disconnect();
    else if (this.lazy) {
      (this.io ??= new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && (this.near = true), { rootMargin: '400px' })).observe(this);
    }
    const { adapter, lang, strings: s } = settingsOf(this, this.provided.value, defaultCommentsStrings);
    this.loc = lang;
    const store = adapter && this.thread && (this.near || !this.lazy) ? threadStore(adapter, this.thread) : undefined;
    if (store !== this.store || changed.has('sort') || changed.has('pageSize')) store?.query(this.sort, this.pageSize);
    if (store !== this.store) {
      this.store = store;
      this.using = adapter;
      this.seen = undefined;
      this.open = null;
      this.composers.clear();
      this.collapsed.clear();
      this.reported.clear();
      this.thread$.use(store);
      this.session$.use(store && sessionStore(adapter!));
      this.name = (store && readDraft(this.key('name', ''))?.body) || '';
    }
    this.s = s;
    const st = this.thread$.value;
    if (st && st !== this.seen) this.react(st, this.seen);
    this.seen = st;

    const session = this.session$.value;
    const { viewer, allowAnonymous, maxLength } = session?.session ?? DEFAULT_SESSION;
    this.viewer = viewer;
    // Whether the composer or the invitation to sign in shows: not in a read-only element, and only
    // once the session is known (before, a signed-in reader would be asked for a name).
    this.joinable = !this.readonly && !!session && session.status !== 'loading';
    // What the reader may do: nothing in a read-only element, else what the adapter and session allow.
    const a: Partial<CommentsAdapter> = (!this.readonly && adapter) || {};
    const write = this.joinable && !!(viewer || allowAnonymous);
    const can = { reply: write, like: write && !!a.react, edit: !!a.updateComment, delete: !!a.deleteComment, report: !!a.report };
    this.view = {
      s,
      lang,
      // Equal strings for equal inputs: `guard` draws every comment again when any of them changed,
      // and once a minute for the relative times.
      gen: JSON.stringify([s, lang, Math.floor(Date.now() / TICK_MS), this.maxDepth, can]),
      maxDepth: Math.max(1, this.maxDepth || 1),
      can,
      open: this.open,
      collapsed: this.collapsed,
      reported: this.reported,
      panelError: this.panelError,
      maxLength,
      askName: !viewer && allowAnonymous,
      name: this.name,
      compose: (slot) => this.compose(slot),
    };
  }

  /** Announces what changed in the thread and fires `experience-ready` and `experience-error`. */
  private react(st: ThreadState, before?: ThreadState): void {
    const { s, loc } = this;
    if (st.status !== before?.status) {
      if (st.status === 'loading') this.say(s.loading);
      if (st.status === 'ready') {
        this.say(plural(s.loaded, st.total, loc));
        this.emit(new CommentsReadyEvent(st.total));
      }
    }
    if (st.error && st.error !== before?.error) this.fail('load', st.error, s.loadError);
    if (before && st.fresh.length > before.fresh.length) this.say(plural(s.newComments, st.fresh.length, loc));
    // The reader asked for more: focus goes to the first comment that came, not back to the page.
    const next = before?.more === 'loading' && st.more === 'idle' && st.roots[before.roots.length];
    if (next && this.shadowRoot?.activeElement?.matches('[part~=load-more]')) void this.focusOn(at(next.comment.id));
  }

  /** Puts `text` in the live region; the same text twice is announced twice. */
  private say(text: string): void {
    this.notice = text === this.notice ? `${text}\u00a0` : text;
  }

  /**
   * The reader's message for `error`: a code with a message of its own has it (`errorNotFound` for
   * `not_found`), others get `errorServer` or `errorUnknown`.
   */
  private explain({ code, message, retryAfter, status = 0 }: AdapterError): string {
    const { s } = this;
    if (code === 'validation') return fill(s.errorValidation, { message });
    if (code === 'rate_limited') return retryAfter ? plural(s.errorRateLimited, retryAfter, this.loc) : s.errorBusy;
    return (s[keyOf('error', code)] as string | undefined) ?? (status >= 500 || code === 'server_error' ? s.errorServer : s.errorUnknown);
  }

  /**
   * Announces a failure, fires `experience-error`, and returns the message to show. The thread
   * store rejects with an `AdapterError`; anything else (a bug of ours) is wrapped as `unknown`,
   * so that the reader still gets a message.
   */
  private fail(operation: CommentsOperation, e: unknown, lead = this.s.failed): string {
    const error = AdapterError.from(e);
    const reason = this.explain(error);
    this.say(fill(lead.includes('{reason}') ? lead : `${lead} {reason}`, { reason }));
    this.emit(new CommentsErrorEvent(operation, error));
    return reason;
  }

  private emit(event: Event): void {
    this.dispatchEvent(event);
  }

  /** Focuses the first of `selectors` that matches once the update is done. */
  private async focusOn(...selectors: string[]): Promise<void> {
    await this.updateComplete;
    for (const sel of selectors) {
      const el = this.renderRoot.querySelector<HTMLElement>(sel);
      if (el) return el.focus();
    }
  }

  /** The draft key of a composer (`slot`) in this thread; the name is kept per backend, not per thread. */
  private key(slot: string, thread = this.thread): string {
    return draftKey(this.using!, thread, slot);
  }

  /** The state of the composer in `slot`, restored from its draft the first time. */
  private compose(slot: string): Compose {
    let d = this.composers.get(slot);
    if (!d) {
      const edited = slot.startsWith('e:') ? this.thread$.value?.byId.get(slot.slice(2))?.comment.body : '';
      d = { body: edited ?? '', ...readDraft(this.key(slot)), sending: false, error: '', id: `c${++composers}` };
      this.composers.set(slot, d);
    }
    return d;
  }

  override render(): TemplateResult {
    const st = this.thread$.value;
    const { s, loc, view: v } = this;
    const loading = st?.status === 'loading';
    const ready = st?.status === 'ready';
    // No white space between the tags (none shows: the containers are flex, grid or block boxes).
    return html`<section aria-labelledby="heading" @click=${this.onClick} @input=${this.onInput} @keydown=${this.onKey} @submit=${this.onSubmit}><p part="status" role="status" class="sr">${
      this.notice}</p><header part="header"><h2 part="count" id="heading" tabindex="-1">${
      ready ? plural(s.count, st.total, loc) : s.title}</h2><slot name="header"></slot><label class="row">${
      s.sortLabel}<select part="sort" @change=${this.onSort}>${
      SORTS.map((o) => html`<option value=${o} ?selected=${o === this.sort}>${s[keyOf('sort', o)]}</option>`)}</select></label></header>${
      !this.joinable ? nothing : v.can.reply ? composer(v, '', s.commentLabel, s.post) : html`<p>${s.signIn}</p>`}${
      st?.status === 'error' ? this.problem(st.error!, s.loadError, 'retry') : nothing}${
      !st || (loading && !st.roots.length) ? skeleton() : nothing}${
      st?.fresh.length ? html`<button part="new-comments" data-act="fresh">${plural(s.newComments, st.fresh.length, loc)}</button>` : nothing}${
      st?.roots.length
        ? html`<ol part="list" role="list" aria-busy=${loading}>${items(v, st.roots, 1)}</ol>`
        : ready ? html`<div part="empty"><slot name="empty">${s.empty}</slot></div>` : nothing}${
      st?.more === 'error' ? this.problem(st.error!, '', 'more') : nothing}${
      st?.cursor && ready
        ? html`<button part="load-more" data-act="more" aria-disabled=${st.more === 'loading'}>${st.more === 'loading' ? s.loadingMore : s.loadMore}</button>`
        : nothing}</section>`;
  }

  private problem(error: AdapterError, lead: string, act: string): TemplateResult {
    return html`<div part="error"><p>${lead} ${this.explain(error)}</p><button data-act=${act}>${this.s.retry}</button></div>`;
  }

  private onSort(e: Event): void {
    this.sort = (e.target as HTMLSelectElement).value as SortOrder;
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
        if (this.open?.id === id && this.open.kind === act) return this.close();
        this.open = { kind: act, id };
        this.panelError = '';
        return void this.focusOn(`${at(id)}~[data-panel] :is(textarea,input,[data-act=close])`);
      case 'close':
        return this.close();
      case 'toggle':
        if (!this.collapsed.delete(id)) this.collapsed.add(id);
        return this.requestUpdate();
      case 'like':
        return void store.like(id).catch((err: unknown) => this.fail('like', err));
      case 'confirm':
        return void this.act('delete', id, () => store.remove(id), this.s.removed);
      case 'fresh': {
        const { fresh, sort } = this.thread$.value!;
        const first = fresh.at(sort === 'oldest' ? 0 : -1)!;
        store.showFresh();
        return void this.focusOn(at(first.id));
      }
      case 'more':
        return store.loadMore();
      case 'retry':
        return store.reload();
    }
  }

  /** Closes the open panel and gives focus back to the button that opened it. */
  private close(): void {
    const open = this.open;
    if (!open) return;
    this.open = null;
    void this.focusOn(`${at(open.id)} [data-act=${open.kind}]`);
  }

  private onInput(e: Event): void {
    const { name, value, form } = e.target as HTMLTextAreaElement;
    if (name === 'name') writeDraft(this.key(name, ''), { body: (this.name = value) });
    else if (name === 'body') {
      const slot = form!.dataset.slot!;
      const d = this.compose(slot);
      d.body = value;
      d.error = '';
      writeDraft(this.key(slot), d);
    }
    this.requestUpdate();
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target as HTMLTextAreaElement;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && target.matches('textarea')) {
      e.preventDefault();
      target.form!.requestSubmit();
    } else if (e.key === 'Escape' && target.closest('[data-panel]')) {
      e.preventDefault();
      this.close();
    }
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    if (form.dataset.slot !== 'report') return void this.send(form);
    // The report form is the open panel.
    const { id } = this.open!;
    const reason = (form.elements.namedItem('reason') as HTMLInputElement).value.trim();
    void this.act('report', id, async () => {
      await this.store!.report(id, reason);
      this.reported.add(id);
    }, this.s.reported);
  }

  /** Posts (or saves, for an edit box) what the composer `form` holds. */
  private async send(form: HTMLFormElement): Promise<void> {
    const slot = form.dataset.slot!;
    const store = this.store!;
    const d = this.compose(slot);
    if (d.sending) return;
    const { s, loc, view: v } = this;
    const body = d.body.trim();
    const over = codePoints(body) - v.maxLength;
    const name = this.name.trim();
    const edit = slot.startsWith('e:');
    const id = slot.slice(2);
    const askName = v.askName && !edit;
    d.error = !body ? s.needText : over > 0 ? plural(s.charsOver, over, loc) : askName && !name ? s.needName : '';
    if (d.error) {
      // Announcing it updates the element; the field gets the focus once its error shows.
      this.say(d.error);
      await this.updateComplete;
      return form.querySelector<HTMLElement>(body && over <= 0 ? 'input' : 'textarea')!.focus();
    }
    d.sending = true;
    d.key ??= newIdempotencyKey();
    writeDraft(this.key(slot), d);
    this.requestUpdate();
    try {
      const { viewer } = this;
      const made = edit
        ? await store.edit(id, body)
        : await store.post({ parentId: slot ? id : null, body, ...(askName && { author: { name } }) }, viewer ? { ...viewer } : { id: '', name }, d.key);
      this.composers.delete(slot);
      clearDraft(this.key(slot));
      if (slot) this.open = null;
      this.say(edit ? s.saved : made.status === 'pending' ? s.awaiting : s.posted);
      if (!edit) this.emit(new CommentPostedEvent(made));
      await this.focusOn(at(made.id));
    } catch (e) {
      d.sending = false;
      d.error = this.fail(edit ? 'edit' : 'post', e);
    }
  }

  /**
   * Runs one panel action at a time. On success the panel closes, `done` is announced and the
   * comment gets the focus (the heading, when the comment is gone); on failure the panel shows why.
   */
  private async act(operation: CommentsOperation, id: string, run: () => Promise<unknown>, done: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await run();
      this.open = null;
      this.say(done);
      await this.focusOn(at(id), '#heading');
    } catch (e) {
      this.panelError = this.fail(operation, e);
    }
    this.busy = false;
  }
}
