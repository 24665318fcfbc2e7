import type { Config } from '../config.js';
import type { Database, Queryable } from '../db/index.js';
import { fail } from '../errors.js';
import type { Poll, Reader } from '../types.js';
import { checkId } from './text.js';

interface PollRow {
  id: string;
  question: string;
  multiple: boolean;
  max_choices: number;
  closes_at: Date | null;
  closed: boolean;
  results_visibility: Poll['resultsVisibility'];
  options: { id: string; label: string; votes: number }[];
  viewer_vote: string[] | null;
}

/** A poll as `poll create` and the admin route take it: a Poll without votes. */
export interface PollDefinition {
  id: string;
  question: string;
  options: { id: string; label: string }[];
  multiple?: boolean;
  maxChoices?: number;
  closesAt?: string | null;
  closed?: boolean;
  resultsVisibility?: Poll['resultsVisibility'];
}

const VISIBILITIES = ['always', 'after-vote', 'after-close'];

/** Checks a definition from a file or a request, with one message per mistake. */
export function checkPoll(d: unknown): Required<PollDefinition> {
  const o = (typeof d === 'object' && d !== null ? d : {}) as Record<string, unknown>;
  const text = (v: unknown, field: string, max: number) =>
    typeof v === 'string' && v.trim() && v.length <= max ? v.trim() : fail('validation', `"${field}" must be text of 1 to ${max} characters.`, field);
  const id = checkId(typeof o.id === 'string' ? o.id : '', 'poll');
  const question = text(o.question, 'question', 500);
  if (!Array.isArray(o.options) || o.options.length < 2 || o.options.length > 50) fail('validation', '"options" must list 2 to 50 options.', 'options');
  const options = (o.options as unknown[]).map((opt, i) => {
    const x = (typeof opt === 'object' && opt !== null ? opt : {}) as Record<string, unknown>;
    return { id: text(x.id, `options[${i}].id`, 100), label: text(x.label, `options[${i}].label`, 300) };
  });
  if (new Set(options.map((x) => x.id)).size !== options.length) fail('validation', 'Option ids must differ.', 'options');
  const multiple = o.multiple === undefined ? false : typeof o.multiple === 'boolean' ? o.multiple : fail('validation', '"multiple" must be true or false.', 'multiple');
  const maxChoices = o.maxChoices === undefined ? (multiple ? options.length : 1) : o.maxChoices;
  if (!Number.isInteger(maxChoices) || (maxChoices as number) < 1 || (maxChoices as number) > options.length) {
    fail('validation', `"maxChoices" must be a whole number from 1 to ${options.length}.`, 'maxChoices');
  }
  const closesAt = o.closesAt == null ? null : typeof o.closesAt === 'string' && !Number.isNaN(Date.parse(o.closesAt)) ? o.closesAt : fail('validation', '"closesAt" must be an ISO 8601 time or null.', 'closesAt');
  const resultsVisibility = (o.resultsVisibility ?? 'always') as Poll['resultsVisibility'];
  if (!VISIBILITIES.includes(resultsVisibility)) fail('validation', `"resultsVisibility" must be one of ${VISIBILITIES.join(', ')}.`, 'resultsVisibility');
  return { id, question, options, multiple, maxChoices: maxChoices as number, closesAt, closed: o.closed === true, resultsVisibility };
}

/** Polls: one ballot per visitor or signed-in reader; results hidden until `resultsVisibility` allows. */
export class Polls {
  constructor(
    private db: Database,
    private config: Config,
  ) {}

