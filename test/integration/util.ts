import { waitUntil } from '@open-wc/testing';

/** The visible text of a widget's shadow root, with the spacing collapsed. */
export const text = (el: Element): string => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');

/** Waits for what a request brings; generous, since test runs share this machine's two cores. */
export const until = <T>(check: () => T, message: string): Promise<void> => waitUntil(check, message, { timeout: 5000 });
