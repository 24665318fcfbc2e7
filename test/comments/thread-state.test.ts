import { expect } from '@open-wc/testing';
import type { Comment } from '../../src/index.js';
import {
  acceptPost, addSending, applyEvent, applyPage, buildTree, initialData, patchComment, showFresh, toggleLike, type ThreadData,
} from '../../src/stores/thread-state.js';
import { comment } from './helpers.js';

/** A loaded first page of `comments`. */
const loaded = (comments: Comment[]): ThreadData =>
  applyPage(initialData('newest', 20), { comments, nextCursor: null, total: comments.length }, false);
const ids = (d: ThreadData) => d.comments.map((c) => c.id);

describe('the thread state', () => {
  describe('buildTree', () => {
    it('nests replies at any depth, in the order given, and counts them', () => {
      const { roots } = buildTree([
        comment('a'),
        comment('b'),
        comment('a1', { parentId: 'a' }),
        comment('a2', { parentId: 'a' }),
        comment('a11', { parentId: 'a1' }),
        comment('a111', { parentId: 'a11' }),
        comment('a1111', { parentId: 'a111' }),
      ]);
      expect(roots.map((n) => n.comment.id)).to.deep.equal(['a', 'b']);
      expect(roots[0]!.replies.map((n) => n.comment.id)).to.deep.equal(['a1', 'a2']);
      expect(roots[0]!.count).to.equal(5);
      expect(roots[0]!.replies[0]!.replies[0]!.replies[0]!.replies[0]!.comment.id).to.equal('a1111');
      expect(roots[1]!.count).to.equal(0);
    });

    it('keeps deleted comments only while they have replies, and leaves out orphans and cycles', () => {
      const { roots, byId } = buildTree([
        comment('kept', { status: 'deleted' }),
        comment('reply', { parentId: 'kept' }),
        comment('gone', { status: 'deleted' }),
        comment('chain', { status: 'deleted' }),
        comment('chain2', { parentId: 'chain', status: 'deleted' }),
        comment('orphan', { parentId: 'nowhere' }),
        comment('x', { parentId: 'y' }),
        comment('y', { parentId: 'x' }),
        comment('self', { parentId: 'self' }),
      ]);
      expect(roots.map((n) => n.comment.id)).to.deep.equal(['kept']);
      expect(roots[0]!.count).to.equal(1);
      expect(byId.get('reply')!.comment.id).to.equal('reply');
    });
  });

  it('applies a first page over the posts in flight, and a next page after what it has', () => {
    const sending = { ...comment('sending:k'), sending: true };
    let d = addSending(initialData('newest', 2), sending);
    d = applyPage(d, { comments: [comment('a'), comment('b')], nextCursor: 'n', total: 3 }, false);
    expect(ids(d)).to.deep.equal(['sending:k', 'a', 'b']);
    expect(d).to.include({ status: 'ready', total: 3, cursor: 'n' });
    d = applyPage(d, { comments: [comment('b'), comment('c')], nextCursor: null, total: 3 }, true);
    expect(ids(d)).to.deep.equal(['sending:k', 'a', 'b', 'c']);
    expect(d.cursor).to.equal(null);
  });

  it('holds a new root from others back, counts it, and shows it when asked; a reply goes in place', () => {
    let d = loaded([comment('a')]);
    d = applyEvent(d, { type: 'comment-created', comment: comment('n', { viewerCanEdit: true }) });
    d = applyEvent(d, { type: 'comment-created', comment: comment('r', { parentId: 'a' }) });
    expect(ids(d)).to.deep.equal(['a', 'r']);
    expect(d.fresh.map((c) => [c.id, c.viewerCanEdit])).to.deep.equal([['n', false]]);
    expect(d.total).to.equal(3);
    expect(applyEvent(d, { type: 'comment-created', comment: comment('n') })).to.equal(d);
    expect(ids(showFresh(d))).to.deep.equal(['n', 'a', 'r']);
  });

  it('shows an optimistic post at once and replaces it by the server\'s, counted once', () => {
    const temp = { ...comment('sending:k'), sending: true };
    const d = addSending(loaded([comment('a')]), temp);
    expect(ids(d)).to.deep.equal(['sending:k', 'a']);
    const accepted = acceptPost(d, 'sending:k', comment('made'));
    expect(ids(accepted)).to.deep.equal(['made', 'a']);
    expect(accepted.total).to.equal(2);
    // The live event of one's own comment came first: it is not counted twice.
    const raced = applyEvent(loaded([comment('a')]), { type: 'comment-created', comment: comment('made') });
    expect(acceptPost(addSending(raced, temp), 'sending:k', comment('made')).total).to.equal(2);
  });

  it('toggles a like and rolls it back to what it was', () => {
    const d = loaded([comment('a', { likes: 3, viewerLiked: false })]);
    const { next, active, undo } = toggleLike(d, 'a');
    expect(active).to.equal(true);
    expect(next.comments[0]).to.include({ likes: 4, viewerLiked: true });
    expect(patchComment(next, 'a', undo).comments[0]).to.include({ likes: 3, viewerLiked: false });
  });
});
