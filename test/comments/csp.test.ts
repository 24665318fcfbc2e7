import { expect, waitUntil } from '@open-wc/testing';
import { article, healthThread, mount, Spy } from './helpers.js';

/**
 * Under a strict CSP (no 'unsafe-inline' styles) the thread renders with no blocked style: the
 * avatars' colours go through CSSOM. Its own page: the policy stays on the document once added.
 */
describe('<experience-comments> under a strict Content-Security-Policy', () => {
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
    probe.remove();
    violations.length = 0;
  });

  it('colours the avatars without any blocked style', async () => {
    const el = await mount(new Spy({ comments: healthThread() }));
    const colour = getComputedStyle(article(el, 'c2')!.querySelector('[part~=avatar]')!).backgroundColor;
    expect(colour).to.match(/^rgb\(\d+, \d+, \d+\)$/);
    expect(colour).not.to.equal(getComputedStyle(article(el, 'c7')!.querySelector('[part~=avatar]')!).backgroundColor);
    await new Promise((r) => setTimeout(r, 50));
    expect(violations).to.deep.equal([]);
  });
});
