import { randomBytes } from 'node:crypto';
import { fail } from '../errors.js';

/** Length in code points, as `maxLength` counts. */
export const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** A new id for a row: a letter and 12 random url-safe characters. */
export const newId = (prefix: string): string => prefix + randomBytes(9).toString('base64url');

/**
 * Thread and poll ids come from pages (`thread="…"`): any text up to 200 characters without
 * control characters. They are always bound as SQL parameters, never spliced.
 */
export function checkId(id: string, what: string): string {
  // eslint-disable-next-line no-control-regex
  if (!id || id.length > 200 || /[\u0000-\u001f\u007f]/.test(id)) fail('validation', `That is not a valid ${what} id.`, what);
  return id;
}

/** Text the reader typed: trimmed, not empty, at most `max` code points. */
export function checkText(value: unknown, max: number, field: string, empty: string, tooLong: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) fail('validation', empty, field);
  if (text.length > max && codePoints(text) > max) fail('validation', tooLong, field);
  return text;
}

/** A URL shown as a link or an image: http and https only. */
export const httpUrl = (v: unknown): string | null => {
  if (typeof v !== 'string') return null;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
};
