import { ContextConsumer } from '@lit/context';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { ClockController } from '../i18n/clock.js';
import { absoluteTime, fill, numberFormat, plural, relativeTime } from '../i18n/intl.js';
import type { AdapterError, AdapterErrorCode } from '../model/errors.js';
import type { Poll, PollAdapter } from '../model/types.js';
import { providedContext, settingsOf } from '../provider/context.js';
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
  static override properties = {
    poll: { reflect: true },
    endpoint: {},
    locale: {},
    theme: { reflect: true },
    adapter: { attribute: false },
    strings: { attribute: false },
  };

  /** The poll's id. */
  poll = '';
  /** The REST API base; a `RestAdapter` for it is used unless `adapter` is set. */
  declare endpoint?: string;
  /** The locale of times and numbers; else the provider's, else the nearest `lang`. */
  declare locale?: string;
  /** `light`, `dark`, or `auto` to follow the reader's colour scheme. */
  theme: 'light' | 'dark' | 'auto' = 'auto';
  /** The backend; wins over `endpoint` and the provider. */
  declare adapter?: PollAdapter;
  /** Replacements for any of the English strings (`defaultPollStrings`). */
  declare strings?: Partial<PollStrings>;

  /** The options checked now, in the poll's order; kept when a vote fails. Set by `choose()`, which updates. */
  private selected: string[] = [];

  private provided = new ContextConsumer(this, { context: providedContext, subscribe: true });
  private data = new StoreController<PollState>(this);
  private store?: PollStore | undefined;
  // Derived in willUpdate, before every render:
  declare private t: PollStrings;
  declare private loc: string;
  declare private closed: boolean;
  declare private showResults: boolean;
  /** A multiple-choice poll whose limit is reached: the other boxes are disabled. */
  declare private full: boolean;
  /** The choice may be sent: at least one option, at most `maxChoices`. */
  declare private valid: boolean;
  declare private message: string;
  declare private notice: string;
  declare private voteError: string;
  // For updated():
  private readyFor?: PollStore | undefined;
  private errorSeen?: AdapterError | null;
  private focused?: Element | null;

  constructor() {
    super();
    new ClockController(this);
  }

  override willUpdate(): void {
    const { adapter, lang, strings: t } = settingsOf(this, this.provided.value, defaultPollStrings as PollStrings);
    this.loc = lang;
    this.t = t;
    const store = adapter && this.poll ? pollStore(adapter, this.poll) : undefined;
    if (store !== this.store) {
      this.store = store;
      this.selected = [];
      this.data.use(store);
    }
    const s = this.data.value;
    const poll = s?.poll;
    const n = this.selected.length;
    const e = s?.voteError;
    this.closed = !!poll && (poll.closed || (!!poll.closesAt && Date.parse(poll.closesAt) <= Date.now()));
    this.showResults = !!poll && (this.closed || s!.voted !== null);
    this.full = !!poll?.multiple && !this.showResults && n >= poll.maxChoices;
    this.valid = n > 0 && n <= (poll?.maxChoices ?? 0);
    this.notice = s?.notice ? { voted: t.pollVoted, 'already-voted': t.pollAlreadyVoted, closed: t.pollClosed }[s.notice] : '';
    this.voteError = !e ? ''
      : e.code === 'rate_limited' ? plural(t.pollRateLimited, e.retryAfter ?? 1, lang)
      : t[VOTE_ERRORS[e.code] ?? 'pollVoteFailed'];
    this.focused = this.shadowRoot?.activeElement;
    // The store holds a poll exactly when its status is `ready`: before, it is loading or failed.
    this.message = !poll ? (s?.status === 'error' ? t.pollLoadFailed : t.pollLoading)
      : s!.voting ? t.pollVoting
      : e ? this.voteError
      : this.notice || (this.full ? plural(t.pollLimitReached, poll.maxChoices, lang) : '');
  }

  override updated(): void {
    const s = this.data.value;
    if (s?.poll && this.readyFor !== this.store) {
      this.readyFor = this.store;
      this.emit(new PollReadyEvent(s.poll));
    }
    if (s?.error && s.error !== this.errorSeen) this.emit(new PollErrorEvent('load', s.error));
    this.errorSeen = s?.error;
    // What had the focus is gone (the vote button once voted, a retry once loaded): keep the focus
    // in the poll, on the results when there are any.
    if (this.focused && !this.focused.isConnected) {
      const find = (selector: string) => this.renderRoot.querySelector<HTMLElement>(selector);
      (find('[part~=results]:not(details *)') ?? find('[part~=poll]'))?.focus();
    }
  }

  // No line breaks inside the templates' text: white space only where it separates words.
  override render(): TemplateResult {
    const s = this.data.value;
    const poll = s?.poll;
    const t = this.t;
    return html`${
      poll ? this.form(poll, s)
      : s?.status === 'error'
        ? html`<div part="poll" tabindex="-1"><p part="error">${t.pollLoadFailed} <button @click=${() => this.store?.reload()}>${t.pollRetry}</button></p></div>`
        : html`<div part="poll" tabindex="-1" aria-busy="true">${note(t.pollLoading)}</div>`
    }<div part="status" role="status" class="sr">${this.message}</div>`;
  }

  /** The loaded poll: the question, then the choices or the results, the time left and the vote. */
  private form(poll: Poll, s: PollState): TemplateResult {
    const { t, loc, closed, showResults } = this;
    return html`<form part="poll" tabindex="-1" @submit=${this.submit} @change=${this.choose}><fieldset aria-describedby=${
      poll.multiple && !showResults ? 'hint' : nothing}><legend part="question">${poll.question}</legend>${
      showResults ? this.results(poll, s.voted) : this.choices(poll)}</fieldset>${
      closed ? html`<p part="closing">${t.pollClosed}</p>`
      : poll.closesAt ? html`<p part="closing"><time datetime=${poll.closesAt} title=${absoluteTime(poll.closesAt, loc)}>${
          fill(t.pollClosesIn, { time: relativeTime(poll.closesAt, loc) })}</time></p>`
      : nothing}${
      !showResults ? this.voting(poll, s)
      // Once closed, the closing line above says so already.
      : this.notice && s.notice !== 'closed' ? note(this.notice)
      : nothing}</form>`;
  }

  /** The options to choose from. */
  private choices(poll: Poll): TemplateResult {
    const { t, full } = this;
    return html`${
      poll.multiple ? html`<p part="hint" id="hint" class="note">${plural(full ? t.pollLimitReached : t.pollChooseUpTo, poll.maxChoices, this.loc)}</p>` : nothing}${
      poll.options.map((o) => {
        const on = this.selected.includes(o.id);
        const off = full && !on;
        return html`<label part="option"><input part="option-input" type=${poll.multiple ? 'checkbox' : 'radio'} name="choice" .value=${o.id} .checked=${on} ?disabled=${off} aria-describedby=${
          off ? 'hint' : nothing}><span part="option-label">${o.label}</span></label>`;
      })}`;
  }

  /** The vote button, a failure to vote, and the results so far when the poll shows them. */
  private voting(poll: Poll, s: PollState): TemplateResult {
    const t = this.t;
    const failed = !!s.voteError;
    return html`${
      failed ? html`<p part="error" id="error">${this.voteError}</p>` : nothing
    }<button part="vote-button" ?disabled=${!this.valid} aria-disabled=${s.voting} aria-describedby=${failed ? 'error' : nothing}>${
      s.voting ? t.pollVoting : failed ? t.pollRetry : t.pollVote}</button>${
      poll.totalVotes !== null ? html`<details><summary>${t.pollSeeResults}</summary>${this.results(poll, null)}</details>`
      : note(poll.resultsVisibility === 'after-close' ? t.pollResultsAfterClose : t.pollResultsAfterVote)}`;
  }

  /** Per option its label, the reader's mark, and (when the server shows them) bar, percentage and count. */
  private results(poll: Poll, voted: string[] | null): TemplateResult {
    const { t, loc } = this;
    const percent = percentages(poll.options.map((o) => o.votes ?? 0));
    return html`<ul part="results" tabindex="-1" aria-label=${t.pollResults}>${
      poll.options.map((o, i) => {
        const mine = !!voted?.includes(o.id);
        const pct = percent[i] ?? 0;
        return html`<li part=${mine ? 'result result-chosen' : 'result'}><span part="result-label">${o.label} ${
          mine ? html`<span class="mine"><span aria-hidden="true">✓</span> ${t.pollYourChoice}</span>` : nothing}</span> ${
          o.votes === null ? nothing
          : html`<span part="percentage">${numberFormat(loc, { style: 'percent' }).format(pct / 100)}</span> <span part="votes">${
              plural(t.pollVotes, o.votes, loc)}</span> <span part="bar"><span part="bar-fill" data-pct=${pct}></span></span>`}</li>`;
      })}</ul>${
      poll.totalVotes === null ? note(t.pollResultsAfterClose) : html`<p part="total">${plural(t.pollTotal, poll.totalVotes, loc)}</p>`}`;
  }

  /** Dispatches one of the poll's events (documented with `@fires` above, not guessed by the manifest analyzer). */
  private emit(event: Event): void {
    this.dispatchEvent(event);
  }

  /** The inputs hold the choice: on a radio's change the browser has unchecked the others. */
  private choose(): void {
    this.selected = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
    this.requestUpdate();
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const ids = this.selected;
    try {
      const poll = this.valid ? await this.store?.vote(ids) : undefined;
      if (poll) this.emit(new PollVotedEvent(poll, ids));
    } catch (error) {
      if ((error as AdapterError).code !== 'aborted') this.emit(new PollErrorEvent('vote', error as AdapterError));
    }
  }
}

/** A secondary line: why results are not shown (yet), the loading note, the thanks. */
const note = (text: string) => html`<p part="note" class="note">${text}</p>`;

/** The string of a failure to vote, by its code; `rate_limited` is counted, anything else `pollVoteFailed`. */
const VOTE_ERRORS: Partial<Record<AdapterErrorCode, 'pollOffline' | 'pollSignIn'>> = {
  network: 'pollOffline',
  timeout: 'pollOffline',
  unauthorized: 'pollSignIn',
  forbidden: 'pollSignIn',
};
