// Checks the package as npm users receive it: packs it, runs publint and arethetypeswrong on the
// tarball, then installs the tarball into a scratch project that type-checks against it, imports
// `experience-widgets/msw` in Node and bundles `experience-widgets` for the browser with vite.
// Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
const step = (what, fn) => {
  process.stdout.write(`package: ${what} … `);
  try {
    const out = fn();
    console.log('ok');
    return out;
  } catch (e) {
    console.log('FAILED');
    console.error(e.stdout ?? '', e.stderr ?? '', e.message);
    process.exit(1);
  }
};

const work = mkdtempSync(join(tmpdir(), 'ew-pack-'));
try {
  const tarball = step('npm pack', () => {
    const [info] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work]));
    const files = info.files.map((f) => f.path);
    for (const need of ['dist/index.js', 'dist/index.d.ts', 'dist/msw/index.js', 'dist/msw/index.d.ts', 'dist/experience-widgets.iife.js', 'custom-elements.json']) {
      if (!files.includes(need)) throw new Error(`the tarball lacks ${need}`);
    }
    if (files.some((f) => f.includes('mockServiceWorker'))) throw new Error('the tarball ships the mock service worker');
    console.log(`\n  ${info.filename}: ${info.files.length} files, ${(info.size / 1024).toFixed(1)} KB packed`);
    return join(work, info.filename);
  });
  step('publint', () => run(bin('publint'), ['run', tarball, '--strict']));
  step('arethetypeswrong (esm-only)', () => run(bin('attw'), [tarball, '--profile', 'esm-only']));

  const app = join(work, 'app');
  step('install the tarball into a scratch project', () => {
    run('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, 'msw@^2.15'], app);
  });
  step('type-check a consumer', () => {
    writeFileSync(join(app, 'main.ts'), `
import { MemoryAdapter, RestAdapter, AdapterError, type CommentsAdapter, type Poll } from 'experience-widgets';
import { createHandlers } from 'experience-widgets/msw';
const el = document.querySelector('experience-comments')!;
el.adapter = new MemoryAdapter();
const custom: CommentsAdapter = {
  listComments: async () => ({ comments: [], nextCursor: null, total: 0 }),
  createComment: async () => { throw new AdapterError({ code: 'forbidden', message: 'no' }); },
};
el.adapter = custom;
document.querySelector('article-poll')!.adapter = new RestAdapter({ endpoint: '/api' });
const p: Poll | null = null;
export const handlers = createHandlers({ endpoint: '/api' }).handlers.length + (p ? 1 : 0);
`);
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, lib: ['ES2023', 'DOM', 'DOM.Iterable'], types: [] },
      files: ['main.ts'],
    }));
    run(bin('tsc'), ['-p', app]);
  });
  step('serve the REST contract from experience-widgets/msw in Node (setupServer)', () => {
    const script = `
      import { setupServer } from 'msw/node';
      import { createHandlers } from 'experience-widgets/msw';
      const server = setupServer(...createHandlers({ endpoint: 'http://api.test/v1', maxLength: 42 }).handlers);
      server.listen({ onUnhandledRequest: 'error' });
      const res = await fetch('http://api.test/v1/session');
      console.log((await res.json()).maxLength);
      server.close();`;
    const out = run('node', ['--input-type=module', '-e', script], app).trim();
    if (out !== '42') throw new Error(`unexpected session: ${out}`);
  });
  step('bundle experience-widgets for the browser with vite', () => {
    writeFileSync(join(app, 'index.html'), '<script type="module" src="./entry.js"></script><experience-comments thread="t"></experience-comments>');
    writeFileSync(join(app, 'entry.js'), "import { ExperienceComments } from 'experience-widgets';\nconsole.log(customElements.get('experience-comments') === ExperienceComments);\n");
    run(bin('vite'), ['build', '--logLevel', 'error', '--outDir', 'out'], app);
    const bundle = run('sh', ['-c', 'cat out/assets/*.js'], app);
    if (!bundle.includes('experience-comments')) throw new Error('the bundle does not define the elements');
  });
  const manifest = JSON.parse(readFileSync(join(app, 'node_modules/experience-widgets/package.json'), 'utf8'));
  console.log(`package: ${manifest.name}@${manifest.version} checked as npm users receive it`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
