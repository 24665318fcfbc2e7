import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import { MemoryAdapter } from '../../src/index.js';
import { ADAPTER_WAIT } from '../../src/provider/widget.js';
import { comment } from '../helpers/fixtures.js';
import { shadowText } from '../helpers/dom.js';
import { quietFor, until } from '../helpers/wait.js';

const TAGS = ['experience-comments', 'article-poll', 'experience-comment-count', 'experience-moderation'] as const;

/** Catches console.error while `run` runs. */
async function consoleErrors(run: () => Promise<void>): Promise<unknown[][]> {
  const seen: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void seen.push(args);
  try {
    await run();
  } finally {
    console.error = original;
  }
  return seen;
}

describe('a widget without any backend', () => {
  it('says so in the widget and once in the console, within a second, instead of loading for ever', async () => {
    expect(ADAPTER_WAIT).to.be.at.most(1000);
    let page!: HTMLElement;
    const errors = await consoleErrors(async () => {
      page = await fixture(html`
        <div>
          <experience-comments thread="t1"></experience-comments>
          <article-poll poll="p1"></article-poll>
          <experience-comment-count thread="t1"></experience-comment-count>
          <experience-moderation></experience-moderation>
        </div>
      `);
      const started = performance.now();
      await until(() => TAGS.every((tag) => page.querySelector(tag)!.shadowRoot!.querySelector('[part~=error]')), 'the notices', 2000);
      expect(performance.now() - started).to.be.below(1200);
      // Nothing more is said later.
      await quietFor(200);
    });
    const texts = TAGS.map((tag) => shadowText(page.querySelector(tag)!));
    expect(texts).to.deep.equal([
      'The comments cannot be shown: this page has not connected them to a server.',
      'The poll cannot be shown: this page has not connected it to a server.',
      'The comments cannot be shown: this page has not connected them to a server.',
      'The moderation queue cannot be shown: this page has not connected it to a server.',
    ]);
    expect(errors.map(([message, element]) => [String(message).match(/^<([\w-]+)>/)?.[1], element])).to.deep.equal(
      TAGS.map((tag) => [tag, page.querySelector(tag)]),
    );
    expect(String(errors[0]![0])).to.contain('"endpoint" attribute').and.contain('"adapter" property').and.contain('<experience-provider>');
    for (const tag of TAGS) await expect(page.querySelector(tag)).to.be.accessible();
  });

  it('takes the notice away when a backend arrives, and says nothing when one arrives in time', async () => {
    const errors = await consoleErrors(async () => {
      const late = await fixture<HTMLElementTagNameMap['experience-comments']>(html`<experience-comments thread="t1"></experience-comments>`);
      const early = await fixture<HTMLElementTagNameMap['article-poll']>(html`<article-poll poll="p1"></article-poll>`);
      early.adapter = new MemoryAdapter();
      await until(() => late.shadowRoot!.querySelector('[part~=error]'), 'the notice', 2000);
      late.adapter = new MemoryAdapter({ comments: [comment('a')] });
      await until(() => shadowText(late).includes('Body of a'), 'the thread');
      expect(late.shadowRoot!.textContent).not.to.contain('cannot be shown');
      expect(shadowText(early)).not.to.contain('cannot be shown');
    });
    expect(errors.length).to.equal(1);
  });
});
