import type { Database } from '../db/index.js';
import type { ImportedComment } from '../store/imports.js';
import { htmlToText } from './html-to-text.js';
import { importedId, pathOf, plainName, threadIdOf, XmlImport, type XmlImportOptions, type XmlImportSummary } from './xml.js';

interface Post {
  dsq: string;
  thread: string;
  parent: string | null;
  message: string;
  createdAt: string;
  deleted: boolean;
  spam: boolean;
  name: string;
  username: string;
}

const blankPost = (dsq: string): Post => ({ dsq, thread: '', parent: null, message: '', createdAt: '', deleted: false, spam: false, name: '', username: '' });

/**
 * A Disqus export (`<disqus>`: `<category>`, then `<thread dsq:id>` with `<id>` (the page's
 * disqus_identifier), `<link>` and `<title>`, then `<post dsq:id>` with `<message>` (HTML),
 * `<createdAt>`, `<author><name>`, `<isDeleted>`, `<isSpam>`, `<thread dsq:id>` and
 * `<parent dsq:id>`). A thread's id is what the map gives for its identifier, link or link's path,
 * else its identifier, else its link's path. Each post is `disqus:<dsq:id>`.
 */
export async function importDisqus(db: Database, file: string, o: XmlImportOptions = {}): Promise<XmlImportSummary> {
  const run = new XmlImport(db, o);
  /** Disqus's thread ids to ours (null: no usable id). */
  const threads = new Map<string, string | null>();
  let thread: { dsq: string; id: string; link: string } | null = null;
  let post: Post | null = null;

  const done = (p: Post) => {
    const threadId = threads.get(p.thread) ?? null;
    const createdAt = new Date(p.createdAt);
    const c: ImportedComment = {
      id: importedId(`disqus:${p.dsq}`),
      source: `disqus:${p.dsq}`,
      threadId: threadId ?? '',
      parentId: p.parent ? importedId(`disqus:${p.parent}`) : null,
      createdAt: Number.isNaN(+createdAt) ? '' : createdAt.toISOString(),
      status: 'published',
      body: htmlToText(p.message),
      author: { id: p.username ? `disqus:${p.username}` : 'disqus:guest', name: plainName(p.name, 'Guest') },
    };
    if (!threadId || !c.createdAt) return run.skip({ ...c, threadId: threadId ?? '-' }, 'unusable');
    if (p.spam) run.skip(c, 'spam');
    else if (p.deleted) run.skip(c, 'deleted');
    else if (!c.body) run.skip(c, 'unusable');
    else run.add(c);
  };

  return run.read(file, {
    open({ name, attributes, path }) {
      const dsq = attributes['dsq:id'] ?? '';
      if (path.length === 1 && name === 'thread') thread = { dsq, id: '', link: '' };
      else if (path.length === 1 && name === 'post') post = blankPost(dsq);
      else if (path.length === 2 && post && name === 'thread') post.thread = dsq;
      else if (path.length === 2 && post && name === 'parent') post.parent = dsq || null;
    },
    close({ name, path }, text) {
      const value = text.trim();
      if (path.length === 1 && name === 'thread' && thread) {
        threads.set(thread.dsq, threadIdOf([thread.id, thread.link, pathOf(thread.link)], thread.id || pathOf(thread.link), o.map));
        thread = null;
      } else if (path.length === 2 && thread) {
        if (name === 'id') thread.id = value;
        else if (name === 'link') thread.link = value;
      } else if (path.length === 1 && name === 'post' && post) {
        done(post);
        post = null;
      } else if (path.length === 2 && post) {
        if (name === 'message') post.message = text;
        else if (name === 'createdAt') post.createdAt = value;
        else if (name === 'isDeleted') post.deleted = value === 'true';
        else if (name === 'isSpam') post.spam = value === 'true';
      } else if (path.length === 3 && post && path[2] === 'author') {
        if (name === 'name') post.name = text;
        else if (name === 'username') post.username = value;
      }
    },
  });
}
