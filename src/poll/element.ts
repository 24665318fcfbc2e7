import { consume } from '@lit/context';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ClockController } from '../i18n/clock.js';
import { absoluteTime, fill, localeOf, numberFormat, plural, relativeTime } from '../i18n/intl.js';
import { stringsFor } from '../i18n/registry.js';
import type { AdapterError } from '../model/errors.js';
import type { Poll, PollAdapter } from '../model/types.js';
import { providedContext, resolveAdapter, type Provided } from '../provider/context.js';
import { StoreController } from '../stores/controller.js';
import { pollStore, type PollState, type PollStore } from '../stores/poll.js';
import { PollErrorEvent, PollReadyEvent, PollVotedEvent } from './events.js';
import { percentages } from './rounding.js';
import { defaultPollStrings, type PollStrings } from './strings.js';
import { pollStyles } from './styles.js';

/**
 * A poll at the end of an article: the question with radios or checkboxes, then honest results
 * (whole percentages that sum to 100, the counts, the total and the reader's own choice in words).
 *
 * @summary An accessible poll with honest results.
 *
 * @csspart poll - The poll's box (a form once the poll has loaded).
 * @csspart question - The question: the legend of the fieldset.
 * @csspart hint - Under a multiple-choice question: how many may be chosen, and why the rest are disabled.
 * @csspart option - One option: a label around its input.
 * @csspart option-input - An option's radio button or checkbox.
 * @csspart option-label - An option's text.
 * @csspart vote-button - Sends the vote; after a failure it retries.
 * @csspart results - The list of results.
 * @csspart result - One option's result.
 * @csspart result-chosen - The result of an option the reader chose (beside `result`).
 * @csspart result-label - The option's text in its result, with the "your choice" mark.
 * @csspart bar - The track of a result's bar.
 * @csspart bar-fill - The filled share of a bar.
 * @csspart percentage - A result's whole percentage.
 * @csspart votes - A result's number of votes.
 * @csspart total - The total number of votes.
 * @csspart closing - The time left, or that the poll is closed.
 * @csspart note - Why results are not shown (yet), or the thanks after voting.
 * @csspart error - A failure to load or to vote.
 * @csspart status - The visually hidden live region that announces changes.
 *
 * @cssprop [--experience-accent=light-dark(#0a5cc2, #6cb0ff)] - Chosen options, the vote button, the bars, focus rings.
 * @cssprop [--experience-on-accent=light-dark(#fff, #0d1117)] - Text on the accent colour.
 * @cssprop [--experience-text=light-dark(#1f2328, #e6edf3)] - Text.
 * @cssprop [--experience-muted=light-dark(#56606b, #9ea7b3)] - Secondary text: counts, total, time left, notes.
 * @cssprop [--experience-surface=light-dark(#fff, #0d1117)] - Background.
 * @cssprop [--experience-border=light-dark(#d1d9e0, #3d444d)] - Borders of the box and the options.
 * @cssprop [--experience-danger=light-dark(#c0212c, #ff7b72)] - Error messages.
 * @cssprop [--experience-radius=8px] - Corner radius of the box, options and buttons.
 * @cssprop [--experience-font=inherit] - The `font` shorthand.
 * @cssprop [--experience-bar-bg=light-dark(#e6eaef, #262c36)] - The track of a result's bar.
 * @cssprop [--experience-bar-fill=var(--experience-accent)] - The filled share of a bar.
 * @cssprop [--experience-bar-height=0.5rem] - The bars' thickness.
 *
 * @fires experience-ready - {poll} The poll has loaded (`PollReadyEvent`).
 * @fires experience-poll-voted - {poll, optionIds} The server counted the vote (`PollVotedEvent`).
 * @fires experience-error - {operation: 'load' | 'vote', error} Loading or voting failed (`PollErrorEvent`).
 */
export class ArticlePoll extends LitElement {
  static override styles = pollStyles;

  /** The poll's id. */
  @property({ reflect: true }) poll = '';
  /** The REST API base; a `RestAdapter` for it is used unless `adapter` is set. */
  @property() endpoint?: string;
  /** The locale of times and numbers; else the provider's, else the nearest `lang`. */
  @property() locale?: string;
  /** `light`, `dark`, or `auto` to follow the reader's colour scheme. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';
  /** The backend; wins over `endpoint` and the provider. */
  @property({ attribute: false }) adapter?: PollAdapter;
  /** Replacements for any of the English strings (`defaultPollStrings`). */
  @property({ attribute: false }) strings?: Partial<PollStrings>;

  @consume({ context: providedContext, subscribe: true })
  @state()
  private provided?: Provided;

