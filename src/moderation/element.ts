import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { styles } from '../comments/styles.js';
import { commentsErrors } from '../comments/strings.js';
import { hue, initials, paragraphs } from '../comments/text.js';
import { ClockController } from '../i18n/clock.js';
import { absoluteTime, fill, plural, relativeTime } from '../i18n/intl.js';
import { AdapterError } from '../model/errors.js';
import type { CommentsAdapter, ModerationAction, ModerationPage } from '../model/types.js';
import { ExperienceWidget } from '../provider/widget.js';
import { StoreController } from '../stores/controller.js';
import { sessionStore, type SessionState } from '../stores/session.js';
import { Announcer, explain } from '../ui/announcer.js';
import { cssProps } from '../ui/css-props.js';
import { focusOn } from '../ui/focus.js';
import { missingAdapterNotice } from '../ui/missing-adapter.js';
import { defaultModerationStrings, type ModerationStrings } from './strings.js';

type Item = ModerationPage['comments'][number];
type Decision = ModerationAction | 'delete';

const PAGE = 20;

/** What each decision announces. */
const DONE = { approve: 'approved', reject: 'rejected', delete: 'deletedDone', pin: 'pinned', unpin: 'unpinned' } as const;

/**
 * The moderation queue across every thread: comments held for moderation and comments readers
 * reported, newest first, each with its thread, to approve, reject or delete. For a moderator (a
 * session viewer with the role `moderator`); anyone else is told to sign in as one. Put it on a
 * private page of the site.
 *
 * @summary A moderator's queue of held and reported comments.
 *
 * @csspart queue - The list of comments waiting for a decision.
 * @csspart item - Each comment of the queue (a list item).
 * @csspart thread - The thread a comment belongs to.
 * @csspart comment - The comment itself (an `article`).
 * @csspart avatar - The author's initials on a colour derived from the name.
 * @csspart author - The author's name.
 * @csspart timestamp - The `time` element.
 * @csspart body - The comment's text.
 * @csspart pending - The "Awaiting moderation" mark.
 * @csspart reports - How many readers reported it, and why.
 * @csspart actions - The row of decisions.
 * @csspart approve-button - Publishes a held comment.
 * @csspart reject-button - Removes the comment, as a deletion.
 * @csspart delete-button - Deletes the comment.
 * @csspart load-more - Loads the next page of the queue.
 * @csspart empty - Shown when nothing is waiting.
 * @csspart error - Why the queue could not be loaded, with a retry, or a decision failed.
 * @csspart status - The visually hidden live region that announces changes.
 *
 * @cssprop [--experience-accent=light-dark(#0a5cc2, #6cb0ff)] - Links, buttons, focus rings.
 * @cssprop [--experience-text=light-dark(#1f2328, #e6edf3)] - Text.
 * @cssprop [--experience-muted=light-dark(#56606b, #9ea7b3)] - Secondary text.
 * @cssprop [--experience-surface=light-dark(#fff, #0d1117)] - Background.
 * @cssprop [--experience-border=light-dark(#d1d9e0, #3d444d)] - Borders.
 * @cssprop [--experience-radius=8px] - Corner radius.
 * @cssprop [--experience-font=inherit] - The `font` shorthand.
 */
export class ExperienceModeration extends ExperienceWidget<CommentsAdapter, ModerationStrings> {
  static override styles = [
    styles,
    // The thread's comment layout, with the reports as one more row beside the avatar.
    css`
      [part~=comment] > :not([part~=avatar]) {
        grid-column: 2;
      }
      [part~=avatar] {
        grid-row: span 4;
      }
      [part~=item] {
        margin-block-end: 1rem;
      }
      [part~=thread] {
        margin: 0 0 0.25rem;
        color: var(--_muted);
      }
      [part~=reports] :is(p, ul) {
        margin: 0.25rem 0;
      }
    `,
  ];

  @state() private items: Item[] = [];
  @state() private cursor: string | null = null;
  @state() private phase: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  @state() private error: AdapterError | null = null;

  private session$ = new StoreController<SessionState>(this);
  private live = new Announcer(this);
  private loads?: AbortController | undefined;
  private loadedFor?: CommentsAdapter | undefined;
  declare private backend: CommentsAdapter | undefined;
  declare private s: ModerationStrings;
  declare private loc: string;

  constructor() {
    super();
    new ClockController(this);
  }

