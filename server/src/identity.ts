import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getSignedCookie, setSignedCookie } from 'hono/cookie';
import { jwtVerify } from 'jose';
import type { Config } from './config.js';
import type { Database } from './db/index.js';
import { fail } from './errors.js';
import { httpUrl } from './store/text.js';
import type { Reader } from './types.js';

export const VISITOR_COOKIE = 'experience_visitor';

/** The key that signs visitor cookies: made once, kept in the database, shared by every process. */
export async function cookieSecret(db: Database): Promise<string> {
  await db.query(`insert into settings (key, value) values ('cookie_secret', $1) on conflict do nothing`, [
    randomBytes(32).toString('base64url'),
  ]);
  return (await db.query<{ value: string }>(`select value from settings where key = 'cookie_secret'`)).rows[0]!.value;
}

const sameSecret = (a: string, b: string) => {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
};

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Whether the request came over https: itself, or by the trusted proxy's word. */
export function isSecure(c: Context, config: Config): boolean {
  const proto = config.trustProxy ? c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim() : undefined;
  return (proto ?? new URL(c.req.url).protocol.replace(':', '')) === 'https';
}

/**
 * The origin the browser asked, which its same-origin pages send as `Origin`: the `Host` it used
 * (passed on by a proxy that keeps it, or in `X-Forwarded-Host` from a trusted one) and the scheme.
 */
export function requestOrigin(c: Context, config: Config): string {
  const forwarded = config.trustProxy ? c.req.header('X-Forwarded-Host')?.split(',')[0]?.trim() : undefined;
  const host = forwarded || c.req.header('Host') || new URL(c.req.url).host;
  return `${isSecure(c, config) ? 'https' : 'http'}://${host}`;
}

/** The client's address: the socket's, or the last hop the trusted proxy added. */
export function clientIp(c: Context, config: Config, socketIp: (c: Context) => string | undefined): string {
  const forwarded = config.trustProxy ? c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim() : undefined;
  return forwarded || socketIp(c) || 'unknown';
}

/**
 * Who is asking. A bearer token is the site's word for one of its users (HS256, `exp` required,
 * 60 s of skew), or the admin key; a bad one is 401 on every route, never a silent fall back to
 * anonymous. Without one, the reader is the anonymous visitor of the signed cookie, which is set
 * when missing or not ours.
 */
export async function identify(c: Context, config: Config, secret: string, ip: string): Promise<Reader> {
  const auth = c.req.header('Authorization');
  const moderators = new Set(config.moderators);
  if (auth !== undefined) {
    const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1] ?? fail('unauthorized', 'The Authorization header must be "Bearer <token>".');
    if (config.adminKey && sameSecret(token, config.adminKey)) {
      return { key: 'admin', viewer: { id: 'admin', name: 'Moderator', roles: ['moderator'] }, url: null, moderator: true, ip };
    }
    if (!config.tokenSecret) fail('unauthorized', 'This server takes no sign-in tokens (it has no token secret).');
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, new TextEncoder().encode(config.tokenSecret), {
        algorithms: ['HS256'],
        clockTolerance: 60,
        requiredClaims: ['exp', 'sub'],
        currentDate: config.now(),
      }));
    } catch {
      return fail('unauthorized', 'Your sign-in is not valid or has expired. Please sign in again.');
    }
    const sub = typeof claims.sub === 'string' && claims.sub ? claims.sub : fail('unauthorized', 'The sign-in token names no user.');
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, config.maxNameLength) : sub;
    const roles = new Set(strings(claims.roles));
    if (moderators.has(sub)) roles.add('moderator');
    if (config.authors.includes(sub)) roles.add('author');
    const avatarUrl = httpUrl(claims.picture);
    return {
      key: `u:${sub}`,
      viewer: { id: sub, name, ...(avatarUrl ? { avatarUrl } : {}), roles: [...roles] },
      url: httpUrl(claims.url),
      moderator: roles.has('moderator'),
      ip,
    };
  }
  let visitor = await getSignedCookie(c, secret, VISITOR_COOKIE);
  if (!visitor || !/^[\w-]{16,64}$/.test(visitor)) {
    visitor = randomBytes(18).toString('base64url');
    const secure = isSecure(c, config);
    const crossSite = config.cookieSameSite === 'none' && secure;
    await setSignedCookie(c, VISITOR_COOKIE, visitor, secret, {
      httpOnly: true,
      secure,
      sameSite: crossSite ? 'None' : 'Lax',
      // Where browsers block third-party cookies, a partitioned one still works, per embedding site.
      ...(crossSite ? { partitioned: true } : {}),
      path: '/',
      maxAge: 400 * 86_400,
    });
  }
  return { key: `v:${visitor}`, viewer: null, url: null, moderator: false, ip };
}