  /** The options checked now, in the poll's order; kept when a vote fails. */
  @state() private selected: string[] = [];

  private data = new StoreController<PollState>(this);
  private store?: PollStore | undefined;
  // Derived in willUpdate:
  private t = defaultPollStrings as PollStrings;
  private loc = 'en';
  private closed = false;
  private showResults = false;
  private percent: number[] = [];
  private message = '';
  private notice = '';
  // For updated():
  private readyFor?: PollStore | undefined;
  private errorSeen: AdapterError | null = null;
  private focused: Element | null = null;

  constructor() {
    super();
    new ClockController(this);
  }

  override willUpdate(): void {
    const adapter = resolveAdapter(this.adapter, this.endpoint, this.provided);
    const store = adapter && this.poll ? pollStore(adapter, this.poll) : undefined;
    if (store !== this.store) {
      this.store = store;
      this.selected = [];
      this.data.use(store);
    }
    const s = this.data.value;
    const lang = (this.loc = this.locale || this.provided?.locale || localeOf(this));
    const t = (this.t = stringsFor(defaultPollStrings as PollStrings, lang, this.provided?.strings, this.strings));
    const poll = s?.poll;
    this.closed = !!poll && (poll.closed || (!!poll.closesAt && Date.parse(poll.closesAt) <= Date.now()));
    this.showResults = !!poll && (this.closed || s!.voted !== null);
    this.percent = percentages(poll?.options.map((o) => o.votes ?? 0) ?? []);
    this.notice = s?.notice ? { voted: t.pollVoted, 'already-voted': t.pollAlreadyVoted, closed: t.pollClosed }[s.notice] : '';
    this.focused = this.shadowRoot?.activeElement ?? null;
    this.message = !s || s.status === 'loading' ? t.pollLoading
      : s.status === 'error' ? t.pollLoadFailed
      : s.voting ? t.pollVoting
      : s.voteError ? this.errorText(s.voteError)
      : this.notice ? this.notice
      : this.full() ? plural(t.pollLimitReached, poll!.maxChoices, lang)
      : '';
  }

  override updated(): void {
    const s = this.data.value;
    if (s?.poll && this.readyFor !== this.store) {
      this.readyFor = this.store;
      this.emit(new PollReadyEvent(s.poll));
    }
    if (s?.error && s.error !== this.errorSeen) this.emit(new PollErrorEvent('load', s.error));
    this.errorSeen = s?.error ?? null;
    // What had the focus is gone (the vote button once voted, a retry once loaded): keep the focus
    // in the poll, on the results when there are any.
    if (this.focused && !this.focused.isConnected) {
      const find = (selector: string) => this.renderRoot.querySelector<HTMLElement>(selector);
      (find('[part~=results]:not(details *)') ?? find('[part~=poll]'))?.focus();
    }
  }

  override render(): TemplateResult {
    return html`${this.body()}<div part="status" role="status" class="sr">${this.message}</div>`;
  }

  private body(): TemplateResult {
    const s = this.data.value;
    const t = this.t;
    if (s?.status === 'error') {
      return html`<div part="poll" tabindex="-1">
        <p part="error">${t.pollLoadFailed} <button @click=${() => this.store?.reload()}>${t.pollRetry}</button></p>
      </div>`;
    }
    const poll = s?.poll;
    if (!poll) return html`<div part="poll" tabindex="-1" aria-busy="true"><p part="note" class="note">${t.pollLoading}</p></div>`;
    return html`<form part="poll" tabindex="-1" @submit=${this.submit} @change=${this.choose}>
      <fieldset aria-describedby=${poll.multiple && !this.showResults ? 'hint' : nothing}>
        <legend part="question">${poll.question}</legend>
        ${this.showResults ? this.results(poll, s.voted) : this.choices(poll)}
      </fieldset>
      ${this.closing(poll)}
      ${this.showResults
        ? s.notice !== 'closed' && this.notice && html`<p part="note" class="note">${this.notice}</p>`
        : this.voting(poll, s)}
    </form>`;
  }

  /** The options to choose from. */
  private choices(poll: Poll): TemplateResult {
    const full = this.full();
    const max = poll.maxChoices;
    return html`${poll.multiple
      ? html`<p part="hint" id="hint" class="note">${plural(full ? this.t.pollLimitReached : this.t.pollChooseUpTo, max, this.loc)}</p>`
      : nothing}
    ${poll.options.map((o) => {
      const on = this.selected.includes(o.id);
      return html`<label part="option"
        ><input part="option-input" type=${poll.multiple ? 'checkbox' : 'radio'} name="choice" .value=${o.id}
          .checked=${on} ?disabled=${full && !on} aria-describedby=${full && !on ? 'hint' : nothing}
        /><span part="option-label">${o.label}</span></label
      >`;
    })}`;
  }

