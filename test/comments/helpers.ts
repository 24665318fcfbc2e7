import { fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import {
  AdapterError,
  MemoryAdapter,
  type CallOptions,
  type Comment,
  type CommentPage,
  type ExperienceComments,
  type ListCommentsQuery,
  type MemoryAdapterOptions,
  type NewComment,
} from '../../src/index.js';
import { part, root } from '../helpers/dom.js';
import { comment, NOW } from '../helpers/fixtures.js';
import { until } from '../helpers/wait.js';

export { button, focused, part, parts, root, status, text } from '../helpers/dom.js';
export { comment, NOW };

/**
 * A MemoryAdapter that records what was asked of it, with the options each call got, and can fail
 * the next calls of a method or hold them until `release()`.
 */
export class Spy extends MemoryAdapter {
  lists: { q: ListCommentsQuery; o: CallOptions }[] = [];
  posts: { c: NewComment; o: CallOptions }[] = [];
  failNext: Partial<Record<'list' | 'post' | 'react' | 'update' | 'delete' | 'report', AdapterError[]>> = {};
  private held: (() => void)[] = [];
  hold = false;

  constructor(options: MemoryAdapterOptions = {}) {
    super({ viewer: { id: 'me', name: 'Me' }, ...options });
  }

  /** Lets the held calls go on. */
  release(): void {
    this.hold = false;
    this.held.splice(0).forEach((go) => go());
  }

  private async gate(kind: keyof Spy['failNext'], signal?: AbortSignal): Promise<void> {
    if (this.hold) {
      await new Promise<void>((resolve, reject) => {
        this.held.push(resolve);
        signal?.addEventListener('abort', () => reject(new AdapterError({ code: 'aborted', message: 'aborted' })));
      });
    }
    const e = this.failNext[kind]?.shift();
    if (e) throw e;
  }

  override async listComments(q: ListCommentsQuery, o: CallOptions = {}): Promise<CommentPage> {
    this.lists.push({ q, o });
    await this.gate('list', o.signal);
    return super.listComments(q, o);
  }

  override async createComment(c: NewComment, o: CallOptions = {}): Promise<Comment> {
    this.posts.push({ c, o });
    await this.gate('post');
    return super.createComment(c, o);
  }

  override async react(c: { id: string; reaction: 'like'; active: boolean }, o?: CallOptions): Promise<Comment> {
    await this.gate('react');
    return super.react(c, o);
  }

  override async updateComment(c: { id: string; body: string }, o?: CallOptions): Promise<Comment> {
    await this.gate('update');
    return super.updateComment(c, o);
  }

  override async deleteComment(c: { id: string }, o?: CallOptions): Promise<void> {
    await this.gate('delete');
    return super.deleteComment(c, o);
  }

  override async report(c: { id: string; reason: string }, o?: CallOptions): Promise<void> {
    await this.gate('report');
    return super.report(c, o);
  }
}

export const failure = (code: string, status?: number, message = `${code} from the server`, retryAfter?: number) =>
  new AdapterError({ code, message, ...(status ? { status } : {}), ...(retryAfter ? { retryAfter } : {}) });

const DAY = 24 * 3600 * 1000;
const YEAR = 365 * DAY;

/**
 * A health community's thread: a dozen comments over five years, a moderator who also wrote the
 * article answering by name, replies five levels deep, a deleted comment that keeps its reply.
 */
export function healthThread(): Comment[] {
  const at = (ms: number) => ({ createdAt: new Date(NOW - ms).toISOString() });
  const amira = { id: 'amira', name: 'Dr. Amira Haddad', roles: ['moderator', 'author'], url: 'https://example.org/amira' };
  return [
    comment('c1', { ...at(5 * YEAR + 10 * DAY), author: { id: 'maria', name: 'Maria López', avatarUrl: 'https://example.org/maria.png' }, body: 'Does the diet advice apply to people on insulin too?\n\nMy mother was diagnosed last spring.', likes: 12 }),
    comment('c2', { ...at(5 * YEAR), parentId: 'c1', author: amira, body: 'Maria, yes: check doses with your care team first. See https://example.org/insulin.', likes: 30, editedAt: new Date(NOW - 4 * YEAR).toISOString() }),
    comment('c3', { ...at(4 * YEAR), parentId: 'c2', author: { id: 'maria', name: 'Maria López' }, body: 'Thank you, we will.' }),
    comment('c4', { ...at(3 * YEAR), parentId: 'c3', author: { id: 'jon', name: 'Jon Berg', url: 'javascript:alert(1)' }, body: 'Same question here.' }),
    comment('c5', { ...at(2 * YEAR), parentId: 'c4', author: { id: 'lee', name: 'Lee' }, body: 'Level five.' }),
    comment('c6', { ...at(YEAR), parentId: 'c5', author: amira, body: 'Lee, good point.' }),
    comment('c7', { ...at(2 * YEAR), author: { id: 'priya', name: 'Priya N.', roles: ['nurse'] }, body: 'Great overview.', likes: 2 }),
    comment('c8', { ...at(300 * DAY), status: 'deleted', body: '', author: { id: 'gone', name: 'Gone' } }),
    comment('c9', { ...at(299 * DAY), parentId: 'c8', author: { id: 'ola', name: 'Ola' }, body: 'I disagree with the comment above.' }),
    comment('c10', { ...at(40 * DAY), author: { id: 'tom', name: 'Tom' }, body: 'Line one\nLine two' }),
    comment('c11', { ...at(3 * DAY), author: amira, body: 'We updated the article with the new guidelines.' }),
    comment('c12', { ...at(2 * 3600 * 1000), author: { id: 'kim', name: 'Kim' }, body: 'Thanks!' }),
    comment('c13', { ...at(DAY), parentId: 'c11', author: { id: 'ben', name: 'Ben' }, body: 'Much clearer now.' }),
  ];
}

/**
 * The list item of the comment `id`: the one place the tests read an internal attribute, since no
 * part carries a comment's id. Everything inside it is found by parts and roles.
 */
export const item = (el: Element, id: string) => root(el).querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`);
/** The comment `id`'s own `article` (not its replies'). */
export const article = (el: Element, id: string) => item(el, id)?.querySelector<HTMLElement>(':scope > [part~=comment]') ?? null;
/** A button of the comment `id` (`reply-button`, `like-button`...). */
export const action = (el: Element, id: string, name: string) =>
  article(el, id)?.querySelector<HTMLButtonElement>(`[part~="${name}"]`) ?? null;
/** The open panel under the comment `id`: its reply or edit box, the delete question or the report form. */
export const panel = (el: Element, id: string) => item(el, id)?.querySelector<HTMLElement>(':scope > :is([part~=form], [part~=confirm])') ?? null;

export const ready = (el: Element) => until(() => part(el, 'list') || part(el, 'empty') || part(el, 'error'), 'the thread did not load');

/** An element on `adapter`, once its first page arrived. */
export async function mount(adapter: object, attrs: Record<string, string> = {}): Promise<ExperienceComments> {
  const el = await fixture<ExperienceComments>(html`<experience-comments thread="t1"></experience-comments>`);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.adapter = adapter as ExperienceComments['adapter'];
  await ready(el);
  await el.updateComplete;
  return el;
}
