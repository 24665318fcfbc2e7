#!/usr/bin/env node
import { access, readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { openDatabase, type Database } from './db/index.js';
import { ApiError } from './errors.js';
import { importDisqus } from './import/disqus.js';
import { exportJson, importJson } from './import/json.js';
import { ImportError } from './import/progress.js';
import { importWordpress } from './import/wordpress.js';
import type { ThreadMap, XmlImportSummary } from './import/xml.js';
import { checkId, httpUrl } from './store/text.js';
import { listen, type ListenOptions } from './index.js';
import { Polls } from './store/polls.js';
import { configOf } from './config.js';

/** A mistake in how the command was called: one line, exit 2. */
class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

const DATABASE: Options = {
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const SERVE: Options = {
  ...DATABASE,
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  origin: { type: 'string', multiple: true },
  'token-secret': { type: 'string' },
  'admin-key': { type: 'string' },
  moderation: { type: 'string' },
  moderator: { type: 'string', multiple: true },
  author: { type: 'string', multiple: true },
  'no-anonymous': { type: 'boolean' },
  'max-length': { type: 'string' },
  'max-body': { type: 'string' },
  'edit-window': { type: 'string' },
  'report-threshold': { type: 'string' },
  webhook: { type: 'string', multiple: true },
  'webhook-secret': { type: 'string' },
  'rate-limit': { type: 'string' },
  'trust-proxy': { type: 'boolean' },
  'cookie-samesite': { type: 'string' },
  'base-path': { type: 'string' },
};

const IMPORT: Options = { ...DATABASE, map: { type: 'string' } };

const DATABASE_HELP = `  --data DIR             PGlite's data folder (EXPERIENCE_DATA; default ./experience-data)
                         DATABASE_URL=postgres://… uses PostgreSQL instead`;

const HELP: Record<string, string> = {
  main: `experience-widgets-server: comments, polls and live updates for experience-widgets

Usage: experience-widgets-server <command> [options]

Commands:
  serve                  run the API (and serve the widgets' script)
  poll create FILE.json  create a poll, or replace one nobody has voted in yet
  import disqus FILE.xml     bring the comments of a Disqus export
  import wordpress FILE.xml  bring the comments of a WordPress export (WXR)
  import json FILE.json      restore an export of this server
  export FILE.json       write every thread, comment, poll and vote to a file

Run a command with --help for its options.`,
  serve: `Usage: experience-widgets-server serve [options]

Every option can also be set by the environment variable in brackets.
  --port N               port to listen on (PORT; default 8787)
  --host ADDR            address to listen on (HOST; default 127.0.0.1)
${DATABASE_HELP}
  --origin URL           a site whose pages may use the API; repeat for more (EXPERIENCE_ORIGINS, comma-separated)
  --token-secret S       HS256 secret your site signs readers' tokens with (EXPERIENCE_TOKEN_SECRET)
  --admin-key K          a bearer that makes its holder a moderator and may create polls (EXPERIENCE_ADMIN_KEY)
  --moderation MODE      none, or pre: hold anonymous comments until approved (EXPERIENCE_MODERATION; default none)
  --moderator ID         a user id (token sub) that is a moderator; repeat for more (EXPERIENCE_MODERATORS)
  --author ID            a user id that gets the author badge; repeat for more (EXPERIENCE_AUTHORS)
  --no-anonymous         only signed-in readers may post, like and vote (EXPERIENCE_ANONYMOUS=false)
  --max-length N         characters a comment may have (EXPERIENCE_MAX_LENGTH; default 5000)
  --max-body BYTES       largest request body (EXPERIENCE_MAX_BODY; default 65536)
  --edit-window MIN      minutes readers may edit or delete their comment; 0 for ever (EXPERIENCE_EDIT_WINDOW; default 0)
  --report-threshold N   reports that hold a published comment back until a moderator decides; 0 never (EXPERIENCE_REPORT_THRESHOLD; default 3)
  --webhook URL          POST a signed JSON for every new comment, held comment and report; repeat for more (EXPERIENCE_WEBHOOKS, comma-separated)
  --webhook-secret S     the HMAC-SHA256 key of their X-Experience-Signature header (EXPERIENCE_WEBHOOK_SECRET)
  --rate-limit N         writes a minute per visitor and per IP; 0 for none (EXPERIENCE_RATE_LIMIT; default 30)
  --trust-proxy          take the client's address and scheme from X-Forwarded-For/-Proto (EXPERIENCE_TRUST_PROXY=true)
  --cookie-samesite V    lax, or none for an API on another site (https only) (EXPERIENCE_COOKIE_SAMESITE; default lax)
  --base-path P          where the API lives (EXPERIENCE_BASE_PATH; default /api)
  -h, --help             this help`,
  'poll create': `Usage: experience-widgets-server poll create FILE.json [options]

FILE.json is a poll without votes:
  {"id": "sleep-poll", "question": "How many hours do you sleep?",
   "options": [{"id": "lt6", "label": "Under 6"}, {"id": "6to8", "label": "6 to 8"}],
   "multiple": false, "maxChoices": 1, "closesAt": null, "resultsVisibility": "always"}
${DATABASE_HELP}
  -h, --help             this help`,
  import: `Usage: experience-widgets-server import disqus|wordpress FILE.xml [options]
       experience-widgets-server import json FILE.json [options]

disqus and wordpress read an export of those systems as it streams (any size): published comments
with their replies, authors' names and times; spam, deleted entries, pingbacks and empty comments are
left out; WordPress's unapproved comments come in pending. Bodies become plain text (paragraphs,
line breaks, http/https link targets). Each thread's id is, unless --map says otherwise, Disqus's
identifier (else the link's path, e.g. /2020/01/hello) or the WordPress post's link's path.
json restores what export wrote. Running an import again stores nothing twice.
  --map FILE.json        thread ids for the export's threads: {"<identifier, link or path>": "<thread id>", …}
${DATABASE_HELP}
  -h, --help             this help`,
  export: `Usage: experience-widgets-server export FILE.json [options]

Writes every thread, comment, reaction, report, moderation log entry, poll and ballot (and the
cookie-signing key) to FILE.json, one record a line, as it reads them: a backup, or the way to move
between PGlite and PostgreSQL with import json. Keep it as private as the database itself.
${DATABASE_HELP}
  -h, --help             this help`,
};

const env = process.env;

function parse(args: string[], options: Options) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
}

function whole(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} takes a whole number, not "${value}".`);
  return n;
}

const list = (flag: unknown, variable: string | undefined): string[] | undefined =>
  (flag as string[] | undefined) ?? variable?.split(',').map((s) => s.trim()).filter(Boolean);

function oneOf<T extends string>(value: string | undefined, name: string, allowed: T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UsageError(`${name} is one of ${allowed.join(', ')}, not "${value}".`);
  return value as T;
}

/** `serve`'s flags and environment as ListenOptions; flags win. */
export function serveOptions(values: Record<string, unknown>): ListenOptions {
  const v = values as Record<string, string | undefined>;
  const webhooks = list(values.webhook, env.EXPERIENCE_WEBHOOKS);
  const webhookSecret = v['webhook-secret'] ?? (env.EXPERIENCE_WEBHOOK_SECRET || undefined);
  for (const url of webhooks ?? []) {
    if (!httpUrl(url)) throw new UsageError(`--webhook takes an http or https URL, not "${url}".`);
  }
  if (webhooks?.length && !webhookSecret) throw new UsageError('--webhook needs --webhook-secret, the key its requests are signed with.');
  return {
    webhooks,
    webhookSecret,
    port: whole(v.port ?? env.PORT, '--port') ?? 8787,
    hostname: v.host ?? env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    data: v.data ?? env.EXPERIENCE_DATA ?? './experience-data',
    origins: list(values.origin, env.EXPERIENCE_ORIGINS),
    tokenSecret: v['token-secret'] ?? (env.EXPERIENCE_TOKEN_SECRET || undefined),
    adminKey: v['admin-key'] ?? (env.EXPERIENCE_ADMIN_KEY || undefined),
    moderation: oneOf(v.moderation ?? env.EXPERIENCE_MODERATION, '--moderation', ['none', 'pre']),
    moderators: list(values.moderator, env.EXPERIENCE_MODERATORS),
    authors: list(values.author, env.EXPERIENCE_AUTHORS),
    allowAnonymous: values['no-anonymous'] ? false : env.EXPERIENCE_ANONYMOUS ? env.EXPERIENCE_ANONYMOUS !== 'false' : undefined,
    maxLength: whole(v['max-length'] ?? env.EXPERIENCE_MAX_LENGTH, '--max-length'),
    maxBodyBytes: whole(v['max-body'] ?? env.EXPERIENCE_MAX_BODY, '--max-body'),
    editWindowMinutes: whole(v['edit-window'] ?? env.EXPERIENCE_EDIT_WINDOW, '--edit-window'),
    reportThreshold: whole(v['report-threshold'] ?? env.EXPERIENCE_REPORT_THRESHOLD, '--report-threshold'),
    rateLimit: whole(v['rate-limit'] ?? env.EXPERIENCE_RATE_LIMIT, '--rate-limit'),
    trustProxy: values['trust-proxy'] === true || env.EXPERIENCE_TRUST_PROXY === 'true',
    cookieSameSite: oneOf(v['cookie-samesite'] ?? env.EXPERIENCE_COOKIE_SAMESITE, '--cookie-samesite', ['lax', 'none']),
    basePath: v['base-path'] ?? env.EXPERIENCE_BASE_PATH,
  };
}

async function serveCommand(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, SERVE);
  if (values.help) return void console.log(HELP.serve);
  if (positionals.length) throw new UsageError(`serve takes no arguments, not "${positionals[0]}".`);
  const options = serveOptions(values);
  const server = await listen(options);
  const origins = options.origins?.length ? options.origins.join(', ') : "none but the server's own (add --origin https://your.site)";
  const home = server.url.slice(0, -server.app.services.config.basePath.length || undefined);
  console.log(`experience-widgets-server is listening.
  API:       ${server.url}${server.scriptUrl ? `\n  Try it:    ${home}/ (a page with the widgets on this server)` : ''}
  Database:  ${server.app.database.description}
  Origins:   ${origins}
  Sign-in:   ${options.tokenSecret ? 'tokens signed with your --token-secret' : 'anonymous only (set --token-secret to sign readers in)'}

Paste into a page of an --origin site:
  <script src="${server.scriptUrl ?? 'https://unpkg.com/experience-widgets/dist/loader.js'}" defer></script>
  <experience-comments thread="my-first-article" endpoint="${server.url}" credentials="include"></experience-comments>
Behind your site's reverse proxy (its /api/ and /widgets/ passed here), use src="/widgets/loader.js" and endpoint="/api".
`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function pollCommand(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, DATABASE);
  if (values.help) return void console.log(HELP['poll create']);
  const [sub, file, extra] = positionals;
  if (sub !== 'create') throw new UsageError(sub ? `poll has one subcommand, create, not "${sub}".` : 'poll needs a subcommand: poll create FILE.json');
  if (!file || extra) throw new UsageError('poll create takes one file: poll create FILE.json');
  let definition: unknown;
  try {
    definition = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`Could not read ${file} as JSON: ${(e as Error).message}`);
  }
  await withDatabase(values, async (db) => {
    const poll = await new Polls(db, configOf({})).create(definition);
    console.log(`Created the poll "${poll.id}" with ${poll.options.length} options. Show it with:
  <article-poll poll="${poll.id}" endpoint="…/api"></article-poll>`);
  });
}

/** Opens the database of `--data` or DATABASE_URL for `work`, and closes it whatever happens. */
async function withDatabase(values: Record<string, unknown>, work: (db: Database) => Promise<void>): Promise<void> {
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, data: (values.data as string | undefined) ?? env.EXPERIENCE_DATA });
  try {
    await work(db);
  } finally {
    await db.close();
  }
}

/** `--map FILE.json`: an object of strings to thread ids. */
async function readMap(file: string | undefined): Promise<ThreadMap | undefined> {
  if (file === undefined) return undefined;
  let map: unknown;
  try {
    map = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`Could not read the --map ${file} as JSON: ${(e as Error).message}`);
  }
  if (typeof map !== 'object' || map === null || Array.isArray(map)) throw new UsageError(`--map ${file} must hold a JSON object of export identifiers or links to thread ids.`);
  for (const [key, id] of Object.entries(map)) {
    try {
      checkId(typeof id === 'string' ? id : '', 'thread');
    } catch {
      throw new UsageError(`--map ${file}: "${key}" maps to ${JSON.stringify(id)}, which is not a thread id (text of 1 to 200 characters).`);
    }
  }
  return map as ThreadMap;
}

/** How far an import got, on one line that rewrites itself, when stderr is a terminal. */
const progress = (status: string) => {
  if (process.stderr.isTTY) process.stderr.write(`\r${status}\x1b[K`);
};
const endProgress = () => {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
};

const n = (x: number) => x.toLocaleString('en');

function xmlSummary(file: string, s: XmlImportSummary): string {
  const { spam, deleted, unusable } = s.skipped;
  return `Imported ${n(s.added)} comments into ${n(s.threads)} threads from ${file}` +
    (s.existing ? ` (${n(s.existing)} were there already)` : '') + '.\n' +
    `Left out: ${n(spam)} spam, ${n(deleted)} deleted, ${n(unusable)} without text, time or thread.` +
    (s.orphans ? `\n${n(s.orphans)} replies whose parent was not in the export are top-level comments.` : '');
}

async function importCommand(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, IMPORT);
  if (values.help) return void console.log(HELP.import);
  const [kind, file, extra] = positionals;
  const kinds = ['disqus', 'wordpress', 'json'];
  if (!kind || !kinds.includes(kind)) throw new UsageError(kind ? `import reads disqus, wordpress or json, not "${kind}".` : 'import needs a kind and a file: import disqus|wordpress|json FILE');
  if (!file || extra) throw new UsageError(`import ${kind} takes one file: import ${kind} FILE`);
  if (kind === 'json' && values.map !== undefined) throw new UsageError('--map is for disqus and wordpress: a json export keeps its thread ids.');
  await access(file).catch((e: Error) => {
    throw new UsageError(`Could not read ${file}: ${e.message}`);
  });
  const map = await readMap(values.map as string | undefined);
  await withDatabase(values, async (db) => {
    let summary: string;
    try {
      if (kind === 'json') {
        const c = await importJson(db, file, progress);
        summary = `Restored from ${file}: ${n(c.threads)} threads, ${n(c.comments)} comments, ${n(c.reactions)} likes, ${n(c.reports)} reports, ` +
          `${n(c.moderationLog)} moderation log entries, ${n(c.polls)} polls, ${n(c.ballots)} ballots, ${n(c.settings)} settings (what was there already was left as it is).`;
      } else {
        summary = xmlSummary(file, await (kind === 'disqus' ? importDisqus : importWordpress)(db, file, { map, progress }));
      }
    } finally {
      endProgress();
    }
    console.log(summary);
  });
}

async function exportCommand(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, DATABASE);
  if (values.help) return void console.log(HELP.export);
  const [file, extra] = positionals;
  if (!file || extra) throw new UsageError('export takes one file: export FILE.json');
  await withDatabase(values, async (db) => {
    const c = await exportJson(db, file);
    console.log(`Exported ${n(c.threads)} threads, ${n(c.comments)} comments, ${n(c.polls)} polls and ${n(c.ballots)} ballots to ${file}.`);
  });
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'serve') await serveCommand(rest);
    else if (command === 'poll') await pollCommand(rest);
    else if (command === 'import') await importCommand(rest);
    else if (command === 'export') await exportCommand(rest);
    else if (!command || command === '--help' || command === '-h' || command === 'help') console.log(HELP.main);
    else throw new UsageError(`Unknown command "${command}". Run experience-widgets-server --help.`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`experience-widgets-server: ${e.message}`);
      return 2;
    }
    console.error(`experience-widgets-server: ${e instanceof ApiError || e instanceof ImportError || (e as Error).name === 'FolderInUseError' ? (e as Error).message : e}`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
if (code !== 0) process.exit(code);
