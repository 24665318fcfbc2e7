import { started } from './mock.js';

// Shows the stylesheet that makes this look, as it is served.
const look = document.querySelector('#look')!;
void fetch(new URL('./custom-look.css', import.meta.url)).then((r) => r.text()).then((css) => (look.textContent = css));

// The widgets ask the mock backend as soon as they upgrade: start it first.
await started;
await import('../src/index.js');
