import { executeServerCommand } from '@web/test-runner-commands';
import type { Comment, Viewer } from '../../src/index.js';
import type { EngineOptions } from '../../src/msw/index.js';

export type ServerKind = 'pglite' | 'postgres';

/**
 * The reference server (experience-widgets-server), run by the test runner in Node for this test
 * file: emptied and seeded like the mock engine on each `start`.
 */
export class ReferenceServer {
  constructor(
    /** Names this test file's own server, apart from other files running at the same time. */
    readonly name: string,
    readonly kind: ServerKind = 'pglite',
  ) {}

  /** A fresh server over an empty database; its API's URL and a token for the seeded viewer. */
  async start(seed: EngineOptions = {}): Promise<{ endpoint: string; token: string | null }> {
    const { now, ...rest } = seed;
    const { port, token } = await this.command<{ port: number; token: string | null }>('start', {
      origin: location.origin,
      seed: { ...rest, now: now ? now().toISOString() : undefined },
    });
    // The page's host with the server's port: the same site, so the visitor cookie (SameSite=Lax)
    // goes along with `credentials: 'include'`, as for an API on a subdomain of the site.
    return { endpoint: `${location.protocol}//${location.hostname}:${port}/api`, token };
  }

  /** The API's URL on the page's own origin, as a site's reverse proxy serves it. */
  get proxied(): string {
    return `/reference/${encodeURIComponent(this.name)}/api`;
  }

  /** Adds a comment as if someone else had posted it, and tells live readers unless `announce` is false. */
  insert(comment: Comment, announce = true): Promise<boolean> {
    return this.command('insert', { comment, announce });
  }

  /** The site's token for `viewer`, as `start` gives for the seeded one. */
  token(viewer: Viewer): Promise<string> {
    return this.command('token', { viewer });
  }

  /** How many live streams are open on the server. */
  listeners(): Promise<number> {
    return this.command('listeners', {});
  }

  /** Resolves once exactly `n` live streams are open on the server. */
  async streamsOpen(n: number, timeout = 5000): Promise<void> {
    for (const start = Date.now(); (await this.listeners()) !== n; ) {
      if (Date.now() - start > timeout) throw new Error(`the server did not have ${n} live streams open`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  reports(): Promise<{ id: string; reason: string }[]> {
    return this.command('reports', {});
  }

  private async command<T>(action: string, payload: object): Promise<T> {
    return (await executeServerCommand('reference-server', { action, name: this.name, kind: this.kind, ...payload })) as T;
  }
}
