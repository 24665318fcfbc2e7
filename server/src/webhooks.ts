import { createHmac, randomUUID } from 'node:crypto';

export type WebhookEvent = 'comment.created' | 'comment.held' | 'comment.reported';

/** The signature header's value for `body`: `sha256=` and the hex HMAC-SHA256 of the raw body. */
export const signature = (secret: string, body: string): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * Tells the site's receivers what happened, as a signed JSON POST to each `--webhook` URL. Sent by
 * the process that made the change, after its transaction committed, and never awaited by the
 * request; a receiver that fails or answers anything but 2xx is tried again after each of
 * `delays` (ms), then given up with a line in the log. Retries live in memory: a process that
 * stops drops the ones still waiting.
 */
export class Webhooks {
  private timers = new Set<NodeJS.Timeout>();
  private inFlight = new Set<AbortController>();
  private closed = false;

  constructor(
    private urls: string[],
    private secret: string | undefined,
    private delays: number[],
    private now: () => Date,
  ) {
    if (urls.length && !secret) throw new TypeError('Webhooks need a webhookSecret to sign their requests with.');
  }

  send(type: WebhookEvent, data: Record<string, unknown>): void {
    if (!this.urls.length) return;
    const body = JSON.stringify({ id: randomUUID(), type, createdAt: this.now().toISOString(), ...data });
    for (const url of this.urls) void this.attempt(url, type, body, 0);
  }

  private async attempt(url: string, type: WebhookEvent, body: string, tried: number): Promise<void> {
    const abort = new AbortController();
    this.inFlight.add(abort);
    const timeout = setTimeout(() => abort.abort(), 10_000);
    let failure: string;
    try {
      const res = await fetch(url, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'experience-widgets-server', 'X-Experience-Event': type, 'X-Experience-Signature': signature(this.secret!, body) },
        signal: abort.signal,
        redirect: 'manual',
      });
      await res.body?.cancel();
      if (res.ok) return;
      failure = `answered ${res.status}`;
    } catch (e) {
      failure = (e as Error).message;
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(abort);
    }
    const delay = this.delays[tried];
    if (this.closed) return;
    if (delay === undefined) {
      console.error(`experience-widgets-server: gave up the ${type} webhook to ${url} after ${tried + 1} tries (${failure})`);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(url, type, body, tried + 1);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  /** Drops the retries still waiting and ends the requests under way. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const abort of this.inFlight) abort.abort();
    this.timers.clear();
  }
}
