import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Subscribes a Lit element to a nanostores store while it is connected, and re-renders it on every
 * change. The store can be swapped (a new thread or adapter) with `use()`.
 */
export class StoreController<T> implements ReactiveController {
  private store: ReadableAtom<T> | undefined;
  /** Set while the host is connected (a no-op without a store): stops listening. */
  private off: (() => void) | undefined;

  constructor(private host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The store's current value, or undefined while there is no store. */
  get value(): T | undefined {
    return this.store?.get();
  }

  /** Follows `store` from now on (or nothing, with undefined). */
  use(store: ReadableAtom<T> | undefined): void {
    if (store === this.store) return;
    this.off?.();
    this.store = store;
    // While connected, listen to the new store instead (which renders too).
    if (this.off) this.hostConnected();
    else this.host.requestUpdate();
  }

  hostConnected(): void {
    this.off = this.store?.listen(() => this.host.requestUpdate()) ?? (() => {});
    // `listen` mounts the store without calling back; render what it holds now.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.off?.();
    this.off = undefined;
  }
}
