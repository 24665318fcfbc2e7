import { expect, fixture, html } from '@open-wc/testing';
import { AdapterError, defaultCommentsStrings, defaultPollStrings, type ExperienceComments, type PollStrings } from '../../src/index.js';
import { commentsErrors } from '../../src/comments/strings.js';
import { loadErrors, voteErrors } from '../../src/poll/strings.js';
import { explain } from '../../src/ui/announcer.js';
import { comment, part, Spy, status, text } from '../comments/helpers.js';
import { until } from '../helpers/wait.js';

/**
 * Messages from what a server sends (#14): a code is looked up as a `Map` key, so that a code named
 * like a property of every object, or like a plural string, gives the generic message (before #14,
 * `constructor` gave the text of a function, a plural entry "[object Object]"); a session that
 * fails or hangs is said so with a retry, never taken as anonymous (before, a signed-in reader was
 * asked for a name). Every case failed before #14 but the `kept` one.
 */

const hostileCodes = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'count', 'loaded', 'errorRateLimited'];
const poll = defaultPollStrings as PollStrings;

describe('hostile error codes and sessions', () => {
  for (const code of hostileCodes) {
    it(`gives the generic message for the code "${code}"`, () => {
      const e = new AdapterError({ code, message: 'x' });
      expect(explain(e, commentsErrors(defaultCommentsStrings), 'en')).to.equal(defaultCommentsStrings.errorUnknown);
      expect(explain(e, voteErrors(poll, 'en'), 'en')).to.equal(poll.pollVoteFailed);
      expect(explain(e, loadErrors(poll, 'en'), 'en')).to.equal(poll.pollLoadAgain);
    });
  }

  it('still words a known code (kept)', () => {
    expect(explain(new AdapterError({ code: 'network', message: 'x' }), commentsErrors(defaultCommentsStrings), 'en')).to.equal(defaultCommentsStrings.errorNetwork);
  });

  it('names a wait of at most an hour, and none for a NaN Retry-After of a custom adapter', () => {
    const m = commentsErrors(defaultCommentsStrings);
    expect(explain(new AdapterError({ code: 'rate_limited', message: '', retryAfter: 1e10 }), m, 'en')).to.equal('Too many attempts. Please wait 3,600 seconds.');
    expect(explain(new AdapterError({ code: 'rate_limited', message: '', retryAfter: NaN }), m, 'en')).to.equal(defaultCommentsStrings.errorBusy);
  });

  it('shows a validation message of a custom adapter bounded, without controls, or the generic one when empty', () => {
    const m = commentsErrors(defaultCommentsStrings);
    const long = explain(new AdapterError({ code: 'validation', message: `\u202E${'word '.repeat(10_000)}` }), m, 'en');
    expect(long).to.have.length.at.most(300);
    expect(long).to.not.contain('\u202E');
    expect(explain(new AdapterError({ code: 'validation', message: '\u0000' }), m, 'en')).to.equal(defaultCommentsStrings.errorUnknown);
  });

  it('says "Not sent" with the generic reason when a post fails with the code "constructor"', async () => {
    const spy = new Spy({ comments: [comment('c1')] });
    spy.failNext.post = [new AdapterError({ code: 'constructor', message: 'x' })];
    const el = await fixture<ExperienceComments>(html`<experience-comments thread="t1" .adapter=${spy}></experience-comments>`);
    await until(() => part(el, 'list'));
    const box = part(el, 'textarea') as HTMLTextAreaElement;
    box.value = 'Hello';
    box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    (part(el, 'submit') as HTMLButtonElement).click();
    await until(() => status(el).startsWith('Not sent'));
    expect(status(el)).to.equal(`Not sent. ${defaultCommentsStrings.errorUnknown}`);
  });

  it('says the session failed, with a retry, instead of asking a signed-in reader for a name', async () => {
    const spy = new Spy({ comments: [comment('c1')] });
    let fail = true;
    const getSession = spy.getSession.bind(spy);
    spy.getSession = async (o) => {
      if (fail) throw new AdapterError({ code: 'server_error', status: 500, message: 'down' });
      return getSession(o);
    };
    const el = await fixture<ExperienceComments>(html`<experience-comments thread="t1" .adapter=${spy}></experience-comments>`);
    await until(() => part(el, 'list') && text(el.shadowRoot!).includes('sign-in could not be checked'));
    expect(part(el, 'name-input')).to.equal(null);
    expect(part(el, 'textarea')).to.equal(null);
    const problem = [...el.shadowRoot!.querySelectorAll('[part~=error]')].find((e) => text(e).includes('sign-in'))!;
    expect(text(problem.querySelector('p'))).to.equal(`${defaultCommentsStrings.sessionFailed} ${defaultCommentsStrings.errorServer}`);
    fail = false;
    problem.querySelector('button')!.click();
    await until(() => part(el, 'textarea'), 'no composer after the retry');
    expect(part(el, 'name-input')).to.equal(null);
    expect(text(el.shadowRoot!)).to.not.contain('sign-in could not be checked');
  });

  it('says so within about 10 s when the session never answers', async function () {
    this.timeout(15000);
    const spy = new Spy({ comments: [comment('c1')] });
    spy.getSession = () => new Promise(() => {});
    const started = performance.now();
    const el = await fixture<ExperienceComments>(html`<experience-comments thread="t1" .adapter=${spy}></experience-comments>`);
    await until(() => text(el.shadowRoot!).includes('sign-in could not be checked'), 'no message', 12000);
    expect(performance.now() - started).to.be.within(9500, 11500);
    expect(text(el.shadowRoot!)).to.contain(defaultCommentsStrings.errorTimeout);
  });
});
