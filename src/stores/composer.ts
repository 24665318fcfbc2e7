import { atom, onStop } from 'nanostores';
import { newIdempotencyKey } from '../util.js';
import { clearDraft, draftKey, draftKeys, readDraft, writeDraft, type Draft } from './drafts.js';

/**
 * The composers of one `<experience-comments>`: what each holds (restored from its draft), its
 * validation, and the idempotency key of its post. A composer is the top one (slot `''`), a reply
 * box (`r:<id>`) or an edit box (`e:<id>`). Reading never writes: a composer is kept only once the
 * reader typed or sent, until the server accepted what it held.
 */
export interface Compose extends Draft {
  sending: boolean;
  /** Why the last send was refused or failed. */
  error: string;
}

/** Why a text cannot be sent, as the key of its message in the strings. */
export type Problem = 'needText' | 'charsOver' | 'needName' | '';

export interface ComposerState {
  slots: Readonly<Record<string, Compose>>;
  /** The name given for anonymous posting, kept per backend. */
  name: string;
}

/** How long typing pauses before its draft is saved; it is saved at once on page hide and when no element shows it. */
export const SAVE_MS = 300;

/**
 * How many characters (code points) `body` has, as far as a limit of `maxLength` needs to know:
 * exact from four fifths of it on, else its UTF-16 length (at least as many), so that a keystroke
 * costs nothing in a long text below the limit, and a loop without copies above it.
 */
export function charsOf(body: string, maxLength: number): number {
  if (body.length <= (maxLength * 4) / 5) return body.length;
  let n = body.length;
  for (let i = 0; i < body.length; i++) {
    const unit = body.charCodeAt(i);
    // A surrogate pair is one code point.
    if (unit >= 0xd800 && unit < 0xdc00 && (body.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

export class ComposerStore {
  readonly $state;
  /** What was typed and not saved yet, by slot. */
  private unsaved = new Map<string, Compose>();
  private saving: ReturnType<typeof setTimeout> | undefined;
  /** Where the name is kept: per backend, not per thread. */
  private nameKey: string;

  /**
   * The composers of `thread` on the backend `adapter` (whose drafts they read and write);
   * `initial(slot)` is the text a composer starts from without a draft (an edit box's comment).
   */
  constructor(private adapter: object, private thread: string, private initial: (slot: string) => string) {
    this.nameKey = draftKey(adapter, '', 'name');
    this.$state = atom<ComposerState>({ slots: {}, name: readDraft(this.nameKey)?.body ?? '' });
    onStop(this.$state, this.save);
    this.adopt();
  }

  /**
   * The drafts of boxes whose comment was deleted (see `keep`) go into the top composer, the one
   * place a new page can show them, after what it holds; its key stays, so that a post of it that
   * was stored but not answered is not made twice.
   */
  private adopt(): void {
    const top = this.keyOf('');
    // The keys of this backend's and thread's slots: the top one's without its empty slot (`""]`).
    const orphans = draftKeys(top.slice(0, -3)).flatMap((k) => {
      const d = k === top ? undefined : readDraft(k);
      return d?.gone ? [[k, d.body] as const] : [];
    });
    if (!orphans.length) return;
    const kept = readDraft(top);
    writeDraft(top, { ...kept, body: [kept?.body, ...orphans.map(([, body]) => body)].filter(Boolean).join('\n\n') });
    orphans.forEach(([k]) => clearDraft(k));
  }

  /** Saves what was typed and not saved yet. */
  readonly save = (): void => {
    clearTimeout(this.saving);
    this.saving = undefined;
    removeEventListener('pagehide', this.save);
    for (const [slot, c] of this.unsaved) writeDraft(this.keyOf(slot), c);
    this.unsaved.clear();
  };

  /** Whether these are the composers of `thread` on `adapter`. */
  serves(adapter: object | undefined, thread: string): boolean {
    return this.adapter === adapter && this.thread === thread;
  }

  get name(): string {
    return this.$state.get().name;
  }

  /** The composer in `slot`: as kept, else its draft, else the text it starts from. */
  read(slot: string): Compose {
    return this.$state.get().slots[slot] ?? { body: this.initial(slot), ...readDraft(this.keyOf(slot)), sending: false, error: '' };
  }

  /** The reader typed `body` into `slot`: shown at once, saved once typing pauses. */
  input(slot: string, body: string): void {
    this.write(slot, { ...this.read(slot), body, error: '' }, true);
  }

  setName(name: string): void {
    writeDraft(this.nameKey, { body: name });
    this.$state.set({ ...this.$state.get(), name });
  }

  /** Why `slot`'s text cannot be sent as it is (with how many characters too many), or `''`. */
  problem(slot: string, maxLength: number, askName: boolean): { problem: Problem; over: number } {
    const body = this.read(slot).body.trim();
    const over = charsOf(body, maxLength) - maxLength;
    const problem = !body ? 'needText' : over > 0 ? 'charsOver' : askName && !this.name.trim() ? 'needName' : '';
    return { problem, over };
  }

  /** Marks `slot` as sending and gives its text and key; every retry of the same text gets the same key. */
  begin(slot: string): { body: string; key: string } {
    const c = this.read(slot);
    const key = c.key ?? newIdempotencyKey();
    this.write(slot, { ...c, key, sending: true, error: '' });
    return { body: c.body.trim(), key };
  }

  /** Shows `error` in `slot`; the text and its key stay for a retry. */
  fail(slot: string, error: string): void {
    this.write(slot, { ...this.read(slot), sending: false, error });
  }

  /**
   * The comment of `slot`'s box is gone: what it shows now (its draft, or the text it starts from)
   * is kept as typed, so that it outlives where it started from, and a new page shows it in the
   * top composer.
   */
  keep(slot: string): void {
    this.write(slot, { ...this.read(slot), gone: true });
  }

  /**
   * The server kept another version than `slot` holds (an idempotent replay): the text stays, with
   * `notice`, and a new key, so that sending it again is a new post.
   */
  renew(slot: string, notice: string): void {
    this.write(slot, { ...this.read(slot), key: undefined, sending: false, error: notice });
  }

  /** The server accepted what `slot` held: it starts empty again. */
  done(slot: string): void {
    this.unsaved.delete(slot);
    clearDraft(this.keyOf(slot));
    const { [slot]: _, ...slots } = this.$state.get().slots;
    this.$state.set({ ...this.$state.get(), slots });
  }

  private keyOf(slot: string): string {
    return draftKey(this.adapter, this.thread, slot);
  }

  /** Shows `c` in `slot`, and saves it now, or `later` once typing pauses. */
  private write(slot: string, c: Compose, later = false): void {
    if (later) {
      this.unsaved.set(slot, c);
      clearTimeout(this.saving);
      this.saving = setTimeout(this.save, SAVE_MS);
      addEventListener('pagehide', this.save);
    } else {
      this.unsaved.delete(slot);
      writeDraft(this.keyOf(slot), c);
    }
    const state = this.$state.get();
    this.$state.set({ ...state, slots: { ...state.slots, [slot]: c } });
  }
}
