import type { Comment, SeedPoll } from '../../src/index.js';

const DAY = 24 * 3600 * 1000;
export const NOW = Date.parse('2026-11-25T12:00:00Z');

/** A comment with sensible defaults; `daysAgo` sets `createdAt` before NOW. */
export function comment(id: string, over: Partial<Comment> & { daysAgo?: number } = {}): Comment {
  const { daysAgo = 1, ...rest } = over;
  return {
    id,
    threadId: 't1',
    parentId: null,
    author: { id: `u-${id}`, name: `Person ${id}`, roles: [] },
    body: `Body of ${id}`,
    createdAt: new Date(NOW - daysAgo * DAY).toISOString(),
    editedAt: null,
    status: 'published',
    likes: 0,
    ...rest,
  };
}

export function poll(id: string, over: Partial<SeedPoll> = {}): SeedPoll {
  return {
    id,
    question: 'Did this article help you?',
    options: [
      { id: 'yes', label: 'Yes', votes: 3 },
      { id: 'some', label: 'Somewhat', votes: 1 },
      { id: 'no', label: 'No', votes: 0 },
    ],
    multiple: false,
    maxChoices: 1,
    closesAt: null,
    closed: false,
    resultsVisibility: 'always',
    ...over,
  };
}
