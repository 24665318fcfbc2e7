// Runs after the blocked inline script: tells the framing test what the probe saw.
setTimeout(() => {
  window.__probe.inlineScriptRan = window.inlineScriptRan === true;
  parent.postMessage(window.__probe, '*');
}, 100);
