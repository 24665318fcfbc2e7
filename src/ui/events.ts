import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Every widget event bubbles out of the shadow root, with its data in `detail`. */
export const eventInit = <T>(detail: T): CustomEventInit<T> => ({ bubbles: true, composed: true, detail });

/**
 * A widget's events, fired once the update they ask for has put what they describe in the DOM:
 * a listener of `experience-ready` finds the comments or the poll in the shadow root.
 */
export class EventQueue implements ReactiveController {
  private queued: Event[] = [];

  constructor(private host: ReactiveControllerHost & EventTarget) {
    host.addController(this);
  }

  /** Fires `event` after the next update (which this asks for). */
  fire(event: Event): void {
    this.queued.push(event);
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    for (const event of this.queued.splice(0)) this.host.dispatchEvent(event);
  }
}
