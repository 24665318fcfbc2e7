import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import {
  ArticlePoll,
  CommentPostedEvent,
  ExperienceComments,
  ExperienceProvider,
  MemoryAdapter,
  PollVotedEvent,
  type Comment,
  type CommentsAdapter,
  type Poll,
} from '../../src/index.js';
import { ar } from '../../src/i18n/ar.js';
import { de } from '../../src/i18n/de.js';
import { es } from '../../src/i18n/es.js';
import { CommentsReadyEvent, PollErrorEvent, type StringTable } from '../../src/index.js';
import { poll } from '../helpers/fixtures.js';
import { until } from '../helpers/wait.js';

/**
 * The TypeScript typings a developer relies on, checked by `tsc --noEmit` (this file is part of the
 * project) and then run: tag names map to the element classes, events to their classes, and the
 * properties have their types. Each `@ts-expect-error` fails the type check if a typing gets loose.
 */
function wire(adapter: MemoryAdapter, seen: string[]) {
  const comments = document.querySelector('experience-comments')!;
  const pollEl = document.querySelector('article-poll')!;
  const provider = document.querySelector('experience-provider')!;
  provider.adapter = adapter;
  provider.getToken = async () => 'token';
  provider.strings = es;
  provider.locale = 'es';
  const own: CommentsAdapter | undefined = comments.adapter;
  comments.adapter = own ?? adapter;
  pollEl.addEventListener('experience-poll-voted', (e) => {
    const voted: Poll = e.detail.poll;
    const optionIds: string[] = e.detail.optionIds;
    seen.push(`voted ${voted.id} ${optionIds.join()}`);
  });
  comments.addEventListener('experience-ready', (e) => {
    if (e instanceof CommentsReadyEvent) void (e.detail.total satisfies number);
  });
  pollEl.addEventListener('experience-error', (e) => {
    if (e instanceof PollErrorEvent) void (e.detail.operation satisfies 'load' | 'vote');
  });
  comments.addEventListener('experience-comment-posted', (e) => {
    const comment: Comment = e.detail.comment;
    seen.push(`posted ${comment.body}`);
  });
  return { comments, poll: pollEl, provider };
}

/** Never called: what must not type-check. */
export function mistakes(comments: ExperienceComments, pollEl: ArticlePoll, provider: ExperienceProvider): void {
  // @ts-expect-error a poll's backend must be able to vote
  pollEl.adapter = { getPoll: async () => ({}) as Poll };
  // @ts-expect-error the provider's adapter serves both widgets, so a comments-only one is not enough
  provider.adapter = comments.adapter;
  // @ts-expect-error `sort` is one of three orders
  comments.sort = 'random';
  pollEl.addEventListener('experience-poll-voted', (e) => {
    // @ts-expect-error the detail has the poll and the option ids, nothing else
    void e.detail.comment;
  });
  // @ts-expect-error a string table has every key with its kind
  provider.strings = { ...es, count: 3 };
  // Every locale shipped is complete.
  const complete: StringTable[] = [es, de, ar];
  void complete;
  comments.addEventListener('experience-error', (e) => {
    // @ts-expect-error an error event's detail has the operation and the error, nothing else
    void e.detail.total;
  });
}

describe('TypeScript typings', () => {
  it('map tag names to the classes that run', () => {
    expect(document.createElement('experience-comments')).to.be.instanceOf(ExperienceComments);
    expect(document.createElement('article-poll')).to.be.instanceOf(ArticlePoll);
    expect(document.createElement('experience-provider')).to.be.instanceOf(ExperienceProvider);
  });

  it('type the properties and the events that the widgets really fire', async () => {
    const seen: string[] = [];
    const memory = new MemoryAdapter({ polls: [poll('types-poll')] });
    await fixture(html`
      <experience-provider><article-poll poll="types-poll"></article-poll><experience-comments thread="t"></experience-comments></experience-provider>
    `);
    const page = wire(memory, seen);
    await until(() => page.poll.shadowRoot!.querySelector('[part~=option-input]'), 'the poll');
    page.poll.shadowRoot!.querySelector<HTMLInputElement>('input[value=yes]')!.click();
    await page.poll.updateComplete;
    const voted = oneEvent(page.poll, 'experience-poll-voted');
    page.poll.shadowRoot!.querySelector<HTMLButtonElement>('[part~=vote-button]')!.click();
    expect(await voted).to.be.instanceOf(PollVotedEvent);

    await until(() => page.comments.shadowRoot!.querySelector('[part~=textarea]'), 'the composer');
    const field = page.comments.shadowRoot!.querySelector<HTMLTextAreaElement>('[part~=textarea]')!;
    field.value = 'Typed.';
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const name = page.comments.shadowRoot!.querySelector<HTMLInputElement>('[part~=name-input]')!;
    name.value = 'Ty';
    name.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const posted = oneEvent(page.comments, 'experience-comment-posted');
    page.comments.shadowRoot!.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    expect(await posted).to.be.instanceOf(CommentPostedEvent);
    expect(seen).to.deep.equal(['voted types-poll yes', 'posted Typed.']);
  });
});
