// Checks both packages as npm users receive them: packs each, runs publint and arethetypeswrong on
// the tarballs, then installs them into a scratch project that type-checks against them, imports
// `experience-widgets/msw` in Node, bundles `experience-widgets` for the browser with vite, and
// runs `experience-widgets-server` (its API and its command). Run after `npm run build`.
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
  /** Packs the package in `dir`, checks that the tarball has `need` and none of `never`. */
  const pack = (dir, need, never = []) => step(`npm pack ${dir}`, () => {
    const [info] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], join(root, dir)));
    const files = info.files.map((f) => f.path);
    for (const f of need) if (!files.includes(f)) throw new Error(`the tarball lacks ${f}`);
    for (const f of never) if (files.some((x) => x.includes(f))) throw new Error(`the tarball ships ${f}`);
    console.log(`\n  ${info.filename}: ${info.files.length} files, ${(info.size / 1024).toFixed(1)} KB packed`);
    return join(work, info.filename);
  });
  const tarball = pack('.', ['dist/index.js', 'dist/index.d.ts', 'dist/msw/index.js', 'dist/msw/index.d.ts', 'dist/experience-widgets.iife.js', 'dist/loader.js', 'dist/chunks/comments/define.js', 'custom-elements.json'], ['mockServiceWorker', 'server/']);
  const serverTarball = pack('server', ['dist/index.js', 'dist/index.d.ts', 'dist/cli.js', 'dist/db/migrations/001_initial.sql'], ['test/']);
  for (const t of [tarball, serverTarball]) {
    step(`publint ${t.split('/').pop()}`, () => run(bin('publint'), ['run', t, '--strict']));
    step(`arethetypeswrong (esm-only) ${t.split('/').pop()}`, () => run(bin('attw'), [t, '--profile', 'esm-only']));
  }

  const app = join(work, 'app');
  step('install the tarball into a scratch project', () => {
    run('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, serverTarball, 'msw@^2.15'], app);
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
  step('widgets: installing them pulls no database', () => {
    const widgets = JSON.parse(readFileSync(join(app, 'node_modules/experience-widgets/package.json'), 'utf8'));
    const deps = Object.keys({ ...widgets.dependencies, ...widgets.peerDependencies });
    if (deps.some((d) => /pglite|^pg$|hono/.test(d))) throw new Error(`the widgets depend on ${deps.join(', ')}`);
  });
  step('server: a consumer type-checks against createServer and listen', () => {
    writeFileSync(join(app, 'server.ts'), `
import { createServer, listen, type ExperienceServer, type ServerOptions, type Comment } from 'experience-widgets-server';
const options: ServerOptions = { data: 'memory://', origins: ['https://my.site'], moderation: 'pre' };
export const app: Promise<ExperienceServer> = createServer(options);
export const running = (port: number) => listen({ ...options, port }).then((s) => s.url);
export const body = (c: Comment) => c.body;
`);
    writeFileSync(join(app, 'tsconfig.server.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
      files: ['server.ts'],
    }));
    run(bin('tsc'), ['-p', join(app, 'tsconfig.server.json')]);
  });
  step('server: createServer answers the REST contract with a web-standard fetch', () => {
    const script = `
      import { createServer } from 'experience-widgets-server';
      const app = await createServer({ data: 'memory://' });
      const posted = await app.request('/api/threads/t/comments', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ body: 'Hello', parentId: null, author: { name: 'Ann' } }) });
      const page = await (await app.request('/api/threads/t/comments')).json();
      console.log(posted.status, page.total);
      await app.close();`;
    const out = run('node', ['--input-type=module', '-e', script], app).trim();
    if (out !== '201 1') throw new Error(`unexpected answers: ${out}`);
  });
  step('server: the experience-widgets-server command', () => {
    const help = run(join(app, 'node_modules/.bin/experience-widgets-server'), ['serve', '--help'], app);
    if (!help.includes('--origin') || !help.includes('DATABASE_URL')) throw new Error(`serve --help says:\n${help}`);
  });
  for (const name of ['experience-widgets', 'experience-widgets-server']) {
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules', name, 'package.json'), 'utf8'));
    console.log(`package: ${manifest.name}@${manifest.version} checked as npm users receive it`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
