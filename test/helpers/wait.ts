import { waitUntil } from '@open-wc/testing';

/** Waits until `check` holds; generous, since test runs share this machine's two cores. */
export const until = <T>(check: () => T, message = 'the condition did not come true', timeout = 5000): Promise<void> =>
  waitUntil(check, message, { timeout });

/**
 * For asserting that something does NOT happen (a second request, a script that runs): gives it
 * the time it would take. Everything a test waits for is a condition, with `until`.
 */
export const quietFor = (ms = 50): Promise<void> => new Promise((r) => setTimeout(r, ms));
