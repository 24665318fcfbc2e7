import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { codePoints } from '../adapters/engine.js';
import { newIdempotencyKey } from '../adapters/rest.js';
import { ClockController, TICK_MS } from '../i18n/clock.js';
import { fill, localeOf, plural } from '../i18n/intl.js';
import { stringsFor } from '../i18n/registry.js';
import { AdapterError } from '../model/errors.js';
import type { Author, CommentsAdapter, SortOrder } from '../model/types.js';
import { providedContext, resolveAdapter, type Provided } from '../provider/context.js';
import { StoreController } from '../stores/controller.js';
import { clearDraft, draftKey, readDraft, writeDraft } from '../stores/drafts.js';
import { DEFAULT_SESSION, sessionStore, type SessionState } from '../stores/session.js';
import { threadStore, type ThreadNode, type ThreadState, type ThreadStore } from '../stores/thread.js';
import { composer, type Compose } from './composer.js';
import { CommentPostedEvent, CommentsErrorEvent, CommentsReadyEvent, type CommentsOperation } from './events.js';
import { defaultCommentsStrings, type CommentsStrings } from './strings.js';
import { styles } from './styles.js';
import { items, skeleton, type Open, type View } from './templates.js';

/** The message key of each error code the element explains; others get `errorServer` or `errorUnknown`. */
const messages = new Map<string, keyof CommentsStrings>([
  ['network', 'errorNetwork'],
  ['timeout', 'errorTimeout'],
  ['bad_response', 'errorBadResponse'],
  ['not_found', 'errorNotFound'],
  ['unauthorized', 'errorUnauthorized'],
  ['forbidden', 'errorForbidden'],
]);

