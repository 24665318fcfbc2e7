import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Subscribes a Lit element to a nanostores store while it is connected, and re-renders it on every
 * change. The store can be swapped (a new thread or adapter) with `use()`.
 */
export class StoreController<T> implements ReactiveController {
  private store: ReadableAtom<T> | undefined;
  private unsubscribe: (() => void) | undefined;
  private connected = false;

  constructor(private host: ReactiveControllerHost, store?: ReadableAtom<T>) {
    this.store = store;
    host.addController(this);
  }

  /** The store's current value, or undefined while there is no store. */
  get value(): T | undefined {
    return this.store?.get();
  }

  /** Follows `store` from now on (or nothing, with undefined). */
  use(store: ReadableAtom<T> | undefined): void {
    if (store === this.store) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.store = store;
    if (this.connected) this.listen();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
    this.listen();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private listen(): void {
    this.unsubscribe = this.store?.listen(() => this.host.requestUpdate());
    // `listen` mounts the store without calling back; render what it holds now.
    if (this.store) this.host.requestUpdate();
  }
}
