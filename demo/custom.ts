// Shows the stylesheet that makes this look, as it is served.
const look = document.querySelector('#look')!;
void fetch(new URL('./custom-look.css', import.meta.url)).then((r) => r.text()).then((css) => (look.textContent = css));

// The widgets ask the backend as soon as they upgrade: it must be ready first.
const { backend } = __DEMO_BACKEND__ === 'server' ? await import('./remote.js') : await import('./mock.js');
await backend.ready;
await import('../src/index.js');
