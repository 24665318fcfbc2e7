import type { ReactiveElement } from 'lit';

/** Focuses the first of `selectors` that matches in `host`'s shadow root, once its update is done. */
export async function focusOn(host: ReactiveElement, ...selectors: string[]): Promise<void> {
  await host.updateComplete;
  for (const sel of selectors) {
    const el = host.renderRoot.querySelector<HTMLElement>(sel);
    if (el) return el.focus();
  }
}
