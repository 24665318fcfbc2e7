import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
// The package's entry: defines the elements and exports the types.
import { AdapterError, type ArticlePoll, type Comment, type CommentsAdapter, type ExperienceComments, type Poll, type PollAdapter } from '../../src/index.js';
import { shadowText } from '../helpers/dom.js';
import { until } from '../helpers/wait.js';

/**
 * The README's promise: an ESM import and a backend of a few lines. This adapter keeps comments
 * and one poll in arrays; it has no `getSession`, `react`, `updateComment`, `deleteComment` or
 * `report`, so the widgets must hide likes, editing, deleting and reporting.
 */
function arrayAdapter(): CommentsAdapter & PollAdapter {
  const comments: Comment[] = [];
  const poll: Poll = {
    id: 'custom-poll', question: 'Tea or coffee?', multiple: false, maxChoices: 1, closesAt: null, closed: false,
    resultsVisibility: 'always', viewerVote: null, totalVotes: 3,
    options: [{ id: 'tea', label: 'Tea', votes: 2 }, { id: 'coffee', label: 'Coffee', votes: 1 }],
  };
  return {
    async listComments({ threadId }) {
      const list = comments.filter((c) => c.threadId === threadId);
      return { comments: list, nextCursor: null, total: list.length };
    },
    async createComment({ threadId, parentId, body, author }) {
      const c: Comment = {
        id: `c${comments.length + 1}`, threadId, parentId, body, author: { id: 'guest', name: author?.name ?? 'Guest' },
        createdAt: new Date().toISOString(), status: 'published', likes: 0,
      };
      comments.push(c);
      return c;
    },
    async getPoll() {
      return structuredClone(poll);
    },
    async vote({ optionIds }) {
      if (poll.viewerVote) throw new AdapterError({ status: 409, code: 'already_voted', message: 'Once is enough.' });
      for (const o of poll.options) if (optionIds.includes(o.id)) o.votes!++;
      poll.totalVotes! += 1;
      poll.viewerVote = optionIds;
      return structuredClone(poll);
    },
  };
}


describe('an ESM import with a custom adapter of a few lines', () => {
  it('shows the thread, hides what the adapter cannot do, and posts by keyboard', async () => {
    const adapter = arrayAdapter();
    await adapter.createComment({ threadId: 'tips', parentId: null, body: 'Steep for three minutes.', author: { name: 'Ann' } });
    const el = await fixture<ExperienceComments>(html`<experience-comments thread="tips" .adapter=${adapter}></experience-comments>`);
    await until(() => shadowText(el).includes('Steep for three minutes.'), 'the seeded comment');
    const root = el.shadowRoot!;
    expect(root.querySelector('[part~=reply-button]'), 'reply is always there').to.exist;
    for (const part of ['like-button', 'edit-button', 'delete-button', 'report-button']) {
      expect(root.querySelector(`[part~=${part}]`), part).to.equal(null);
    }

    root.querySelector<HTMLTextAreaElement>('[part~=textarea]')!.focus();
    await sendKeys({ type: 'Warm the pot first.' });
    await sendKeys({ press: 'Tab' });
    expect(root.activeElement?.matches('[part~=name-input]'), 'a name is asked: no getSession means anonymous posting').to.equal(true);
    await sendKeys({ type: 'Bo' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    const posted = oneEvent(el, 'experience-comment-posted');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    const { detail } = await posted;
    expect(detail.comment.body).to.equal('Warm the pot first.');
    expect(detail.comment.author.name).to.equal('Bo');
    await until(() => shadowText(el).includes('Warm the pot first.'), 'the new comment shows');
    expect((await adapter.listComments({ threadId: 'tips', sort: 'newest', limit: 20 })).total).to.equal(2);
  });

  it('votes by keyboard in a poll over the same adapter', async () => {
    const adapter = arrayAdapter();
    const el = await fixture<ArticlePoll>(html`<article-poll poll="custom-poll" .adapter=${adapter}></article-poll>`);
    await until(() => el.shadowRoot!.querySelector('[part~=option-input]'), 'the options');
    el.shadowRoot!.querySelector<HTMLInputElement>('[part~=option-input]')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('input[value=coffee]')!.checked).to.equal(true);
    const voted = oneEvent(el, 'experience-poll-voted');
    await sendKeys({ press: 'Enter' });
    const { detail } = await voted;
    expect(detail.optionIds).to.deep.equal(['coffee']);
    await until(() => el.shadowRoot!.querySelector('[part~=results]'), 'the results');
    expect(shadowText(el)).to.include('2 votes').and.include('4 votes in total').and.include('Your choice');
  });
});
