import type { CallOptions, Comment, CommentPage, CommentsAdapter, ListCommentsQuery, NewComment, Session, ThreadEvent } from '../../src/index.js';

/** A call the test answers itself, when and in the order it likes. */
export interface Held<T = unknown> {
  args: unknown;
  options: CallOptions | undefined;
  answer(value: T): void;
  fail(error: unknown): void;
}

type Method = 'listComments' | 'createComment' | 'updateComment' | 'deleteComment' | 'react';

/**
 * An adapter whose every answer the test controls: pages are served from `pages` (the cursor is
 * the index of the next one, `total` is what `total` says) at once, unless the method is in
 * `holding`, in which case each call waits in `held[method]` until the test answers or fails it.
 * Live events go out with `emit`, synchronously, to every subscriber.
 */
export class Controlled implements CommentsAdapter {
  readonly held: Record<Method, Held<never>[]> = { listComments: [], createComment: [], updateComment: [], deleteComment: [], react: [] };
  readonly holding = new Set<Method>();
  readonly listeners = new Set<(e: ThreadEvent) => void>();
  readonly queries: ListCommentsQuery[] = [];
  /** How many pages were answered (not held). */
  answered = 0;

  constructor(public pages: Comment[][] = [[]], public total?: number, public session: Session = { viewer: { id: 'me', name: 'Me' }, allowAnonymous: false, maxLength: 5000 }) {}

  /** The page `cursor` points to, as the server would send it. */
  page(cursor: string | null | undefined): CommentPage {
    const i = Number(cursor ?? 0);
    const comments = this.pages[i] ?? [];
    return { comments, nextCursor: i + 1 < this.pages.length ? String(i + 1) : null, total: this.total ?? this.pages.flat().length };
  }

  emit(type: ThreadEvent['type'], comment: Comment): void {
    this.listeners.forEach((on) => on({ type, comment }));
  }

  private call<T>(method: Method, args: unknown, options: CallOptions | undefined, now: () => T): Promise<T> {
    if (!this.holding.has(method)) return Promise.resolve().then(now);
    return new Promise<T>((answer, fail) => this.held[method].push({ args, options, answer: answer as (v: never) => void, fail }));
  }

  getSession = (): Promise<Session> => Promise.resolve(this.session);
  subscribe(_thread: string, on: (e: ThreadEvent) => void): () => void {
    this.listeners.add(on);
    return () => this.listeners.delete(on);
  }
  listComments(q: ListCommentsQuery, o?: CallOptions): Promise<CommentPage> {
    this.queries.push(q);
    return this.call('listComments', q, o, () => (this.answered++, this.page(q.cursor)));
  }
  createComment(c: NewComment, o?: CallOptions): Promise<Comment> {
    return this.call('createComment', c, o, () => mine(`made-${this.held.createComment.length}-${Math.random()}`, c));
  }
  updateComment(c: { id: string; body: string }, o?: CallOptions): Promise<Comment> {
    return this.call('updateComment', c, o, () => mine(c.id, { body: c.body, parentId: null }));
  }
  deleteComment(c: { id: string }, o?: CallOptions): Promise<void> {
    return this.call('deleteComment', c, o, () => undefined);
  }
  react(c: { id: string; reaction: 'like'; active: boolean }, o?: CallOptions): Promise<Comment> {
    return this.call('react', c, o, () => mine(c.id, { body: c.id, parentId: null }, { viewerLiked: c.active, likes: +c.active }));
  }
}

/** A comment of the reader's, as the server answers it. */
export function mine(id: string, c: { body: string; parentId: string | null }, over: Partial<Comment> = {}): Comment {
  return {
    id, threadId: 't1', parentId: c.parentId, author: { id: 'me', name: 'Me' }, body: c.body,
    createdAt: new Date().toISOString(), status: 'published', likes: 0, viewerLiked: false, viewerCanEdit: true, ...over,
  };
}
