import type { ReactiveController, ReactiveElement } from 'lit';

/**
 * The widths (in CSS pixels of the host's content box) under which fewer reply levels are nested:
 * under 360 px (a phone, or 400 % zoom) two levels, under 560 px three; wider, what the element
 * allows. Deeper replies show at the last level, marked "Replying to …". The indentation and the
 * thread lines narrow by container queries at the same widths (the comments' styles).
 */
export const DEPTH_BY_WIDTH: readonly [width: number, depth: number][] = [
  [360, 2],
  [560, 3],
];

/** The levels nested at `width` (0: not measured yet), at most `max`. */
export function depthAt(width: number, max: number): number {
  const band = width ? DEPTH_BY_WIDTH.find(([w]) => width < w) : undefined;
  return band ? Math.min(band[1], max) : max;
}

/**
 * The host's own width: `depth(max)` is how many reply levels it nests. Read once before the first
 * update (so that a phone draws its levels right away), then followed by a ResizeObserver while
 * the host is connected. The host updates only when the band changes, not on every pixel, and in
 * the next frame: an update inside the observer's callback changes the host's height, which the
 * observer would have to report again in the same frame (a "ResizeObserver loop" error).
 */
export class WidthController implements ReactiveController {
  width = 0;
  private observer: ResizeObserver | undefined;
  private frame = 0;

  constructor(private host: ReactiveElement) {
    host.addController(this);
  }

  depth(max: number): number {
    if (!this.width && this.host.isConnected) this.width = this.host.clientWidth;
    return depthAt(this.width, max);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver(([entry]) => {
      const width = entry!.contentBoxSize[0]?.inlineSize ?? entry!.contentRect.width;
      const before = depthAt(this.width, Infinity);
      this.width = width;
      if (depthAt(width, Infinity) === before || this.frame) return;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.host.requestUpdate();
      });
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }
}