  /** The vote button, a failure to vote, and the results so far when the poll shows them. */
  private voting(poll: Poll, s: PollState): TemplateResult {
    const t = this.t;
    const valid = this.selected.length > 0 && this.selected.length <= poll.maxChoices;
    return html`${s.voteError ? html`<p part="error" id="error">${this.errorText(s.voteError)}</p>` : nothing}
      <button part="vote-button" ?disabled=${!valid} aria-disabled=${s.voting ? 'true' : 'false'}
        aria-describedby=${s.voteError ? 'error' : nothing}>
        ${s.voting ? t.pollVoting : s.voteError ? t.pollRetry : t.pollVote}
      </button>
      ${poll.totalVotes !== null
        ? html`<details><summary>${t.pollSeeResults}</summary>${this.results(poll, null)}</details>`
        : html`<p part="note" class="note">
            ${poll.resultsVisibility === 'after-close' ? t.pollResultsAfterClose : t.pollResultsAfterVote}
          </p>`}`;
  }

  /** Per option its label, the reader's mark, and (when the server shows them) bar, percentage and count. */
  private results(poll: Poll, voted: string[] | null): TemplateResult {
    const { t, loc: lang } = this;
    return html`<ul part="results" tabindex="-1" aria-label=${t.pollResults}>
        ${poll.options.map((o, i) => {
          const mine = !!voted?.includes(o.id);
          const pct = this.percent[i] ?? 0;
          return html`<li part=${mine ? 'result result-chosen' : 'result'}>
            <span part="result-label">${o.label} ${mine
              ? html`<span class="mine"><span aria-hidden="true">✓</span> ${t.pollYourChoice}</span>`
              : nothing}</span>
            ${o.votes === null
              ? nothing
              : html`<span part="percentage">${numberFormat(lang, { style: 'percent' }).format(pct / 100)}</span>
                  <span part="votes">${plural(t.pollVotes, o.votes, lang)}</span>
                  <span part="bar"><span part="bar-fill" data-pct=${pct}></span></span>`}
          </li>`;
        })}
      </ul>
      ${poll.totalVotes === null
        ? html`<p part="note" class="note">${t.pollResultsAfterClose}</p>`
        : html`<p part="total">${plural(t.pollTotal, poll.totalVotes, lang)}</p>`}`;
  }

  private closing(poll: Poll): TemplateResult | typeof nothing {
    const { t, loc: lang } = this;
    if (this.closed) return html`<p part="closing">${t.pollClosed}</p>`;
    if (!poll.closesAt) return nothing;
    return html`<p part="closing">
      <time datetime=${poll.closesAt} title=${absoluteTime(poll.closesAt, lang)}
        >${fill(t.pollClosesIn, { time: relativeTime(poll.closesAt, lang) })}</time
      >
    </p>`;
  }

  /** A multiple-choice poll whose limit is reached: the other boxes are disabled. */
  private full(): boolean {
    const poll = this.data.value?.poll;
    return !!poll?.multiple && !this.showResults && this.selected.length >= poll.maxChoices;
  }

  /** Dispatches one of the poll's events (documented with `@fires` above, not guessed by the manifest analyzer). */
  private emit(event: Event): void {
    this.dispatchEvent(event);
  }

  private errorText(e: AdapterError): string {
    const t = this.t;
    if (e.code === 'rate_limited') return plural(t.pollRateLimited, e.retryAfter ?? 1, this.loc);
    if (e.code === 'network' || e.code === 'timeout') return t.pollOffline;
    if (e.code === 'unauthorized' || e.code === 'forbidden') return t.pollSignIn;
    return t.pollVoteFailed;
  }

  private choose(e: Event): void {
    const input = e.target as HTMLInputElement;
    const options = this.data.value?.poll?.options ?? [];
    this.selected = options
      .map((o) => o.id)
      .filter((id) => (id === input.value ? input.checked : input.type === 'checkbox' && this.selected.includes(id)));
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const ids = this.selected;
    const poll = this.data.value?.poll;
    if (!this.store || !poll || ids.length === 0 || ids.length > poll.maxChoices) return;
    try {
      const voted = await this.store.vote(ids);
      if (voted) this.emit(new PollVotedEvent(voted, ids));
    } catch (error) {
      if ((error as AdapterError).code !== 'aborted') this.emit(new PollErrorEvent('vote', error as AdapterError));
    }
  }
}