const SORTS = { newest: 'sortNewest', oldest: 'sortOldest', top: 'sortTop' } as const;
const li = (id: string) => `li[data-id="${CSS.escape(id)}"]`;
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

  /** The thread's id (required). */
  @property({ reflect: true }) thread = '';
  /** The REST API base; used when the `adapter` property is not set. */
  @property() endpoint?: string;
  /** The order of root comments. */
  @property({ reflect: true }) sort: SortOrder = 'newest';
  /** Root comments per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;
  /** Levels shown nested (roots are level 1); deeper replies show at the last level. */
  @property({ type: Number, attribute: 'max-depth' }) maxDepth = 4;
  /** A BCP 47 locale for times and numbers; default: the provider's, else the nearest `lang`. */
  @property() locale?: string;
  /** Hides the composer and every action that writes. */
  @property({ type: Boolean, reflect: true }) readonly = false;
  /** Fetches nothing until the element nears the viewport. */
  @property({ type: Boolean }) lazy = false;
  /** `light`, `dark`, or `auto` (the reader's `prefers-color-scheme`). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';
  /** The backend; wins over `endpoint` and the provider's. */
  @property({ attribute: false }) adapter?: CommentsAdapter;
  /** Replacement strings (see `defaultCommentsStrings`); they win over the provider's. */
  @property({ attribute: false }) strings?: Partial<CommentsStrings>;

  @consume({ context: providedContext, subscribe: true })
  @state()
  private provided?: Provided;

  @state() private open: Open | null = null;
  @state() private notice = '';
  @state() private near = false;
  @state() private panelError = '';

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
  private busy = false;
  private deps: unknown[] = [];
  private view!: View;
  private s = defaultCommentsStrings;
  private loc = 'en';

  constructor() {
    super();
    new ClockController(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.io?.disconnect();
    this.io = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.near) this.io?.disconnect();
    else if (this.lazy && !this.io) {
      this.io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && (this.near = true), { rootMargin: '400px' });
      this.io.observe(this);
    }
    const adapter = resolveAdapter(this.adapter, this.endpoint, this.provided);
    const store = adapter && this.thread && (this.near || !this.lazy) ? threadStore(adapter, this.thread) : undefined;
    if (store !== this.store || changed.has('sort') || changed.has('pageSize')) store?.query(this.sort, this.pageSize);
    if (store !== this.store) {
      this.store = store;
      this.using = store && adapter;
      this.seen = undefined;
      this.open = null;
      this.composers.clear();
      this.collapsed.clear();
      this.reported.clear();
      this.thread$.use(store);
      this.session$.use(store && sessionStore(adapter!));
      this.name = adapter ? (readDraft(draftKey(adapter, '', 'name'))?.body ?? '') : '';
    }
    this.loc = this.locale || this.provided?.locale || localeOf(this);
    // A new object only when a string changed: every comment is drawn again when it is new.
    const s = stringsFor(defaultCommentsStrings, this.loc, this.provided?.strings, this.strings);
    if ((Object.keys(s) as (keyof CommentsStrings)[]).some((k) => s[k] !== this.s[k])) this.s = s;
    const st = this.thread$.value;
    if (st && st !== this.seen) this.react(st, this.seen);
    this.seen = st;

    const a = this.using;
    const { viewer, allowAnonymous } = this.session;
    const write = !this.readonly && !!(viewer || allowAnonymous);
    const can = {
      reply: write,
      like: write && !!a?.react,
      edit: !this.readonly && !!a?.updateComment,
      remove: !this.readonly && !!a?.deleteComment,
      report: !this.readonly && !!a?.report,
    };
    const now = Date.now();
    const deps = [this.s, this.loc, Math.floor(now / TICK_MS), this.maxDepth, ...Object.values(can)];
    const gen = this.view?.gen ?? 0;
    this.view = {
      s: this.s,
      lang: this.loc,
      now,
      gen: deps.every((d, i) => d === this.deps[i]) ? gen : gen + 1,
      maxDepth: Math.max(1, this.maxDepth || 1),
      can,
      open: this.open,
      collapsed: this.collapsed,
      reported: this.reported,
      panel: (n) => this.panel(n),
    };
    this.deps = deps;
  }

  /** Announces what changed in the thread and fires `experience-ready` and `experience-error`. */
  private react(st: ThreadState, before?: ThreadState): void {
    const { s, loc: lang } = this;
    if (st.status !== before?.status) {
      if (st.status === 'loading') this.say(s.loading);
      if (st.status === 'ready') {
        this.say(plural(s.loaded, st.total, lang));
        this.emit(new CommentsReadyEvent(st.total));
      }
    }
    if (st.error && st.error !== before?.error) this.fail('load', st.error, s.loadError);
    if (before && st.fresh.length > before.fresh.length) this.say(plural(s.newComments, st.fresh.length, lang));
    // The reader asked for more: focus goes to the first comment that came, not back to the page.
    const next = before?.more === 'loading' && st.more === 'idle' && st.roots[before.roots.length];
    if (next && this.shadowRoot?.activeElement?.matches('[part~=load-more]')) void this.focusOn(`${li(next.comment.id)} > article`);
  }

  private get session() {
    return this.session$.value?.session ?? DEFAULT_SESSION;
  }

  private get askName(): boolean {
    return !this.session.viewer && this.session.allowAnonymous;
  }

  /** Puts `text` in the live region; the same text twice is announced twice. */
  private say(text: string): void {
    this.notice = text === this.notice ? `${text}\u00a0` : text;
  }

  /** The reader's message for `error`. */
  private explain(error: AdapterError): string {
    const { s, loc: lang } = this;
    if (error.code === 'validation') return fill(s.errorValidation, { message: error.message });
    if (error.code === 'rate_limited') return error.retryAfter ? plural(s.errorRateLimited, error.retryAfter, lang) : s.errorBusy;
    const key = messages.get(error.code);
    if (key) return s[key] as string;
    return (error.status ?? 0) >= 500 || error.code === 'server_error' ? s.errorServer : s.errorUnknown;
  }

  /** Announces a failure, fires `experience-error`, and returns the message to show. */
  private fail(operation: CommentsOperation, e: unknown, lead = this.s.failed): string {
    const error = AdapterError.from(e);
    const message = this.explain(error);
    this.say(fill(lead.includes('{reason}') ? lead : `${lead} {reason}`, { reason: message }));
    this.emit(new CommentsErrorEvent(operation, error));
    return message;
  }

  private emit(event: Event): void {
    this.dispatchEvent(event);
  }

  private async focusOn(...selectors: string[]): Promise<void> {
    await this.updateComplete;
    for (const sel of selectors) {
      const el = this.renderRoot.querySelector<HTMLElement>(sel);
      if (el) return el.focus();
    }
  }

  private key(slot: string): string {
    return draftKey(this.using!, this.thread, slot);
  }

  /** The state of the composer in `slot`, restored from its draft the first time. */
  private compose(slot: string): Compose {
    let d = this.composers.get(slot);
    if (!d) {
      const saved = readDraft(this.key(slot));
      const body = slot.startsWith('e:') ? this.thread$.value?.byId.get(slot.slice(2))?.comment.body : '';
      d = { body: saved?.body ?? body ?? '', sending: false, error: '', id: `c${++composers}` };
      if (saved?.key) d.key = saved.key;
      this.composers.set(slot, d);
    }
    return d;
  }

  override render(): TemplateResult {
    const st = this.thread$.value;
    const { s, loc: lang } = this;
    const v = this.view;
    const loading = st?.status === 'loading';
    return html`<section aria-labelledby="heading" @click=${this.onClick} @input=${this.onInput} @keydown=${this.onKey} @submit=${this.onSubmit}>
      <p part="status" role="status" class="sr">${this.notice}</p>
      <header part="header">
        <h2 part="count" id="heading" tabindex="-1">${st?.status === 'ready' ? plural(s.count, st.total, lang) : s.title}</h2>
        <slot name="header"></slot>
        <label class="row">${s.sortLabel}<select part="sort" @change=${this.onSort}>
          ${(Object.keys(SORTS) as SortOrder[]).map((o) => html`<option value=${o} ?selected=${o === this.sort}>${s[SORTS[o]]}</option>`)}
        </select></label>
      </header>
      ${this.readonly || !st
        ? nothing
        : this.view.can.reply
          ? composer(this.composerView, '', s.commentLabel, s.post)
          : html`<p>${s.signIn}</p>`}
      ${st?.status === 'error' ? this.problem(st.error!, s.loadError, 'retry') : nothing}
      ${!st || (loading && !st.roots.length) ? skeleton() : nothing}
      ${st?.fresh.length
        ? html`<button part="new-comments" data-act="fresh">${plural(s.newComments, st.fresh.length, lang)}</button>`
        : nothing}
      ${st?.roots.length
        ? html`<ol part="list" role="list" aria-busy=${loading}>${items(v, st.roots, 1)}</ol>`
        : st?.status === 'ready'
          ? html`<div part="empty"><slot name="empty">${s.empty}</slot></div>`
          : nothing}
      ${st?.more === 'error' ? this.problem(st.error!, '', 'more') : nothing}
      ${st?.cursor && st.status === 'ready'
        ? html`<button part="load-more" data-act="more" aria-disabled=${st.more === 'loading'}>${st.more === 'loading' ? s.loadingMore : s.loadMore}</button>`
        : nothing}
    </section>`;
  }

  private problem(error: AdapterError, lead: string, act: string): TemplateResult {
    return html`<div part="error"><p>${lead} ${this.explain(error)}</p><button data-act=${act}>${this.s.retry}</button></div>`;
  }

  private get composerView() {
    return {
      s: this.s,
      lang: this.loc,
      maxLength: this.session.maxLength,
      askName: this.askName,
      name: this.name,
      compose: (slot: string) => this.compose(slot),
    };
  }

  /** The open panel under the comment `n`. */
  private panel({ comment: c }: ThreadNode): TemplateResult {
    const { s } = this;
    const kind = this.open!.kind;
    const error = this.panelError ? html`<p part="error">${this.panelError}</p>` : nothing;
    if (kind === 'reply') return composer(this.composerView, `r:${c.id}`, fill(s.replyLabel, { name: c.author.name || s.anonymous }), s.postReply);
    if (kind === 'edit') return composer(this.composerView, `e:${c.id}`, s.editLabel, s.save);
    if (kind === 'delete') {
      return html`<div part="confirm" data-panel role="group" aria-label=${s.deleteConfirm}>
        <p>${s.deleteConfirm}</p>${error}
        <div class="row"><button data-act="confirm">${s.delete}</button><button data-act="close">${s.cancel}</button></div>
      </div>`;
    }
    return html`<form part="form" data-slot="report" data-panel>
      <label>${s.reportLabel}<input name="reason" required maxlength="500"></label>${error}
      <div class="row"><button type="button" data-act="close">${s.cancel}</button><button part="submit">${s.reportSend}</button></div>
    </form>`;
  }

  private onSort(e: Event): void {
    this.sort = (e.target as HTMLSelectElement).value as SortOrder;
  }

  private onClick(e: Event): void {
    const button = (e.target as Element).closest<HTMLElement>('[data-act]');
    if (!button || button.getAttribute('aria-disabled') === 'true') return;
    const act = button.dataset.act!;
    const id = button.closest<HTMLElement>('[data-id]')?.dataset.id ?? '';
    const store = this.store!;
    if (act === 'reply' || act === 'edit' || act === 'delete' || act === 'report') {
      if (this.open?.id === id && this.open.kind === act) return this.close();
      this.open = { kind: act, id };
      this.panelError = '';
      void this.focusOn(`${li(id)} > [data-panel] :is(textarea, input, [data-act=close])`);
    } else if (act === 'close') this.close();
    else if (act === 'toggle') {
      if (!this.collapsed.delete(id)) this.collapsed.add(id);
      this.requestUpdate();
    } else if (act === 'like') store.like(id).catch((err: unknown) => this.fail('like', err));
    else if (act === 'confirm') void this.removeComment(id);
    else if (act === 'fresh') {
      const { fresh, sort } = this.thread$.value!;
      const first = fresh.at(sort === 'oldest' ? 0 : -1)!;
      store.showFresh();
      void this.focusOn(`${li(first.id)} > article`);
    } else if (act === 'more') store.loadMore();
    else if (act === 'retry') store.reload();
  }

  /** Closes the open panel and gives focus back to the button that opened it. */
  private close(): void {
    const open = this.open;
    if (!open) return;
    this.open = null;
    void this.focusOn(`${li(open.id)} > article [data-act=${open.kind}]`);
  }

  private onInput(e: Event): void {
    const field = e.target as HTMLTextAreaElement;
    const slot = field.closest('form')?.dataset.slot ?? 'report';
    if (field.name === 'name') {
      this.name = field.value;
      writeDraft(draftKey(this.using!, '', 'name'), { body: field.value });
    } else if (field.name === 'body') {
      const d = this.compose(slot);
      d.body = field.value;
      d.error = '';
      writeDraft(this.key(slot), d);
    }
    this.requestUpdate();
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target as Element;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && target.matches('textarea')) {
      e.preventDefault();
      target.closest('form')!.requestSubmit();
    } else if (e.key === 'Escape' && target.closest('[data-panel]')) {
      e.preventDefault();
      this.close();
    }
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    if (form.dataset.slot === 'report') void this.report(form);
    else void this.send(form.dataset.slot!);
  }

  /** Posts (or saves, for an edit box) what the composer in `slot` holds. */
  private async send(slot: string): Promise<void> {
    const store = this.store;
    const d = this.compose(slot);
    if (!store || d.sending) return;
    const { s, loc: lang } = this;
    const body = d.body.trim();
    const over = codePoints(body) - this.session.maxLength;
    const name = this.name.trim();
    const edit = slot.startsWith('e:');
    const id = slot.slice(2);
    const askName = this.askName && !edit;
    d.error = !body ? s.needText : over > 0 ? plural(s.charsOver, over, lang) : askName && !name ? s.needName : '';
    if (d.error) {
      this.say(d.error);
      this.requestUpdate();
      return this.focusOn(`form[data-slot="${CSS.escape(slot)}"] ${body && over <= 0 ? 'input' : 'textarea'}`);
    }
    d.sending = true;
    d.key ??= newIdempotencyKey();
    writeDraft(this.key(slot), d);
    this.requestUpdate();
    try {
      const viewer = this.session.viewer;
      const author: Author = viewer ? { ...viewer } : { id: '', name };
      const made = edit
        ? await store.edit(id, body)
        : await store.post({ parentId: slot ? id : null, body, ...(askName ? { author: { name } } : {}) }, author, d.key);
      this.composers.delete(slot);
      clearDraft(this.key(slot));
      if (slot) this.open = null;
      this.say(edit ? s.saved : made.status === 'pending' ? s.awaiting : s.posted);
      if (!edit) this.emit(new CommentPostedEvent(made));
      await this.focusOn(`${li(made.id)} > article`);
    } catch (e) {
      d.sending = false;
      d.error = this.fail(edit ? 'edit' : 'post', e);
      this.requestUpdate();
    }
  }

  /** Runs one panel action at a time, and shows its failure in the panel. */
  private async act(operation: CommentsOperation, run: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await run();
    } catch (e) {
      this.panelError = this.fail(operation, e);
    } finally {
      this.busy = false;
    }
  }

  private removeComment(id: string): Promise<void> {
    return this.act('delete', async () => {
      await this.store!.remove(id);
      this.open = null;
      this.say(this.s.removed);
      await this.focusOn(`${li(id)} > article`, '#heading');
    });
  }

  private report(form: HTMLFormElement): Promise<void> {
    const id = form.closest<HTMLElement>('[data-id]')!.dataset.id!;
    const reason = (form.elements.namedItem('reason') as HTMLInputElement).value.trim();
    return this.act('report', async () => {
      await this.store!.report(id, reason);
      this.reported.add(id);
      this.open = null;
      this.say(this.s.reported);
      await this.focusOn(`${li(id)} > article`);
    });
  }
}
