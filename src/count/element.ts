import { css, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { plural } from '../i18n/intl.js';
import type { CommentsAdapter } from '../model/types.js';
import { ExperienceWidget } from '../provider/widget.js';
import { StoreController } from '../stores/controller.js';
import { countStore, type CountState } from '../stores/counts.js';
import { missingAdapterNotice } from '../ui/missing-adapter.js';
import { defaultCountStrings, type CountStrings } from './strings.js';

/**
 * A thread's number of comments, for index and archive pages ("12 comments"). Every count on the
 * page that shares a backend is fetched in one request, for up to 100 threads.
 *
 * @summary The number of comments of a thread.
 *
 * @csspart count - The text: "12 comments", or "Comments" while the number is not known.
 *
 * @cssprop [--experience-text=inherit] - Text.
 * @cssprop [--experience-font=inherit] - The `font` shorthand.
 */
export class ExperienceCommentCount extends ExperienceWidget<CommentsAdapter, CountStrings> {
  static override styles = css`
    :host {
      font: var(--experience-font, inherit);
      color: var(--experience-text, inherit);
    }
  `;

  /** The thread's id (required). */
  @property({ reflect: true }) thread = '';

  private count$ = new StoreController<CountState>(this);
  declare private text: string;
  declare private t: CountStrings;

  protected override willUpdate(): void {
    const { adapter, lang, strings } = this.settings(defaultCountStrings);
    this.t = strings;
    this.count$.use(adapter && this.thread ? countStore(adapter, this.thread) : undefined);
    const count = this.count$.value?.count;
    this.text = count == null ? strings.title : plural(strings.count, count, lang);
  }

  override render(): TemplateResult {
    if (this.missingAdapter) return missingAdapterNotice(this.t.noAdapter);
    return html`<span part="count">${this.text}</span>`;
  }
}
