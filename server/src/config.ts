/** What `createServer` takes; each option of `serve` maps onto one of these. */
export interface ServerOptions {
  /** PostgreSQL URL (`DATABASE_URL`). Without it, PGlite in `data`. */
  databaseUrl?: string | undefined;
  /** PGlite's data folder (`--data`, `EXPERIENCE_DATA`); `memory://` for a throwaway one. Default `./experience-data`. */
  data?: string | undefined;
  /** Page origins allowed to call the API from the browser (`--origin`, `EXPERIENCE_ORIGINS`). */
  origins?: string[] | undefined;
  /** HS256 secret the site signs its readers' tokens with (`--token-secret`, `EXPERIENCE_TOKEN_SECRET`). */
  tokenSecret?: string | undefined;
  /** A bearer that makes its holder a moderator, and guards the admin routes (`--admin-key`). */
  adminKey?: string | undefined;
  /** `pre` holds every anonymous comment as pending until a moderator approves it. Default `none`. */
  moderation?: 'none' | 'pre' | undefined;
  /** Whether readers without a token may post (with a name), like and vote. Default true. */
  allowAnonymous?: boolean | undefined;
  /** Characters (code points) a comment may have. Default 5,000. */
  maxLength?: number | undefined;
  /** Characters a name may have. Default 100. */
  maxNameLength?: number | undefined;
  /** Bytes a request body may have; more is a 413. Default 65,536. */
  maxBodyBytes?: number | undefined;
  /** Reports (one per reader) that hold a published comment back as pending until a moderator decides; 0 never. Default 3. */
  reportThreshold?: number | undefined;
  /** Minutes after posting during which a reader may edit or delete their comment; 0 for ever. Default 0. */
  editWindowMinutes?: number | undefined;
  /** URLs that get a signed JSON POST for every new comment, comment held for moderation, and report (`--webhook`). */
  webhooks?: string[] | undefined;
  /** The HMAC-SHA256 secret of the webhooks' `X-Experience-Signature` (`--webhook-secret`). */
  webhookSecret?: string | undefined;
  /** Milliseconds before each retry of a webhook that failed. Default 1 s, 10 s, 1 min, 10 min, 1 h. */
  webhookRetryDelays?: number[] | undefined;
  /** Writes a minute per visitor and per IP; 0 turns the limit off. Default 30. */
  rateLimit?: number | undefined;
  /** Take the client's address and scheme from `X-Forwarded-For`/`-Proto` (behind a reverse proxy). */
  trustProxy?: boolean | undefined;
  /** User ids (token `sub`) that are moderators whatever their token says. */
  moderators?: string[] | undefined;
  /** User ids that are the articles' authors (the `author` badge). */
  authors?: string[] | undefined;
  /** `SameSite` of the visitor cookie: `lax` (same site), or `none` for an API on another site (https only). */
  cookieSameSite?: 'lax' | 'none' | undefined;
  /** Where the routes live. Default `/api`. */
  basePath?: string | undefined;
  /** A folder of the widgets' built files to serve at `/widgets/`; found by itself when installed. */
  widgetsDir?: string | null | undefined;
  /** The clock, for tests. */
  now?: (() => Date) | undefined;
}

type Optional = 'databaseUrl' | 'data' | 'tokenSecret' | 'adminKey' | 'widgetsDir' | 'webhookSecret';
export type Config = Required<Omit<ServerOptions, Optional>> & Pick<ServerOptions, Optional>;

export function configOf(o: ServerOptions): Config {
  return {
    ...o,
    origins: o.origins ?? [],
    moderation: o.moderation ?? 'none',
    allowAnonymous: o.allowAnonymous ?? true,
    maxLength: o.maxLength ?? 5000,
    maxNameLength: o.maxNameLength ?? 100,
    maxBodyBytes: o.maxBodyBytes ?? 65_536,
    editWindowMinutes: o.editWindowMinutes ?? 0,
    reportThreshold: o.reportThreshold ?? 3,
    rateLimit: o.rateLimit ?? 30,
    webhooks: o.webhooks ?? [],
    webhookRetryDelays: o.webhookRetryDelays ?? [1_000, 10_000, 60_000, 600_000, 3_600_000],
    trustProxy: o.trustProxy ?? false,
    moderators: o.moderators ?? [],
    authors: o.authors ?? [],
    cookieSameSite: o.cookieSameSite ?? 'lax',
    basePath: (o.basePath ?? '/api').replace(/\/+$/, ''),
    now: o.now ?? (() => new Date()),
  };
}
