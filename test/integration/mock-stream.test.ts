import { expect } from '@open-wc/testing';
import { comment } from '../helpers/fixtures.js';
import { mockBackend, streams } from '../helpers/msw.js';
import { quietFor, until } from '../helpers/wait.js';

/**
 * The demo and the tests switch readers and remove widgets, which closes live streams. The mock
 * backend must stop writing to a stream the page closed: msw logs an error for every write to it.
 */
describe('the mock backend’s live stream', () => {
  it('stops writing to an EventSource that the page closed', async () => {
    const { endpoint, engine } = await mockBackend({ comments: [comment('a', { threadId: 'live' })] });
    const live = streams(engine);
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args[0]);
    try {
      const first = new EventSource(`${endpoint}/threads/live/events`);
      await new Promise((r) => first.addEventListener('open', r, { once: true }));
      first.close();
      const second = new EventSource(`${endpoint}/threads/live/events`);
      const got: string[] = [];
      second.onmessage = (m: MessageEvent<string>) => got.push(JSON.parse(m.data).comment.id);
      await new Promise((r) => second.addEventListener('open', r, { once: true }));
      await until(() => live() === 1, 'the closed stream was not let go');
      engine.insert(comment('b', { threadId: 'live' }));
      await until(() => got.length === 1, 'the open stream got the new comment');
      second.close();
      await quietFor(100);
      expect(got).to.deep.equal(['b']);
      expect(errors.map(String)).to.deep.equal([]);
    } finally {
      console.error = original;
    }
  });
});
