import { expect } from '@open-wc/testing';
import type { Comment } from '../../src/index.js';
import { BATCH, threadStore } from '../../src/stores/thread.js';
import { comment } from '../comments/helpers.js';
import { quietFor, until } from '../helpers/wait.js';
import { Controlled, mine } from './controlled.js';

/**
 * Hostile timing: answers in any order, floods of live events. What the reader sees ends as the
 * server's last word, and no frame's work grows with the flood.
 */
describe('hostile timing', function () {
  this.timeout(20_000);
  const stops: (() => void)[] = [];
  afterEach(() => stops.splice(0).forEach((stop) => stop()));

  async function watched(a: Controlled, thread: string) {
    const store = threadStore(a, thread);
    stops.push(store.listen(() => {}));
    await until(() => store.get().status === 'ready');
    return store;
  }

  for (const clicks of [2, 3, 31]) {
    it(`ends ${clicks} fast like clicks as the server left them, whatever order its answers come in`, async () => {
      // The server applies each request as it comes; its answers come newest first but for the
      // second request's ("un-like"), which comes last. This passes on 9980426^1 too: that code
      // already ended as the last request sent, so this asserts a rule that was kept already.
      const a = new Controlled([[comment('a', { likes: 0, viewerLiked: false })]]);
      a.holding.add('react');
      let server = false;
      const react = a.react.bind(a);
      a.react = (c, o) => ((server = c.active), react(c, o));
      const store = await watched(a, `likes-${clicks}`);
      const done = Array.from({ length: clicks }, () => store.like('a').catch(() => undefined));
      for (let turns = 0; turns < 100 && a.held.react.length; turns++) {
        const held = a.held.react;
        const call = held.length > 2 ? held.pop()! : held.shift()!;
        const { active } = call.args as { active: boolean };
        call.answer(mine('a', { body: 'a', parentId: null }, { viewerLiked: active, likes: +active }) as never);
        await quietFor(0);
      }
      await Promise.all(done);
      expect(server).to.equal(clicks % 2 === 1);
      expect(store.get().byId.get('a')!.comment.viewerLiked).to.equal(server);
    });
  }

  it(`applies a flood of live replies ${BATCH} a frame, every one in the end`, async () => {
    const a = new Controlled([[comment('a')]]);
    const store = await watched(a, 'flood');
    const sizes: number[] = [];
    stops.push(store.listen((s) => sizes.push(s.byId.size)));
    for (let i = 0; i < 5 * BATCH; i++) a.emit('comment-created', comment(`r${i}`, { parentId: 'a' }) as Comment);
    await until(() => store.get().byId.size === 5 * BATCH + 1);
    // Each frame added at most BATCH.
    sizes.forEach((n, i) => expect(n - (sizes[i - 1] ?? 1)).to.be.at.most(BATCH));
    expect(store.get().roots[0]!.count).to.equal(5 * BATCH);
  });
});
