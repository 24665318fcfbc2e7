/**
 * What a reader has typed, kept in localStorage so that a reload, a closed reply box or a failed
 * post loses nothing. Storage that is full, missing or throwing (private browsing, a blocked
 * sandbox) is ignored: the draft then lives only as long as the page.
 */
export interface Draft {
  body: string;
  /** The `Idempotency-Key` of the post once it was first tried: every retry sends the same one. */
  key?: string;
}

const PREFIX = 'experience-widgets:';

/** Where a draft is kept: one per backend (its endpoint), thread and slot (the parent, or an edit). */
export const draftKey = (adapter: object, thread: string, slot: string): string =>
  JSON.stringify([(adapter as { endpoint?: unknown }).endpoint ?? '', thread, slot]);

function storage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}

export function readDraft(key: string): Draft | undefined {
  try {
    const d = JSON.parse(storage()?.getItem(PREFIX + key) ?? 'null') as Draft | null;
    return typeof d?.body === 'string' ? { body: d.body, ...(typeof d.key === 'string' ? { key: d.key } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `draft`, or forgets the key when it is empty and was never sent. */
export function writeDraft(key: string, draft: Draft): void {
  try {
    if (draft.body || draft.key) storage()?.setItem(PREFIX + key, JSON.stringify({ body: draft.body, key: draft.key }));
    else storage()?.removeItem(PREFIX + key);
  } catch {
    // Full or blocked storage: the draft stays in memory only.
  }
}

/** Forgets a draft, once the server accepted what it held. */
export const clearDraft = (key: string): void => writeDraft(key, { body: '' });
