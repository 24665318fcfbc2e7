import { expect } from '@open-wc/testing';
import { visit } from '../helpers/csp.js';

describe("the script tag on a plain page under Content-Security-Policy: default-src 'self'", function () {
  this.timeout(30000);

  it('has the policy in force: an inline script and a style attribute are blocked and reported', async () => {
    const report = await visit('control.html');
    expect(report.origin).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(report.inlineScriptRan).to.equal(false);
    expect(report.violations.some((v) => v.startsWith('script-src')), report.violations.join('\n')).to.equal(true);
    expect(report.violations.some((v) => v.startsWith('style-src')), report.violations.join('\n')).to.equal(true);
  });

  it('renders both widgets, posts and votes with no violation and no console error', async () => {
    const report = await visit('page.html');
    expect(report.failure, report.failure).to.equal(undefined);
    expect(report.steps).to.deep.equal(['rendered', 'posted', 'voted', 'loaded twice', 'German']);
    expect(report.posted).to.equal('Posted from a page under a strict policy.');
    expect(report.results).to.contain('Your choice');
    expect(report.german).to.contain('Ihre Wahl');
    expect(report.exports).to.include.members(['ExperienceComments', 'ArticlePoll', 'ExperienceProvider', 'RestAdapter', 'MemoryAdapter', 'AdapterError', 'registerStrings']);
    expect(report.violations, 'CSP violations').to.deep.equal([]);
    expect(report.errors, 'errors').to.deep.equal([]);
    expect(report.warnings, 'console warnings').to.deep.equal([]);
  });
});
