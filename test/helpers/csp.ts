/** What `test/integration/csp/probe.js` saw on a framed page, and what the page's script recorded. */
export interface Report {
  origin: string;
  violations: string[];
  errors: string[];
  warnings: string[];
  steps: string[];
  failure?: string;
  /** The files of `dist/` the page fetched, in the order they were fetched. */
  fetched?: string[];
  [finding: string]: unknown;
}

/**
 * Opens a page of `test/integration/csp/` on http://127.0.0.1 (the test runner's middleware serves
 * those pages with `Content-Security-Policy: default-src 'self'`) in a frame of 800 × 600 pixels,
 * and resolves with its report.
 */
export function visit(page: string): Promise<Report> {
  const frame = document.createElement('iframe');
  frame.title = page;
  frame.width = '800';
  frame.height = '600';
  frame.src = `http://127.0.0.1:${location.port}/test/integration/csp/${page}`;
  return new Promise((resolve) => {
    const onMessage = (e: MessageEvent) => {
      if (e.source !== frame.contentWindow) return;
      removeEventListener('message', onMessage);
      frame.remove();
      resolve(e.data as Report);
    };
    addEventListener('message', onMessage);
    document.body.append(frame);
  });
}
