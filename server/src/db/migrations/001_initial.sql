-- The first schema. Plain PostgreSQL 15 SQL (PGlite is 18: nothing newer than 15 here).

create table settings (
  key text primary key,
  value text not null
);

-- One row per thread that has comments: `published` is the count the list's `total` and `/counts`
-- answer, kept up to date by every write so that no request counts rows.
create table threads (
  id text primary key,
  published integer not null default 0,
  created_at timestamptz not null default now()
);

create table comments (
  id text primary key,
  thread_id text not null references threads (id),
  parent_id text references comments (id),
  -- The root of its reply chain (itself for a root): a page's replies are found by their roots.
  root_id text not null,
  -- Who owns it: 'u:' and the site's user id, or 'v:' and an anonymous visitor id.
  author_key text not null,
  author_id text not null,
  author_name text not null,
  author_avatar text,
  author_url text,
  author_roles text[] not null default '{}',
  body text not null,
  status text not null check (status in ('published', 'pending', 'deleted')),
  likes integer not null default 0 check (likes >= 0),
  reports integer not null default 0,
  pinned boolean not null default false,
  created_at timestamptz not null,
  edited_at timestamptz,
  -- Where an imported comment came from (`disqus:123`), so that importing twice stores it once.
  source text unique
);
create index comments_roots_by_time on comments (thread_id, pinned desc, created_at desc, id) where parent_id is null;
create index comments_roots_by_likes on comments (thread_id, pinned desc, likes desc, created_at desc, id) where parent_id is null;
create index comments_by_root on comments (root_id, created_at, id);
create index comments_pending on comments (created_at desc) where status = 'pending';
create index comments_reported on comments (created_at desc) where reports > 0 and status <> 'deleted';

create table reactions (
  comment_id text not null references comments (id),
  reader_key text not null,
  created_at timestamptz not null,
  primary key (comment_id, reader_key)
);

-- One report per reader and comment; the comment's `reports` counts them.
create table reports (
  comment_id text not null references comments (id),
  reader_key text not null,
  reason text not null,
  created_at timestamptz not null,
  primary key (comment_id, reader_key)
);

create table moderation_log (
  id bigint generated always as identity primary key,
  comment_id text not null,
  action text not null,
  actor_id text not null,
  actor_name text not null,
  at timestamptz not null
);

-- What each idempotency key's write answered, committed with the write itself.
create table idempotency (
  reader_key text not null,
  key text not null,
  request_hash text not null,
  status integer,
  response jsonb,
  created_at timestamptz not null default now(),
  primary key (reader_key, key)
);

-- Fixed one-minute windows of write counts, per visitor and per IP, shared by every process.
create table rate_limits (
  bucket text not null,
  window_start timestamptz not null,
  hits integer not null,
  primary key (bucket, window_start)
);

create table polls (
  id text primary key,
  question text not null,
  multiple boolean not null,
  max_choices integer not null,
  closes_at timestamptz,
  closed boolean not null default false,
  results_visibility text not null check (results_visibility in ('always', 'after-vote', 'after-close')),
  created_at timestamptz not null default now()
);

create table poll_options (
  poll_id text not null references polls (id) on delete cascade,
  id text not null,
  label text not null,
  position integer not null,
  votes integer not null default 0,
  primary key (poll_id, id)
);

-- One ballot per voter ('u:' user or 'v:' visitor) and poll.
create table ballots (
  poll_id text not null references polls (id) on delete cascade,
  voter_key text not null,
  option_ids text[] not null,
  created_at timestamptz not null,
  primary key (poll_id, voter_key)
);
