/**
 * What a reader has typed, kept in localStorage so that a reload, a closed reply box or a failed
 * post loses nothing. Storage that is full, missing or throwing (private browsing, a blocked
 * sandbox) is ignored: the draft then lives only as long as the page.
 */
export interface Draft {
  body: string;
  /** The `Idempotency-Key` of the post once it was first tried: every retry sends the same one. */
  key?: string | undefined;
  /** The comment of its reply or edit box was deleted: a new page shows it in the top composer. */
  gone?: boolean | undefined;
}

/** Where a draft is kept: one per backend (its endpoint), thread and slot (the parent, or an edit). */
export const draftKey = (adapter: object, thread: string, slot: string): string =>
  `experience-widgets:${JSON.stringify([(adapter as { endpoint?: unknown }).endpoint ?? '', thread, slot])}`;

/** The draft kept under `key`; a stored value of another shape is none. */
export function readDraft(key: string): Draft | undefined {
  try {
    // No item is null, which parses as null.
    const d = JSON.parse(localStorage.getItem(key)!) as Draft | null;
    if (typeof d?.body === 'string') return { body: d.body, key: (typeof d.key === 'string' && d.key) || undefined, ...(d.gone === true && { gone: true }) };
  } catch {
    // Missing or blocked storage, or not JSON: no draft.
  }
}

/** Keeps `draft`, or forgets the key when it is empty and was never sent. */
export function writeDraft(key: string, { body, key: sent, gone }: Draft): void {
  try {
    if (body || sent) localStorage.setItem(key, JSON.stringify({ body, key: sent, gone }));
    else localStorage.removeItem(key);
  } catch {
    // Full or blocked storage: the draft stays in memory only.
  }
}

/** Forgets a draft, once the server accepted what it held. */
export const clearDraft = (key: string): void => writeDraft(key, { body: '' });

/** The keys of the drafts kept whose key starts with `prefix`; none when storage is missing or blocked. */
export function draftKeys(prefix: string): string[] {
  try {
    return Object.keys(localStorage).filter((k) => k.startsWith(prefix));
  } catch {
    return [];
  }
}
