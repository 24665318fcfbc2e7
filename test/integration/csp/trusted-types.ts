import type { MemoryAdapter } from '../../../src/index.js';
import { comment, poll as seedPoll } from '../../helpers/fixtures.js';
import { probe, report, until } from './page.js';

/**
 * The page under Trusted Types (`require-trusted-types-for 'script'; trusted-types lit-html`)
 * shows that the policy is in force (a string given to `innerHTML` is refused), then reads, posts
 * and votes through the widgets of the static script tag, over its MemoryAdapter (the mock
 * backend's service worker would need a policy of the test's own).
 */
report(async () => {
  const widgets = (window as unknown as { ExperienceWidgets: { MemoryAdapter: typeof MemoryAdapter } }).ExperienceWidgets;
  const adapter = new widgets.MemoryAdapter({
    comments: [comment('c1', { threadId: 'tt-thread', body: 'Walking after dinner helped me.' })],
    polls: [seedPoll('tt-poll', { resultsVisibility: 'after-vote' })],
    viewer: { id: 'me', name: 'Trusted Reader' },
  });
  try {
    document.createElement('div').innerHTML = '<b>not trusted</b>';
    probe.enforced = false;
  } catch (e) {
    probe.enforced = e instanceof TypeError;
  }
  // Connected with their backend: a widget that waits a second for one says it has none.
  const poll = Object.assign(document.createElement('article-poll'), { adapter });
  poll.setAttribute('poll', 'tt-poll');
  const comments = Object.assign(document.createElement('experience-comments'), { adapter });
  comments.setAttribute('thread', 'tt-thread');
  document.querySelector('main')!.append(poll, comments);
  const inComments = (selector: string) => comments.shadowRoot?.querySelector<HTMLElement>(selector);
  const inPoll = (selector: string) => poll.shadowRoot?.querySelector<HTMLElement>(selector);

  await until(() => comments.shadowRoot?.textContent?.includes('Walking after dinner helped me.'), 'the comments render');
  await until(() => inPoll('[part~=option-input]'), 'the poll renders');
  probe.steps.push('rendered');

  const box = (await until(() => inComments('[part~=textarea]'), 'the composer')) as HTMLTextAreaElement;
  box.value = 'Posted under Trusted Types.';
  box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  inComments('[part~=submit]')!.click();
  await until(() => [...comments.shadowRoot!.querySelectorAll('[part~=body]')].some((b) => b.textContent!.includes('Posted under Trusted Types.')), 'the new comment shows');
  probe.steps.push('posted');

  inPoll('[part~=option-input]')!.click();
  (await until(() => inPoll('[part~=vote-button]:not([disabled])'), 'the vote button is enabled')).click();
  probe.results = (await until(() => inPoll('[part~=results]'), 'the results show')).textContent!.replace(/\s+/g, ' ').trim();
  probe.steps.push('voted');
});
