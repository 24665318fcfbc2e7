import { CHANNEL, type Database } from './db/index.js';
import type { Change, Comments } from './store/comments.js';

/** Writes one encoded `data:` frame to a stream. */
type Send = (frame: Uint8Array) => void;

const encoder = new TextEncoder();

/**
 * Fans live events out to this process's open streams. Every process LISTENs on the one channel;
 * a NOTIFY names the thread and the comment, and the process that has readers of that thread reads
 * the comment once and sends it to all of them, as the public sees it: a pending comment is never
 * sent, and one held back after reports goes out as a `comment-deleted` placeholder.
 */
export class Live {
  private streams = new Map<string, Set<Send>>();
  private closers = new Set<() => void>();
  private queue: Promise<void> = Promise.resolve();
  private unlisten: (() => Promise<void>) | undefined;

  constructor(
    private db: Database,
    private comments: Comments,
  ) {}

  async start(): Promise<void> {
    // One at a time, so that a thread's events reach its readers in the order they were made.
    this.unlisten = await this.db.listen(CHANNEL, (payload) => {
      this.queue = this.queue.then(() => this.deliver(payload)).catch((e: Error) => {
        console.error(`experience-widgets-server: a live event was not delivered: ${e.message}`);
      });
    });
  }

  private async deliver(payload: string): Promise<void> {
    const change = JSON.parse(payload) as Change;
    const streams = this.streams.get(change.thread);
    if (!streams?.size) return;
    const comment = await this.comments.forEvent(change.id);
    if (!comment) return;
    const type = comment.status === 'deleted' ? 'comment-deleted' : change.type;
    // One frame, encoded once, for every reader of the thread (JSON has no raw line breaks).
    const frame = encoder.encode(`data: ${JSON.stringify({ type, comment })}\n\n`);
    for (const send of streams) send(frame);
  }

  /** Sends the thread's events to `send` until the returned function is called. */
  subscribe(thread: string, send: Send): () => void {
    let set = this.streams.get(thread);
    if (!set) this.streams.set(thread, (set = new Set()));
    set.add(send);
    return () => {
      set.delete(send);
      if (!set.size) this.streams.delete(thread);
    };
  }

  /** Calls `close` when the server shuts down, so that open streams end. */
  onShutdown(close: () => void): () => void {
    this.closers.add(close);
    return () => this.closers.delete(close);
  }

  get size(): number {
    let n = 0;
    for (const set of this.streams.values()) n += set.size;
    return n;
  }

  async close(): Promise<void> {
    for (const close of [...this.closers]) close();
    await this.unlisten?.();
    await this.queue;
  }
}
