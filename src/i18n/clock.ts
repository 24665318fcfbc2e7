import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * One timer for every relative time on the page. Hosts that show times add this controller; while
 * any is connected, one interval asks them all to update once a minute. They also update when a
 * locale's strings are registered (`registerStrings`). Nothing runs until the first host connects.
 */
const hosts = new Map<ReactiveControllerHost, () => void>();
let timer: ReturnType<typeof setInterval> | undefined;
export const TICK_MS = 60_000;
const tick = () => hosts.forEach((onTick) => onTick());
const refresh = () => hosts.forEach((_, h) => h.requestUpdate());

export class ClockController implements ReactiveController {
  /** `onTick` is what the host does once a minute: by default it updates; a host can write its times itself. */
  constructor(private host: ReactiveControllerHost, private onTick: () => void = () => host.requestUpdate()) {
    host.addController(this);
  }

  hostConnected(): void {
    if (!hosts.size) {
      timer = setInterval(tick, TICK_MS);
      addEventListener('experience-strings', refresh);
    }
    hosts.set(this.host, this.onTick);
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
    if (!hosts.size) {
      clearInterval(timer);
      removeEventListener('experience-strings', refresh);
    }
  }
}
