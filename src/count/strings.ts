/**
 * The strings of `<experience-comment-count>`, in English: the same keys as `<experience-comments>`
 * heading, so that a locale table translates both at once.
 */
export const defaultCountStrings = {
  /** Shown while the count is not known, and when it could not be had. */
  title: 'Comments',
  count: { one: '# comment', other: '# comments' },

  /** Shown instead of the count when it has no backend; the same as the comments'. */
  noAdapter: 'The comments cannot be shown: this page has not connected them to a server.',
};

export type CountStrings = typeof defaultCountStrings;
