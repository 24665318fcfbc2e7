import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * One timer for every relative time on the page. Hosts that show times add this controller; while
 * any is connected, one interval asks them all to update once a minute. They also update when a
 * locale's strings are registered (`registerStrings`).
 */
const hosts = new Set<ReactiveControllerHost>();
let timer: ReturnType<typeof setInterval> | undefined;
export const TICK_MS = 60_000;
const refresh = () => hosts.forEach((h) => h.requestUpdate());
addEventListener('experience-strings', refresh);

export class ClockController implements ReactiveController {
  constructor(private host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.host);
    timer ??= setInterval(refresh, TICK_MS);
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
    if (hosts.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  }
}