  /** Creates the poll, or replaces its question, options and settings while nobody has voted. */
  async create(definition: unknown): Promise<Poll> {
    const p = checkPoll(definition);
    return this.db.transaction(async (tx) => {
      const voted = (await tx.query('select 1 from ballots where poll_id = $1 limit 1', [p.id])).rows.length > 0;
      if (voted) fail('conflict', `The poll "${p.id}" already has votes; give the new one another id.`);
      await tx.query('delete from polls where id = $1', [p.id]);
      await tx.query(
        `insert into polls (id, question, multiple, max_choices, closes_at, closed, results_visibility)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [p.id, p.question, p.multiple, p.multiple ? p.maxChoices : 1, p.closesAt, p.closed, p.resultsVisibility],
      );
      for (const [i, o] of p.options.entries()) {
        await tx.query('insert into poll_options (poll_id, id, label, position) values ($1, $2, $3, $4)', [p.id, o.id, o.label, i]);
      }
      return this.read(tx, p.id, null);
    });
  }

  get(reader: Reader, id: string): Promise<Poll> {
    return this.read(this.db, id, reader);
  }

  async vote(tx: Queryable, reader: Reader, id: string, optionIds: unknown): Promise<Poll> {
    if (!reader.viewer && !this.config.allowAnonymous) fail('unauthorized', 'Sign in to vote.');
    const p = await this.row(tx, id, reader.key, true);
    if (this.isClosed(p)) fail('poll_closed', 'This poll is closed.');
    if (p.viewer_vote) fail('already_voted', 'You have already voted in this poll.');
    const ids = Array.isArray(optionIds) ? optionIds : [];
    const max = p.multiple ? p.max_choices : 1;
    // Option ids are unique, so a repeated or unknown id leaves fewer chosen options than ids.
    const chosen = p.options.filter((o) => ids.includes(o.id));
    if (ids.length === 0) fail('validation', 'Choose an option.', 'optionIds');
    if (chosen.length !== ids.length) fail('validation', 'That choice is not one of the options.', 'optionIds');
    if (ids.length > max) fail('validation', `Choose at most ${max}.`, 'optionIds');
    const inserted = await tx.query(
      'insert into ballots (poll_id, voter_key, option_ids, created_at) values ($1, $2, $3, $4) on conflict do nothing',
      [id, reader.key, ids, this.config.now()],
    );
    // A ballot that a concurrent request of the same voter cast first.
    if (!inserted.count) fail('already_voted', 'You have already voted in this poll.');
    await tx.query('update poll_options set votes = votes + 1 where poll_id = $1 and id = any($2::text[])', [id, ids]);
    return this.read(tx, id, reader);
  }

  private async row(q: Queryable, id: string, voter: string, lock = false): Promise<PollRow> {
    const row = (await q.query<PollRow>(
      `select p.id, p.question, p.multiple, p.max_choices, p.closes_at, p.closed, p.results_visibility,
         (select json_agg(json_build_object('id', o.id, 'label', o.label, 'votes', o.votes) order by o.position)
            from poll_options o where o.poll_id = p.id) as options,
         (select b.option_ids from ballots b where b.poll_id = p.id and b.voter_key = $2) as viewer_vote
       from polls p where p.id = $1${lock ? ' for update' : ''}`,
      [id, voter],
    )).rows[0];
    return row ?? fail('not_found', 'There is no such poll.');
  }

  private isClosed(p: PollRow): boolean {
    return p.closed || (p.closes_at !== null && +p.closes_at <= +this.config.now());
  }

  private async read(q: Queryable, id: string, reader: Reader | null): Promise<Poll> {
    const p = await this.row(q, id, reader?.key ?? '');
    const closed = this.isClosed(p);
    const shown = closed || p.results_visibility === 'always' || (p.results_visibility === 'after-vote' && !!p.viewer_vote);
    return {
      id: p.id,
      question: p.question,
      options: p.options.map((o) => ({ id: o.id, label: o.label, votes: shown ? o.votes : null })),
      multiple: p.multiple,
      maxChoices: p.multiple ? p.max_choices : 1,
      totalVotes: shown ? p.options.reduce((n, o) => n + o.votes, 0) : null,
      closesAt: p.closes_at?.toISOString() ?? null,
      closed,
      resultsVisibility: p.results_visibility,
      viewerVote: p.viewer_vote,
    };
  }
}
