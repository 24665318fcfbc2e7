/** Which backend the demo page talks to: set by vite's `define` (vite.config.ts, demo/server.ts). */
declare const __DEMO_BACKEND__: 'mock' | 'server';
