import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { ArticlePoll, ExperienceComments } from '../../src/index.js';
import { comment, poll } from '../helpers/fixtures.js';
import { ReferenceServer } from '../helpers/reference-server.js';
import { action, item, part, parts, ready, text } from '../comments/helpers.js';
import { shadowText } from '../helpers/dom.js';
import { until } from '../helpers/wait.js';

/**
 * The widgets against experience-widgets-server itself (no msw), on PGlite, reached on the page's
 * own origin as a site's reverse proxy serves it (the recommended deployment).
 */
const server = new ReferenceServer('end-to-end');

describe('the widgets against the reference server', function () {
  // The first start creates the server's database (PGlite in memory), which takes a few seconds.
  before(async function () {
    this.timeout(60_000);
    await server.start();
  });
  beforeEach(() => localStorage.clear());

  it('shows the thread, posts as an anonymous reader who can edit it after a reload, and gets live comments', async () => {
    await server.start({ comments: [comment('s1', { body: 'Seeded on the server', daysAgo: 2 })] });
    const endpoint = server.proxied;
    const el = await fixture<ExperienceComments>(html`<experience-comments thread="t1" endpoint=${endpoint}></experience-comments>`);
    await ready(el);
    expect(text(part(el, 'list'))).to.contain('Seeded on the server');
    await waitUntil(() => part(el, 'name-input'), 'no name field for an anonymous reader');

    part(el, 'name-input')!.focus();
    await sendKeys({ type: 'Noor' });
    part(el, 'textarea')!.focus();
    await sendKeys({ type: 'Posted through the real server' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await waitUntil(() => text(part(el, 'list')).includes('Posted through the real server'), 'the posted comment did not show');

    // Someone else posts, through the database: the live stream brings it.
    await server.streamsOpen(1);
    await server.insert(comment('live-1', { body: 'Hello from another reader', daysAgo: 0 }));
    await until(() => /new comment/i.test(shadowText(el)), 'the live comment was not announced');

    // What the server stored, as another reader sees it.
    const page = await (await fetch(`${endpoint}/threads/t1/comments?sort=newest&limit=20`, { credentials: 'omit' })).json();
    const stored = page.comments.find((c: { body: string }) => c.body === 'Posted through the real server');
    expect(stored.author.name).to.equal('Noor');
    expect(stored.viewerCanEdit).to.equal(false);
    expect(page.total).to.equal(3);

    // A new page load, the same visitor cookie: the comment is still the reader's own.
    el.remove();
    const again = await fixture<ExperienceComments>(html`<experience-comments thread="t1" endpoint=${endpoint}></experience-comments>`);
    await ready(again);
    await waitUntil(() => item(again, stored.id), 'the reader\'s comment is missing after a reload');
    expect(text(action(again, stored.id, 'edit-button'))).to.equal('Edit');
  });

  it('runs a poll: the vote is counted once by the server', async () => {
    await server.start({ polls: [poll('sleep')] });
    const el = await fixture<ArticlePoll>(html`<article-poll poll="sleep" endpoint=${server.proxied}></article-poll>`);
    await waitUntil(() => parts(el, 'option-input').length === 3, 'the poll did not load');
    (parts(el, 'option-input')[1] as HTMLInputElement).click();
    await el.updateComplete;
    (part(el, 'vote-button') as HTMLButtonElement).click();
    await waitUntil(() => /\b5\b/.test(text(part(el, 'total'))), 'the results do not count the vote');
    const after = await (await fetch(`${server.proxied}/polls/sleep`)).json();
    expect(after.viewerVote).to.deep.equal(['some']);
    expect(after.options.map((o: { votes: number }) => o.votes)).to.deep.equal([3, 2, 0]);
    const twice = await fetch(`${server.proxied}/polls/sleep/votes`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ optionIds: ['yes'] }),
    });
    expect(twice.status).to.equal(409);
  });
});
