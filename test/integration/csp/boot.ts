import { addScriptTag, LOADER, ONE_FILE, probe, report, startBackend, until } from './page.js';

/**
 * The page under a strict policy gets its script tag (the one file, or the loader with
 * `?script=loader`), then this script reads, posts and votes through the widgets' shadow roots,
 * recording each step.
 */
const withLoader = new URLSearchParams(location.search).get('script') === 'loader';

/** Types into a field the way the browser reports typing. */
function type(field: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

report(async () => {
  await startBackend();
  const comments = document.querySelector('experience-comments')!;
  const poll = document.querySelector('article-poll')!;
  if (withLoader) poll.setAttribute('poll', 'csp-loader-poll');
  await addScriptTag(withLoader ? LOADER : ONE_FILE);
  const inComments = (selector: string) => comments.shadowRoot?.querySelector<HTMLElement>(selector);
  const inPoll = (selector: string) => poll.shadowRoot?.querySelector<HTMLElement>(selector);

  await until(() => comments.shadowRoot?.textContent?.includes('Walking after dinner helped me.'), 'the comments render');
  await until(() => inPoll('[part~=option-input]'), () =>
    `the poll renders (${customElements.get('article-poll') ? `defined, showing "${poll.shadowRoot?.textContent}"` : 'not defined'})`);
  probe.steps.push('rendered');

  const posted = new Promise<CustomEvent>((resolve) => comments.addEventListener('experience-comment-posted', (e) => resolve(e as CustomEvent), { once: true }));
  type((await until(() => inComments('[part~=textarea]'), 'the composer')) as HTMLTextAreaElement, 'Posted from a page under a strict policy.');
  const name = inComments('[part~=name-input]') as HTMLInputElement | null;
  if (name) type(name, 'Strict Reader');
  inComments('[part~=submit]')!.click();
  probe.posted = (await posted).detail.comment.body;
  await until(() => [...comments.shadowRoot!.querySelectorAll('[part~=body]')].some((b) => b.textContent!.includes('Posted from a page under a strict policy.')), 'the new comment shows');
  probe.steps.push('posted');

  const voted = new Promise<CustomEvent>((resolve) => poll.addEventListener('experience-poll-voted', (e) => resolve(e as CustomEvent), { once: true }));
  inPoll('[part~=option-input]')!.click();
  (await until(() => inPoll('[part~=vote-button]:not([disabled])'), 'the vote button is enabled')).click();
  await voted;
  probe.results = (await until(() => inPoll('[part~=results]'), 'the results show')).textContent!.replace(/\s+/g, ' ').trim();
  probe.steps.push('voted');

  // More copies on the same page must not throw: the one file (again, or after the loader), then
  // the loader (again, or after the one file).
  await addScriptTag(ONE_FILE);
  await addScriptTag(LOADER);
  probe.exports = Object.keys((window as unknown as { ExperienceWidgets: object }).ExperienceWidgets).sort();
  probe.steps.push('loaded twice');

  // The German script tag registers its strings; the widgets on a German page switch at once.
  document.documentElement.lang = 'de';
  await addScriptTag('/dist/i18n/de.iife.js');
  const results = () => inPoll('[part~=results]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  probe.german = String(await until(() => results().includes('Ihre Wahl') && results(), 'the poll speaks German'));
  probe.steps.push('German');
});
