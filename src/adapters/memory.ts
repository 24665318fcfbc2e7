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
} from '../model/types.js';
import { sleep } from '../util.js';
import { Engine, type EngineOptions } from './engine.js';

export interface MemoryAdapterOptions extends EngineOptions {
  /** Milliseconds each call takes, to show loading states; aborting cuts it short. */
  latency?: number;
  /** Share a database with other adapters or with the msw handlers. */
  engine?: Engine;
}

/**
 * An adapter over an in-memory database with the same rules as the REST contract. For prototypes,
 * demos and tests; nothing is kept after the page closes.
 */
export class MemoryAdapter implements Adapter {
  readonly engine: Engine;
  latency: number;

  constructor(options: MemoryAdapterOptions = {}) {
    this.engine = options.engine ?? new Engine(options);
    this.latency = options.latency ?? 0;
  }

  getSession(o?: CallOptions): Promise<Session> {
    return this.call(o, () => this.engine.session());
  }

  listComments(q: ListCommentsQuery, o?: CallOptions): Promise<CommentPage> {
    return this.call(o, () => this.engine.list(q));
  }

  createComment(c: NewComment, o?: CallOptions): Promise<Comment> {
    return this.call(o, () => this.engine.create(c, o?.idempotencyKey));
  }

  updateComment(c: { id: string; body: string }, o?: CallOptions): Promise<Comment> {
    return this.call(o, () => this.engine.update(c));
  }

  deleteComment(c: { id: string }, o?: CallOptions): Promise<void> {
    return this.call(o, () => this.engine.remove(c));
  }

  react(c: { id: string; reaction: 'like'; active: boolean }, o?: CallOptions): Promise<Comment> {
    return this.call(o, () => this.engine.react(c, o?.idempotencyKey));
  }

  report(c: { id: string; reason: string }, o?: CallOptions): Promise<void> {
    return this.call(o, () => this.engine.report(c, o?.idempotencyKey));
  }

  moderate(c: { id: string; action: ModerationAction }, o?: CallOptions): Promise<Comment> {
    return this.call(o, () => this.engine.moderate(c));
  }

  listModeration(q: { cursor?: string | null; limit: number }, o?: CallOptions): Promise<ModerationPage> {
    return this.call(o, () => this.engine.listModeration(q));
  }

  countComments(q: { threadIds: string[] }, o?: CallOptions): Promise<Record<string, number>> {
    return this.call(o, () => this.engine.countComments(q));
  }

  getPoll(q: { pollId: string }, o?: CallOptions): Promise<Poll> {
    return this.call(o, () => this.engine.getPoll(q.pollId));
  }

  vote(q: { pollId: string; optionIds: string[] }, o?: CallOptions): Promise<Poll> {
    return this.call(o, () => this.engine.vote(q, o?.idempotencyKey));
  }

  subscribe(threadId: string, onEvent: (e: ThreadEvent) => void): () => void {
    return this.engine.subscribe(threadId, (e) => queueMicrotask(() => onEvent(e)));
  }

  /** Waits the latency, then runs `op` unless aborted; the engine answers with copies. */
  private async call<T>(o: CallOptions | undefined, op: () => T): Promise<T> {
    await sleep(this.latency, o?.signal);
    return op();
  }
}
