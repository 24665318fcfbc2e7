import { SignJWT } from 'jose';
import { listen, type ListenOptions, type RunningServer } from '../src/index.js';
import { freshDatabase } from './postgres.mjs';

/** Every Node test runs once per database the server supports. */
export const KINDS = ['pglite', 'postgres'] as const;
export type Kind = (typeof KINDS)[number];

export const TOKEN_SECRET = 'test-secret-that-is-long-enough-for-hs256';
export const ADMIN_KEY = 'test-admin-key';

export interface Reply {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or the text when it is not JSON. */
  body: any;
}

/** A browser-like client: keeps the cookies the server sets, sends JSON. */
export class Client {
  private cookies = new Map<string, string>();

  constructor(
    readonly base: string,
    private defaults: Record<string, string> = {},
  ) {}

  async request(method: string, path: string, o: { json?: unknown; body?: string | ReadableStream<Uint8Array>; headers?: Record<string, string> } = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...this.defaults, ...o.headers };
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body = o.body;
    if (o.json !== undefined) {
      body = JSON.stringify(o.json);
      headers['Content-Type'] ??= 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers, body, duplex: 'half' } as RequestInit);
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: the text itself.
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  get = (path: string, headers?: Record<string, string>) => this.request('GET', path, { headers });
  post = (path: string, json: unknown, headers?: Record<string, string>) => this.request('POST', path, { json, headers });
  patch = (path: string, json: unknown) => this.request('PATCH', path, { json });
  delete = (path: string) => this.request('DELETE', path);

  /** A comment posted as this client (anonymous with a name unless it signs in). */
  async comment(thread: string, body: string, parentId: string | null = null): Promise<any> {
    const r = await this.post(`/threads/${encodeURIComponent(thread)}/comments`, { body, parentId, author: { name: 'Ann' } });
    if (r.status !== 201) throw new Error(`posting failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** Forgets or replaces a cookie, as a tampering reader would. */
  setCookie(name: string, value: string | null): void {
    if (value === null) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }

  /** The same reader, with its cookies and headers, at another server. */
  at(base: string): Client {
    const c = new Client(base, this.defaults);
    for (const [k, v] of this.cookies) c.setCookie(k, v);
    return c;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

export interface TestServer extends RunningServer {
  kind: Kind;
  /** A new anonymous visitor. */
  visitor(headers?: Record<string, string>): Client;
  /** A reader signed in with a token of these claims. */
  user(claims: Record<string, unknown>, o?: { secret?: string; expiresIn?: string | number }): Promise<Client>;
  moderator(): Client;
}

export async function sign(claims: Record<string, unknown>, o: { secret?: string; expiresIn?: string | number } = {}): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (o.expiresIn !== undefined) jwt.setExpirationTime(o.expiresIn);
  return jwt.sign(new TextEncoder().encode(o.secret ?? TOKEN_SECRET));
}

let threads = 0;
/** A thread id no other test uses. */
export const newThread = (name = 'thread') => `${name}-${process.pid}-${++threads}`;

/** A server on a random port of 127.0.0.1 over a new database of `kind`. */
export async function startServer(kind: Kind, options: ListenOptions = {}): Promise<TestServer> {
  const database = kind === 'postgres' ? { databaseUrl: await freshDatabase() } : { data: 'memory://' };
  const server = await listen({
    port: 0,
    tokenSecret: TOKEN_SECRET,
    adminKey: ADMIN_KEY,
    rateLimit: 0,
    widgetsDir: null,
    ...database,
    ...options,
  });
  return {
    ...server,
    kind,
    visitor: (headers) => new Client(server.url, headers),
    user: async (claims, o = {}) =>
      new Client(server.url, { Authorization: `Bearer ${await sign(claims, { expiresIn: '1h', ...o })}` }),
    moderator: () => new Client(server.url, { Authorization: `Bearer ${ADMIN_KEY}` }),
  };
}

/** A live stream read as the browser's EventSource would: every `data:` event, parsed. */
export interface Stream {
  events: any[];
  /** Everything received, comments and `retry:` lines included. */
  raw: string;
  /** Resolves with the first event (from the start) that `match` accepts; rejects after `ms`. */
  next(match: (e: any) => boolean, ms?: number): Promise<any>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openStream(url: string, headers: Record<string, string> = {}): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
  const stream: Stream = {
    events: [],
    raw: '',
    next: (match, ms = 5000) =>
      new Promise((resolve, reject) => {
        const start = Date.now();
        const look = () => {
          const found = stream.events.find(match);
          if (found) resolve(found);
          else if (Date.now() - start > ms) reject(new Error(`no matching event in ${ms} ms; got ${JSON.stringify(stream.events)}`));
          else setTimeout(look, 10);
        };
        look();
      }),
    ended: Promise.resolve(),
    close: () => abort.abort(),
  };
  const decoder = new TextDecoder();
  stream.ended = (async () => {
    let buffer = '';
    try {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        const text = decoder.decode(chunk, { stream: true });
        stream.raw += text;
        buffer += text;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
          if (data) stream.events.push(JSON.parse(data));
        }
      }
    } catch {
      // Closed by us.
    }
  })();
  return stream;
}
