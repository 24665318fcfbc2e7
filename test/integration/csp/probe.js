// Loaded first, as a classic script: records every CSP violation, uncaught error, failed load and
// console error or warning on this page in `window.__probe`, for the test that framed it.
(() => {
  // Room for every file of the unbundled test modules, so that the page's own files are listed too.
  performance.setResourceTimingBufferSize(2000);
  const probe = (window.__probe = { origin: location.origin, violations: [], errors: [], warnings: [], steps: [] });
  const text = (args) => args.map((a) => (a instanceof Error ? a.stack || a.message : String(a))).join(' ');
  document.addEventListener('securitypolicyviolation', (e) => {
    probe.violations.push(`${e.violatedDirective} ${e.blockedURI || ''} ${e.sample || ''} (${e.sourceFile}:${e.lineNumber})`.trim());
  }, true);
  window.addEventListener('error', (e) => {
    const target = e.target;
    probe.errors.push(target && target !== window ? `failed to load ${target.src || target.href || target.localName}` : e.message);
  }, true);
  window.addEventListener('unhandledrejection', (e) => probe.errors.push(`unhandled rejection: ${text([e.reason])}`));
  for (const [level, list] of [['error', probe.errors], ['warn', probe.warnings]]) {
    const original = console[level].bind(console);
    console[level] = (...args) => {
      list.push(text(args));
      original(...args);
    };
  }
})();
