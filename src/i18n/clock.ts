import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * One timer for every relative time on the page. Hosts that show times add this controller; while
 * any is connected, one interval asks them all to update once a minute. They also update when a
 * locale's strings are registered (`registerStrings`). Nothing runs until the first host connects.
 */
const hosts = new Set<ReactiveControllerHost>();
let timer: ReturnType<typeof setInterval> | undefined;
export const TICK_MS = 60_000;
const refresh = () => hosts.forEach((h) => h.requestUpdate());

export class ClockController implements ReactiveController {
  constructor(private host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    if (!hosts.size) {
      timer = setInterval(refresh, TICK_MS);
      addEventListener('experience-strings', refresh);
    }
    hosts.add(this.host);
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
    if (!hosts.size) {
      clearInterval(timer);
      removeEventListener('experience-strings', refresh);
    }
  }
}
