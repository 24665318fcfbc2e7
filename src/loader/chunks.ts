/**
 * What `dist/loader.js` can fetch: one ES chunk per element and per locale table, built from the
 * modules named here into `dist/chunks/`, beside the loader (`vite build --mode chunks` reads this
 * file). Adding an element to the loader is one line in `elements`.
 */

/** How the loader treats one tag until its code has defined it. */
export interface Chunk {
  /** The module that defines the tag, under `src/` and without `.ts`: its chunk is `dist/chunks/<module>.js`. */
  module: string;
  /**
   * The declarations of `<tag>:not(:defined)`: the box it keeps while its code is on the way, the
   * same as the element's own while it loads its data (its styles say so too), so that the page does
   * not move when it upgrades.
   */
  reserve: string;
  /** Whether the chunk waits until the element is within a screen of the viewport (a widget does; the provider, which only wraps them, does not). */
  near?: boolean;
}

export const elements: Record<string, Chunk> = {
  'experience-provider': { module: 'provider/define', reserve: 'display:contents' },
  'experience-comments': { module: 'comments/define', reserve: 'display:block;min-height:34rem', near: true },
  'article-poll': { module: 'poll/define', reserve: 'display:block;min-height:14rem', near: true },
  'experience-comment-count': { module: 'count/define', reserve: 'display:inline' },
  'experience-moderation': { module: 'moderation/define', reserve: 'display:block' },
};

/** The locale tables (`src/i18n/<locale>.ts`), fetched when the page or a widget speaks one. */
export const locales = ['es', 'de', 'ar'];
