import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { ArticlePoll } from '../../src/index.js';
import { poll } from '../helpers/fixtures.js';
import { mockBackend } from '../helpers/msw.js';
import { quietFor } from '../helpers/wait.js';

/**
 * Under a strict CSP (no 'unsafe-inline' styles) the poll must render its bars with no blocked
 * style. Its own page: the policy stays on the document once added.
 */
describe('<article-poll> under a strict Content-Security-Policy', () => {
  const violations: string[] = [];

  before(() => {
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.sample}`));
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "style-src 'self'";
    document.head.append(meta);
  });

  it('has the policy in force: a style attribute from markup is blocked', async () => {
    const probe = document.createElement('div');
    probe.innerHTML = '<p style="width: 10px"></p>';
    document.body.append(probe);
    await waitUntil(() => violations.length > 0, 'the policy is not enforced');
    expect(getComputedStyle(probe.firstElementChild!).width).not.to.equal('10px');
    probe.remove();
    violations.length = 0;
  });

  it('sizes the result bars without any blocked style', async () => {
    const { endpoint } = await mockBackend({ polls: [poll('p1', { viewerVote: ['yes'] })] });
    const el = await fixture<ArticlePoll>(html`<article-poll poll="p1" endpoint=${endpoint}></article-poll>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~=bar-fill]'));
    const [track] = el.shadowRoot!.querySelectorAll<HTMLElement>('[part~=bar]');
    const fill = track!.querySelector<HTMLElement>('[part~=bar-fill]')!;
    expect(fill.offsetWidth / track!.offsetWidth).to.be.closeTo(0.75, 0.01);
    await quietFor();
    expect(violations).to.deep.equal([]);
  });
});
