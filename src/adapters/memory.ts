import type {
  Adapter,
  CallOptions,
  Comment,
  CommentPage,
  ListCommentsQuery,
  ModerationAction,
  ModerationPage,
  NewComment,
  Poll,
  Session,
  ThreadEvent,
  Viewer,
} from '../model/types.js';
import { sleep } from '../util.js';
import { Engine, type EngineOptions, type Reader } from './engine.js';

export interface MemoryAdapterOptions extends EngineOptions {
  /** Milliseconds each call takes, to show loading states; aborting cuts it short. */
  latency?: number;
  /**
   * Share a database with other adapters or with the msw handlers. With `viewer` too, this adapter
   * is that reader of the shared database (another reader than the engine's own, with their own
   * likes, votes and comments); without, it is the engine's own reader.
   */
  engine?: Engine;
}

/**
 * An adapter over an in-memory database with the same rules as the REST contract. For prototypes,
 * demos and tests; nothing is kept after the page closes.
 */
export class MemoryAdapter implements Adapter {
  readonly engine: Engine;
  latency: number;
  /** The reader this adapter is, when not the engine's own (`engine` and `viewer` given). */
  private readonly viewer: Viewer | null | undefined;

  constructor(options: MemoryAdapterOptions = {}) {
    this.engine = options.engine ?? new Engine(options);
    this.latency = options.latency ?? 0;
    if (options.engine && 'viewer' in options) this.viewer = options.viewer ?? null;
  }

  getSession(o?: CallOptions): Promise<Session> {
    return this.call(o, () => this.engine.session(this.reader()));
  }

  listComments(q: ListCommentsQuery, o?: CallOptions): Promise<CommentPage> {
    return this.call(o, () => this.engine.list(q, this.reader()));
  }

  createComment(c: NewComment, o?: CallOptions): Promise<Comment> {
    return this.call(o, () => this.engine.create(c, o?.idempotencyKey, this.reader()));
  }

  updateComment(c: { id: string; body: string }, o?: CallOptions): Promise<Comment> {
    return this.call(o, () => this.engine.update(c, this.reader()));
  }

  deleteComment(c: { id: string }, o?: CallOptions): Promise<void> {
    return this.call(o, () => this.engine.remove(c, this.reader()));
  }

  react(c: { id: string; reaction: 'like'; active: boolean }, o?: CallOptions): Promise<Comment> {
    return this.call(o, () => this.engine.react(c, o?.idempotencyKey, this.reader()));
  }

  report(c: { id: string; reason: string }, o?: CallOptions): Promise<void> {
    return this.call(o, () => this.engine.report(c, o?.idempotencyKey, this.reader()));
  }

  moderate(c: { id: string; action: ModerationAction }, o?: CallOptions): Promise<Comment> {
    return this.call(o, () => this.engine.moderate(c, this.reader()));
  }

  listModeration(q: { cursor?: string | null; limit: number }, o?: CallOptions): Promise<ModerationPage> {
    return this.call(o, () => this.engine.listModeration(q, this.reader()));
  }

  countComments(q: { threadIds: string[] }, o?: CallOptions): Promise<Record<string, number>> {
    return this.call(o, () => this.engine.countComments(q));
  }

  getPoll(q: { pollId: string }, o?: CallOptions): Promise<Poll> {
    return this.call(o, () => this.engine.getPoll(q.pollId, this.reader()));
  }

  vote(q: { pollId: string; optionIds: string[] }, o?: CallOptions): Promise<Poll> {
    return this.call(o, () => this.engine.vote(q, o?.idempotencyKey, this.reader()));
  }

  subscribe(threadId: string, onEvent: (e: ThreadEvent) => void): () => void {
    return this.engine.subscribe(threadId, (e) => queueMicrotask(() => onEvent(e)));
  }

  /** Who asks, at the time of the call: the engine's own reader may change meanwhile (`engine.viewer`). */
  private reader(): Reader {
    return this.engine.reader(this.viewer);
  }

  /** Waits the latency, then runs `op` unless aborted; the engine answers with copies. */
  private async call<T>(o: CallOptions | undefined, op: () => T): Promise<T> {
    await sleep(this.latency, o?.signal);
    return op();
  }
}
