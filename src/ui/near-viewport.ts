import type { ReactiveController, ReactiveElement } from 'lit';

/**
 * For `lazy` widgets: `near` turns true once the host comes within 400px of the viewport,
 * and stays true. The observer runs only while asked to (`watch(true)`) and the host is connected.
 */
export class NearViewportController implements ReactiveController {
  near = false;
  private observer: IntersectionObserver | undefined;

  constructor(private host: ReactiveElement) {
    host.addController(this);
  }

  /** Starts or stops watching; called before every update, with whether the host is lazy. */
  watch(lazy: boolean): void {
    if (this.near || !lazy) return this.hostDisconnected();
    if (this.observer) return;
    this.observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      this.near = true;
      this.hostDisconnected();
      this.host.requestUpdate();
    }, { rootMargin: '400px' });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }
}