  protected override willUpdate(): void {
    const { adapter, lang, strings } = this.settings(defaultModerationStrings);
    this.backend = adapter;
    this.s = strings;
    this.loc = lang;
    this.session$.use(adapter ? sessionStore(adapter) : undefined);
    if (adapter !== this.loadedFor) {
      this.loadedFor = adapter;
      this.items = [];
      this.cursor = null;
      this.phase = 'idle';
    }
    // The queue is asked for once the session says the reader is a moderator.
    if (this.phase === 'idle' && this.isModerator && adapter?.listModeration) void this.load(false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loads?.abort();
    // Asked for again when connected again.
    if (this.phase === 'loading') this.phase = 'idle';
  }

  private get isModerator(): boolean {
    return !!this.session$.value?.session.viewer?.roles?.includes('moderator');
  }

  private async load(more: boolean): Promise<void> {
    this.loads?.abort();
    const { signal } = (this.loads = new AbortController());
    this.phase = 'loading';
    if (!more) this.live.say(this.s.queueLoading);
    try {
      const page = await this.backend!.listModeration!({ limit: PAGE, cursor: more ? this.cursor : null }, { signal });
      if (signal.aborted) return;
      this.items = more ? [...this.items, ...page.comments.filter((c) => !this.items.some((i) => i.id === c.id))] : page.comments;
      this.cursor = page.nextCursor;
      this.phase = 'ready';
      this.error = null;
    } catch (e) {
      if (signal.aborted) return;
      this.error = AdapterError.from(e);
      this.phase = 'error';
      this.live.say(this.explain(this.error));
    }
  }

  private explain(e: AdapterError): string {
    return explain(e, commentsErrors(this.s), this.loc);
  }

  /** A decision on `id`: the comment leaves the queue, the focus goes to the next one (or the heading). */
  private async decide(decision: Decision, id: string): Promise<void> {
    const adapter = this.backend!;
    try {
      if (decision === 'delete') await adapter.deleteComment!({ id });
      else await adapter.moderate!({ id, action: decision });
      const at = this.items.findIndex((c) => c.id === id);
      this.items = this.items.filter((c) => c.id !== id);
      this.live.say(this.s[DONE[decision]]);
      const next = this.items[Math.min(at, this.items.length - 1)];
      await focusOn(this, next ? `[data-id="${CSS.escape(next.id)}"] > [part~=comment]` : '#heading');
    } catch (e) {
      this.live.say(fill(this.s.failed, { reason: this.explain(AdapterError.from(e)) }));
    }
  }

  private onClick(e: Event): void {
    const button = (e.target as Element).closest<HTMLElement>('[data-act]');
    if (!button) return;
    const act = button.dataset.act!;
    if (act === 'more' || act === 'retry') return void this.load(act === 'more');
    const id = button.closest<HTMLElement>('[data-id]')!.dataset.id!;
    void this.decide(act as Decision, id);
  }

  override render(): TemplateResult {
    if (this.missingAdapter) return missingAdapterNotice(this.s.queueNoAdapter);
    const { s } = this;
    const session = this.session$.value;
    return html`
      <section aria-labelledby="heading" @click=${this.onClick}>
        ${this.live.render()}
        <header part="header">
          <h2 part="count" id="heading" tabindex="-1">${s.queueTitle}</h2>
        </header>
        ${!this.backend || !session || session.status === 'loading'
          ? nothing
          : !this.backend.listModeration
            ? html`<p part="empty">${s.queueUnsupported}</p>`
            : !this.isModerator || this.error?.code === 'forbidden' || this.error?.code === 'unauthorized'
              ? html`<p part="empty">${s.queueSignIn}</p>`
              : this.queue()}
      </section>
    `;
  }

  private queue(): TemplateResult {
    const { s } = this;
    if (this.phase === 'error' && !this.items.length) {
      return html`<div part="error"><p>${this.explain(this.error!)}</p><button class="retry" data-act="retry">${s.retry}</button></div>`;
    }
    if (this.phase === 'ready' && !this.items.length) return html`<p part="empty">${s.queueEmpty}</p>`;
    return html`
      <ol part="queue list" role="list" aria-busy=${this.phase === 'loading'}>
        ${repeat(this.items, (c) => c.id, (c) => this.item(c))}
      </ol>
      ${this.phase === 'error' ? html`<p part="error">${this.explain(this.error!)}</p>` : nothing}
      ${this.cursor && this.phase !== 'loading'
        ? html`<button part="load-more" data-act="more">${s.loadMore}</button>`
        : nothing}
    `;
  }

  private item(c: Item): TemplateResult {
    const { s, loc: lang } = this;
    const name = c.author.name || s.anonymous;
    const reasons = c.reportReasons ?? [];
    const a = this.backend!;
    return html`
      <li part="item" data-id=${c.id}>
        <p part="thread">${fill(s.inThread, { thread: c.threadId })}</p>
        <article part="comment" aria-label=${name} tabindex="-1">
          <span part="avatar" aria-hidden="true" .style=${cssProps({ '--h': hue(name) })}>${initials(name)}</span>
          <div part="meta">
            <span part="author"><bdi>${name}</bdi></span>
            <time part="timestamp" datetime=${c.createdAt} title=${absoluteTime(c.createdAt, lang)}>${relativeTime(c.createdAt, lang)}</time>
            ${c.status === 'pending' ? html`<span part="state pending">${s.pending}</span>` : nothing}
          </div>
          <div part="body" dir="auto">${paragraphs(c.body, s.readMore)}</div>
          ${reasons.length
            ? html`
              <div part="reports">
                <p>${plural(s.reportCount, reasons.length, lang)}</p>
                <p>${s.reportReasons}:</p>
                <ul>${reasons.map((r) => html`<li dir="auto">${r}</li>`)}</ul>
              </div>`
            : nothing}
          <div part="actions">
            ${c.status === 'pending' && a.moderate
              ? html`<button part="approve-button" data-act="approve" aria-label=${fill(s.approveName, { name })}>${s.approve}</button>`
              : nothing}
            ${a.moderate ? html`<button part="reject-button" class="danger" data-act="reject" aria-label=${fill(s.rejectName, { name })}>${s.reject}</button>` : nothing}
            ${a.deleteComment ? html`<button part="delete-button" class="danger" data-act="delete" aria-label=${fill(s.deleteName, { name })}>${s.delete}</button>` : nothing}
          </div>
        </article>
      </li>
    `;
  }
}
