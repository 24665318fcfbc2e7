import { expect } from '@open-wc/testing';
import { visit, type Report } from '../helpers/csp.js';

/** What the page fetched from `dist/`, with the shared chunk's hash left out. */
const files = (list: unknown): string[] => (list as string[]).map((f) => f.replace(/-[\w-]+\.js$/, '-[hash].js')).sort();

/** A widget's box and the text after it, while it waited for its code and once upgraded. */
type Upgrade = { waiting: { top: number; height: number }[]; upgraded: { top: number; height: number }[] };

function expectClean(report: Report): void {
  expect(report.failure, report.failure).to.equal(undefined);
  expect(report.violations, 'CSP violations').to.deep.equal([]);
  expect(report.errors, 'errors').to.deep.equal([]);
  expect(report.warnings, 'console warnings').to.deep.equal([]);
}

describe("the loader on a plain page under Content-Security-Policy: default-src 'self'", function () {
  this.timeout(30000);

  it('renders both widgets, posts and votes, takes the one file and itself again, with no violation and no error', async () => {
    const report = await visit('page.html?script=loader');
    expectClean(report);
    expect(report.steps).to.deep.equal(['rendered', 'posted', 'voted', 'loaded twice', 'German']);
    expect(report.posted).to.equal('Posted from a page under a strict policy.');
    expect(report.results).to.contain('Your choice');
    // The widgets the loader defined speak the German that the one file's locale script registered.
    expect(report.german).to.contain('Ihre Wahl');
    // The widgets' chunks and the shared one; no provider on this page, so not its chunk.
    expect(files(report.fetched)).to.include.members(['/dist/loader.js', '/dist/chunks/shared-[hash].js', '/dist/chunks/comments/define.js', '/dist/chunks/poll/define.js', '/dist/experience-widgets.iife.js']);
    expect(files(report.fetched)).not.to.include('/dist/chunks/provider/define.js');
  });

  describe('on a long German article with the poll at the top and the comments at the end', () => {
    let report: Report;
    before(async () => {
      report = await visit('article.html');
    });

    it('fetches the poll and the German table at once, the comments only once scrolled to', () => {
      expectClean(report);
      expect(report.steps).to.deep.equal(['poll', 'comments']);
      expect(report.definedAtOnce, 'defined before any chunk came').to.deep.equal([]);
      // The poll's chunk and those it imports (however the build splits them), the German table.
      expect(files(report.beforeScroll)).to.include.members(['/dist/loader.js', '/dist/chunks/poll/define.js', '/dist/chunks/shared-[hash].js', '/dist/chunks/i18n/de.js']);
      const unwanted = ['/dist/chunks/comments/define.js', '/dist/chunks/provider/define.js', '/dist/chunks/i18n/es.js'];
      expect(files(report.beforeScroll).filter((f) => unwanted.includes(f))).to.deep.equal([]);
      expect(report.commentsDefined, 'the comments were defined before they were scrolled to').to.equal(false);
      expect(files(report.fetched)).to.include('/dist/chunks/comments/define.js');
      expect(report.heading).to.equal('1 Kommentar');
    });

    for (const widget of ['poll', 'comments']) {
      it(`keeps the ${widget}' box while it waits for its code, so nothing moves when it upgrades`, () => {
        const { waiting, upgraded } = report[widget] as Upgrade;
        // A sensible box (a screen has 600 pixels here), not the nothing of an unknown element.
        expect(waiting[0]!.height).to.be.within(200, 600);
        expect(upgraded[0]!.height, 'the widget grew or shrank').to.equal(waiting[0]!.height);
        expect(upgraded[1]!.top, 'the text after it moved').to.equal(waiting[1]!.top);
      });
    }
  });
});
