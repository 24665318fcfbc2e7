import { expect, fixtureSync, html } from '@open-wc/testing';
import '../../src/index.js';
import { ar } from '../../src/i18n/ar.js';
import { comment, poll } from '../helpers/fixtures.js';
import { mockBackend } from '../helpers/msw.js';
import { article as commentArticle } from '../comments/helpers.js';
import { shadowText } from '../helpers/dom.js';
import { until } from '../helpers/wait.js';

/** Under `dir="rtl"` everything mirrors: replies indent from the right, bars fill from the right. */
describe('the widgets in a right-to-left page', () => {
  it('mirror their layout and stay accessible', async () => {
    const { endpoint } = await mockBackend({
      comments: [comment('a', { threadId: 'rtl' }), comment('b', { threadId: 'rtl', parentId: 'a', body: 'رد' })],
      polls: [poll('rtl-poll', { viewerVote: ['yes'] })],
    });
    const page = fixtureSync<HTMLElement>(html`
      <div dir="rtl" lang="ar" style="width: 600px">
        <experience-comments thread="rtl" endpoint=${endpoint}></experience-comments>
        <article-poll poll="rtl-poll" endpoint=${endpoint}></article-poll>
      </div>
    `);
    const comments = page.querySelector('experience-comments')!;
    const pollEl = page.querySelector('article-poll')!;
    const article = (id: string) => commentArticle(comments, id);
    await until(() => article('a') && article('b'), 'the thread');
    const parent = article('a')!.getBoundingClientRect();
    const reply = article('b')!.getBoundingClientRect();
    expect(Math.round(reply.right), 'the reply starts at the right edge, indented').to.be.lessThan(Math.round(parent.right));
    expect(Math.round(reply.left), 'and runs to the left edge').to.be.at.most(Math.round(parent.left));

    await until(() => pollEl.shadowRoot!.querySelector('[part~=bar-fill]'), 'the results');
    const fillEl = pollEl.shadowRoot!.querySelector('[part~=bar-fill]')!;
    await Promise.all(fillEl.getAnimations().map((a) => a.finished));
    const bar = pollEl.shadowRoot!.querySelector('[part~=bar]')!.getBoundingClientRect();
    const fill = fillEl.getBoundingClientRect();
    expect(fill.width).to.be.greaterThan(0).and.lessThan(bar.width);
    expect(Math.abs(fill.right - bar.right), 'the bar fills from the right').to.be.lessThan(1.5);

    await expect(comments).to.be.accessible();
    await expect(pollEl).to.be.accessible();
  });

  it('in Arabic, even on a left-to-right page: the widgets set dir="rtl" themselves, speak Arabic and mirror', async () => {
    const { endpoint } = await mockBackend({
      comments: [comment('a', { threadId: 'ar' }), comment('b', { threadId: 'ar', parentId: 'a', body: 'رد' })],
      polls: [poll('ar-poll', { viewerVote: ['yes'] })],
    });
    const page = fixtureSync<HTMLElement>(html`
      <div dir="ltr" lang="en" style="width: 600px">
        <experience-comments thread="ar" locale="ar" endpoint=${endpoint}></experience-comments>
        <article-poll poll="ar-poll" locale="ar" endpoint=${endpoint}></article-poll>
        <experience-comment-count thread="ar" locale="ar" endpoint=${endpoint}></experience-comment-count>
        <experience-comments thread="ar" locale="ar" dir="ltr" endpoint=${endpoint}></experience-comments>
      </div>
    `);
    const [comments, own] = page.querySelectorAll('experience-comments');
    const pollEl = page.querySelector('article-poll')!;
    const count = page.querySelector('experience-comment-count')!;
    await until(() => commentArticle(comments!, 'b') && pollEl.shadowRoot!.querySelector('[part~=bar-fill]') && shadowText(count) === 'تعليقان', 'everything in Arabic');
    expect([comments, pollEl, count].map((el) => [el!.getAttribute('dir'), getComputedStyle(el!).direction])).to.deep.equal([
      ['rtl', 'rtl'],
      ['rtl', 'rtl'],
      ['rtl', 'rtl'],
    ]);
    expect(own!.getAttribute('dir'), 'the page\'s own dir on the widget stays').to.equal('ltr');
    expect(shadowText(comments!)).to.contain(ar.sortLabel).and.contain(ar.reply);
    expect(shadowText(pollEl)).to.contain(ar.pollYourChoice);
    const parent = commentArticle(comments!, 'a')!.getBoundingClientRect();
    const reply = commentArticle(comments!, 'b')!.getBoundingClientRect();
    expect(Math.round(reply.right), 'the reply is indented from the right').to.be.lessThan(Math.round(parent.right));
    await expect(comments).to.be.accessible();
    await expect(pollEl).to.be.accessible();

    comments!.locale = 'en';
    await until(() => !comments!.hasAttribute('dir'), 'the dir it set is taken away in English');
    expect(getComputedStyle(comments!).direction).to.equal('ltr');
  });
});
