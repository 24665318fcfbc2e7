import { setupWorker } from 'msw/browser';
import { createHandlers } from '../../../src/msw/index.js';
import { comment, poll } from '../../helpers/fixtures.js';

/**
 * The page under a strict policy. A same-origin service worker serves the mock backend (no inline
 * script needed), then the page gets the script tag exactly as a site owner writes it, and this
 * script reads, posts and votes through the widgets' shadow roots, recording each step.
 */
interface Probe {
  steps: string[];
  errors: string[];
  failure?: string;
  exports?: string[];
  posted?: string;
  results?: string;
  german?: string;
}
const probe = (window as unknown as { __probe: Probe }).__probe;

const { handlers } = createHandlers({
  endpoint: '/csp-api',
  comments: [comment('c1', { threadId: 'csp-thread', body: 'Walking after dinner helped me.' })],
  polls: [poll('csp-poll', { resultsVisibility: 'after-vote' })],
});

function until<T>(check: () => T, what: string, ms = 8000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = check();
      if (value) resolve(value);
      else if (Date.now() > end) reject(new Error(`timed out: ${what}`));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

function addScriptTag(src = '/dist/experience-widgets.iife.js'): Promise<unknown> {
  const script = document.createElement('script');
  script.src = src;
  document.head.append(script);
  return new Promise((resolve, reject) => {
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${src} did not load: run \`npm run build\``));
  });
}

/** Types into a field the way the browser reports typing. */
function type(field: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

async function run(): Promise<void> {
  await setupWorker(...handlers).start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
  await addScriptTag();
  probe.exports = Object.keys((window as unknown as { ExperienceWidgets: object }).ExperienceWidgets).sort();
  const comments = document.querySelector('experience-comments')!;
  const poll = document.querySelector('article-poll')!;
  const inComments = (selector: string) => comments.shadowRoot?.querySelector<HTMLElement>(selector);
  const inPoll = (selector: string) => poll.shadowRoot?.querySelector<HTMLElement>(selector);

  await until(() => comments.shadowRoot?.textContent?.includes('Walking after dinner helped me.'), 'the comments render');
  await until(() => inPoll('[part~=option-input]'), 'the poll renders');
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

  // A second copy of the script on the same page must not throw.
  await addScriptTag();
  probe.steps.push('loaded twice');

  // The German script tag registers its strings; the widgets on a German page switch at once.
  document.documentElement.lang = 'de';
  await addScriptTag('/dist/i18n/de.iife.js');
  const results = () => inPoll('[part~=results]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  probe.german = String(await until(() => results().includes('Ihre Wahl') && results(), 'the poll speaks German'));
  probe.steps.push('German');
}

run()
  .catch((e: unknown) => {
    probe.failure = e instanceof Error ? e.message : String(e);
  })
  // Late violations (a style set after the last step) still count.
  .then(() => new Promise((r) => setTimeout(r, 200)))
  .then(() => parent.postMessage(JSON.parse(JSON.stringify(probe)), '*'));
