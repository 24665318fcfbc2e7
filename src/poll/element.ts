import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ClockController } from '../i18n/clock.js';
import { absoluteTime, fill, numberFormat, plural, relativeTime } from '../i18n/intl.js';
import type { AdapterError } from '../model/errors.js';
import type { Poll, PollAdapter } from '../model/types.js';
import { ExperienceWidget } from '../provider/widget.js';
import { StoreController } from '../stores/controller.js';
import { pollStore, type PollState, type PollStore } from '../stores/poll.js';
import { explain, liveRegion, type ErrorMessages } from '../ui/announcer.js';
import { cssProps } from '../ui/css-props.js';
import { missingAdapterNotice } from '../ui/missing-adapter.js';
import { EventQueue } from '../ui/events.js';
import { PollErrorEvent, PollReadyEvent, PollVotedEvent } from './events.js';
import { percentages } from './rounding.js';
import { defaultPollStrings, loadErrors, voteErrors, type PollStrings } from './strings.js';
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
 * @fires {PollReadyEvent} experience-ready - The poll has loaded; `detail.poll`.
 * @fires {PollVotedEvent} experience-poll-voted - The server counted the vote; `detail.poll` and `detail.optionIds`.
 * @fires {PollErrorEvent} experience-error - Loading or voting failed; `detail.operation` (`load` or `vote`) and `detail.error`.
 */
export class ArticlePoll extends ExperienceWidget<PollAdapter, PollStrings> {
  static override styles = pollStyles;

  /** The poll's id. */
  @property({ reflect: true }) poll = '';

  /** The options checked now, in the poll's order; kept when a vote fails. */
  @state() private selected: string[] = [];

  private data = new StoreController<PollState>(this);
  private store?: PollStore | undefined;
  // Set in willUpdate, before every render:
  declare private t: PollStrings;
  declare private loc: string;
  declare private messages: ErrorMessages;
  private events = new EventQueue(this);
  /** What had the focus before this update (see updated()). */
  declare private focused?: Element | null;
  /** The store whose poll `experience-ready` announced, and the last failure to load announced. */
  private readyFor?: PollStore | undefined;
  private errorSeen?: AdapterError | null;

  constructor() {
    super();
    new ClockController(this);
  }

  override willUpdate(): void {
    const { adapter, lang, strings } = this.settings(defaultPollStrings as PollStrings);
    this.loc = lang;
    this.t = strings;
    this.messages = voteErrors(strings, lang);
    const store = adapter && this.poll ? pollStore(adapter, this.poll) : undefined;
    if (store !== this.store) {
      this.store = store;
      this.selected = [];
      this.data.use(store);
    }
    const s = this.data.value;
    if (s?.poll && this.readyFor !== this.store) {
      this.readyFor = this.store;
      this.events.fire(new PollReadyEvent(s.poll));
    }
    if (s?.error && s.error !== this.errorSeen) this.events.fire(new PollErrorEvent('load', s.error));
    this.errorSeen = s?.error;
    this.focused = this.shadowRoot?.activeElement;
  }

  override updated(): void {
    // What had the focus is gone (the vote button once voted, a retry once loaded): keep the focus
    // in the poll, on the results when there are any.
    if (this.focused && !this.focused.isConnected) {
      const find = (selector: string) => this.renderRoot.querySelector<HTMLElement>(selector);
      (find('[part~=results]:not(details *)') ?? find('[part~=poll]'))?.focus();
    }
  }

  /**
   * The poll's box, then the live region, which stays the same element in every state so that
   * what it says is announced: the loading or the failure to load, a vote in flight, why a vote
   * failed, the thanks or the closing, or why the other boxes are disabled.
   */
  override render(): TemplateResult {
    if (this.missingAdapter) return missingAdapterNotice(this.t.pollNoAdapter);
    const s = this.data.value;
    // The store holds a poll exactly when its status is `ready`: before, it is loading or failed.
    const { box, message } = s?.poll ? this.form(s, s.poll) : this.placeholder(s?.status === 'error' ? s.error : null);
    return html`${box}${liveRegion(message)}`;
  }

  /** The box while the poll loads or after it failed to (`failed`: why), with the reason. */
  private placeholder(failed: AdapterError | null): { box: TemplateResult; message: string } {
    const { t } = this;
    const message = failed ? `${t.pollLoadFailed} ${explain(failed, loadErrors(t, this.loc), this.loc)}` : t.pollLoading;
    const box = html`
      <div part="poll" tabindex="-1" aria-busy=${!failed}>
        ${failed
          ? html`<p part="error">${message} <button class="retry" @click=${() => this.store?.reload()}>${t.pollRetry}</button></p>`
          : note(message)}
      </div>
    `;
    return { box, message };
  }

