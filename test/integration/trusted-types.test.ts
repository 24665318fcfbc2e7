import { expect } from '@open-wc/testing';
import { visit } from '../helpers/csp.js';

describe("the script tag under Trusted Types: require-trusted-types-for 'script'; trusted-types lit-html", function () {
  this.timeout(30000);

  it('renders both widgets, posts and votes, with no violation but the page\'s own refused innerHTML', async () => {
    const report = await visit('trusted-types.html');
    expect(report.failure, report.failure).to.equal(undefined);
    // The policy is in force: the page's own string for innerHTML was refused, and reported.
    expect(report.enforced).to.equal(true);
    expect(report.violations).to.have.length(1);
    expect(report.violations[0]).to.match(/^require-trusted-types-for/);
    expect(report.steps).to.deep.equal(['rendered', 'posted', 'voted']);
    expect(report.results).to.contain('Your choice');
    expect(report.errors, 'errors').to.deep.equal([]);
    expect(report.warnings, 'console warnings').to.deep.equal([]);
  });
});
