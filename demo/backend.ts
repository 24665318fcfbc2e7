/** How the backend answers from now on. */
export type BackendMode = 'normal' | 'slow' | 'failing' | 'offline';

/**
 * What the demo's control panel drives: the reference server (`npm start`) or the mock in a
 * service worker (`npm run start:static`), behind the same few calls.
 */
export interface DemoBackend {
  /** What the panel says about where the data lives. */
  readonly description: string;
  /** Resolves once the widgets may ask it anything. */
  readonly ready: Promise<void>;
  /** The provider's `getToken` for a persona of `seed.ts`: the site signing its reader in. */
  tokenFor(persona: string): () => string | null | Promise<string | null>;
  setMode(mode: BackendMode): Promise<void>;
  /** Holds anonymous comments for a moderator, or not. */
  setModeration(hold: boolean): Promise<void>;
  /** A root comment from another reader, which live readers get. */
  addLiveComment(): Promise<void>;
  resetPoll(): Promise<void>;
  /** Everything back to the seeded article. */
  reset(): Promise<void>;
}
