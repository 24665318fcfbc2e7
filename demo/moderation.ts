import type { DemoBackend } from './backend.js';

// The moderation page: the queue, signed in as the moderator persona.
const { backend }: { backend: DemoBackend } = __DEMO_BACKEND__ === 'server' ? await import('./remote.js') : await import('./mock.js');
await backend.ready;
const token = backend.tokenFor('amara');
document.querySelector('experience-provider')!.getToken = () => token();
await import('../src/index.js');