  /** The poll: its choices or its results, the closing time, then voting or the thanks. */
  private form(s: PollState, poll: Poll): { box: TemplateResult; message: string } {
    const { t, loc } = this;
    const { closesAt, maxChoices, multiple } = poll;
    const closed = poll.closed || (!!closesAt && Date.parse(closesAt) <= Date.now());
    const showResults = closed || s.voted !== null;
    /** A multiple-choice poll whose limit is reached: the other boxes are disabled. */
    const full = multiple && !showResults && this.selected.length >= maxChoices;
    const hint = plural(full ? t.pollLimitReached : t.pollChooseUpTo, maxChoices, loc);
    const voteError = s.voteError ? explain(s.voteError, this.messages, loc) : '';
    const notice = s.notice ? { voted: t.pollVoted, 'already-voted': t.pollAlreadyVoted, closed: t.pollClosed }[s.notice] : '';
    const message = s.voting ? t.pollVoting : voteError || notice || (full ? hint : '');
    const closing = closed
      ? t.pollClosed
      : closesAt
        ? html`<time datetime=${closesAt} title=${absoluteTime(closesAt, loc)}>${fill(t.pollClosesIn, { time: relativeTime(closesAt, loc) })}</time>`
        : nothing;
    const box = html`
      <form part="poll" tabindex="-1" @submit=${this.submit} @change=${this.choose}>
        <fieldset aria-describedby=${multiple && !showResults ? 'hint' : nothing}>
          <legend part="question" dir="auto">${poll.question}</legend>
          ${showResults ? this.results(poll, s.voted) : this.choices(poll, full, hint)}
        </fieldset>
        ${closing === nothing ? nothing : html`<p part="closing">${closing}</p>`}
        ${showResults
          // Once closed, the closing line above says so already.
          ? notice && s.notice !== 'closed' ? note(notice) : nothing
          : this.voting(poll, s, voteError)}
      </form>
    `;
    return { box, message };
  }

  /** The hint of a multiple-choice poll, then a box per option; `full`: the limit is reached, the others are disabled. */
  private choices({ options, multiple }: Poll, full: boolean, hint: string): TemplateResult {
    return html`
      ${multiple ? html`<p part="hint" id="hint">${hint}</p>` : nothing}
      ${options.map((o) => {
        const on = this.selected.includes(o.id);
        const off = full && !on;
        return html`
          <label part="option">
            <input
              part="option-input"
              type=${multiple ? 'checkbox' : 'radio'}
              name="choice"
              .value=${o.id}
              .checked=${on}
              ?disabled=${off}
              aria-describedby=${off ? 'hint' : nothing}
            >
            <span part="option-label" dir="auto">${o.label}</span>
          </label>
        `;
      })}
    `;
  }

  /** Why the last vote failed, the vote button, then the results so far or when they come. */
  private voting(poll: Poll, s: PollState, voteError: string): TemplateResult {
    const { t } = this;
    const n = this.selected.length;
    return html`
      ${voteError ? html`<p part="error" id="error">${voteError}</p>` : nothing}
      <button
        part="vote-button"
        ?disabled=${!n || n > poll.maxChoices}
        aria-disabled=${s.voting}
        aria-describedby=${voteError ? 'error' : nothing}
      >${s.voting ? t.pollVoting : voteError ? t.pollRetry : t.pollVote}</button>
      ${poll.totalVotes === null
        ? note(poll.resultsVisibility === 'after-close' ? t.pollResultsAfterClose : t.pollResultsAfterVote)
        : html`<details><summary>${t.pollSeeResults}</summary>${this.results(poll, null)}</details>`}
    `;
  }

  /** Per option its label, the reader's mark, and (when the server shows them) bar, percentage and count; then the total. */
  private results(poll: Poll, voted: string[] | null): TemplateResult {
    const { t, loc } = this;
    const percent = percentages(poll.options.map((o) => o.votes ?? 0));
    return html`
      <ul part="results" tabindex="-1" aria-label=${t.pollResults}>
        ${poll.options.map((o, i) => {
          const mine = voted?.includes(o.id);
          return html`
            <li part=${mine ? 'result result-chosen' : 'result'}>
              <span part="result-label" dir="auto">${o.label} ${mine ? this.mine() : nothing}</span> ${o.votes === null ? nothing : this.share(o.votes, percent[i]!)}
            </li>
          `;
        })}
      </ul>
      ${poll.totalVotes === null
        ? note(t.pollResultsAfterClose)
        : html`<p part="total">${plural(t.pollTotal, poll.totalVotes, loc)}</p>`}
    `;
  }

  /** The mark on the reader's own choice. */
  private mine(): TemplateResult {
    return html`<span class="mine"><span aria-hidden="true">✓</span> ${this.t.pollYourChoice}</span>`;
  }

  /** An option's whole percentage, its votes and its bar, with a space between words read out. */
  private share(votes: number, percent: number): TemplateResult {
    const { t, loc } = this;
    const percentage = numberFormat(loc, { style: 'percent' }).format(percent / 100);
    const bar = html`<span part="bar"><span part="bar-fill" .style=${cssProps({ '--share': `${percent}%` })}></span></span>`;
    return html`<span part="percentage">${percentage}</span> <span part="votes">${plural(t.pollVotes, votes, loc)}</span> ${bar}`;
  }

  /** The inputs hold the choice: on a radio's change the browser has unchecked the others. */
  private choose(): void {
    this.selected = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
  }

  /** Sends the choice. The vote button is the form's default button, disabled until the choice is valid: the browser submits no other. */
  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const ids = this.selected;
    try {
      const poll = await this.store!.vote(ids);
      if (poll) this.events.fire(new PollVotedEvent(poll, ids));
    } catch (error) {
      if ((error as AdapterError).code !== 'aborted') this.events.fire(new PollErrorEvent('vote', error as AdapterError));
    }
  }
}

/** A secondary line: why results are not shown (yet), the loading note, the thanks. */
const note = (text: string) => html`<p part="note" class="note">${text}</p>`;
