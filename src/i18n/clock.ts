import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * One timer for every relative time on the page. Hosts that show times add this controller; while
 * any is connected, one interval asks them all to update once a minute.
 */
const hosts = new Set<ReactiveControllerHost>();
let timer: ReturnType<typeof setInterval> | undefined;
export const TICK_MS = 60_000;

export class ClockController implements ReactiveController {
  constructor(private host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.host);
    timer ??= setInterval(() => hosts.forEach((h) => h.requestUpdate()), TICK_MS);
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
    if (hosts.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  }
}
