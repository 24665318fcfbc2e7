import type { Database } from '../db/index.js';
import type { ImportedComment } from '../store/imports.js';
import { httpUrl } from '../store/text.js';
import { htmlToText } from './html-to-text.js';
import { importedId, pathOf, plainName, threadIdOf, XmlImport, type XmlImportOptions, type XmlImportSummary } from './xml.js';

type Fields = Record<string, string>;

/** `2020-01-31 10:00:00` (GMT) as ISO 8601; WordPress's zero date is none. */
function gmt(date: string | undefined): string {
  const d = new Date(`${(date ?? '').trim().replace(' ', 'T')}Z`);
  return Number.isNaN(+d) || +d <= 0 ? '' : d.toISOString();
}

/**
 * A WordPress export (WXR: RSS `<item>`s with `<link>`, `<wp:post_id>` and `<wp:post_name>`, each
 * with its `<wp:comment>`s). A thread's id is what the map gives for the post's id, name, link or
 * link's path, else the link's path. Approved comments are published, unapproved ones pending
 * (held for a moderator), spam, trash, pingbacks and trackbacks left out. Each comment is
 * `wordpress:<site link>:<comment id>`, the site's link being the channel's.
 */
export async function importWordpress(db: Database, file: string, o: XmlImportOptions = {}): Promise<XmlImportSummary> {
  const run = new XmlImport(db, o);
  let site = '';
  let item: Fields | null = null;
  let threadId: string | null | undefined;
  let comment: Fields | null = null;

  const done = (f: Fields) => {
    threadId ??= threadIdOf([item!['wp:post_id'], item!['wp:post_name'], item!.link, pathOf(item!.link ?? '')], pathOf(item!.link ?? ''), o.map);
    const source = `wordpress:${site}:${f['wp:comment_id'] ?? ''}`;
    const parent = f['wp:comment_parent'];
    const approved = f['wp:comment_approved'];
    const c: ImportedComment = {
      id: importedId(source),
      source,
      threadId: threadId ?? '-',
      parentId: parent && parent !== '0' ? importedId(`wordpress:${site}:${parent}`) : null,
      createdAt: gmt(f['wp:comment_date_gmt']) || gmt(f['wp:comment_date']),
      status: approved === '1' ? 'published' : 'pending',
      body: htmlToText(f['wp:comment_content'] ?? '', { newlines: true }),
      author: { id: `wordpress:${f['wp:comment_user_id'] && f['wp:comment_user_id'] !== '0' ? f['wp:comment_user_id'] : 'guest'}`, name: plainName(f['wp:comment_author'] ?? '', 'Anonymous'), url: httpUrl(f['wp:comment_author_url']?.trim()) },
    };
    const type = f['wp:comment_type'] ?? '';
    if (approved === 'spam') run.skip(c, 'spam');
    else if (approved === 'trash' || approved === 'post-trashed') run.skip(c, 'deleted');
    else if (!threadId || !f['wp:comment_id'] || !c.createdAt || !c.body || type === 'pingback' || type === 'trackback') run.skip(c, 'unusable');
    else run.add(c);
  };

  return run.read(file, {
    open({ name, path }) {
      if (name === 'item' && path.at(-1) === 'channel') {
        item = {};
        threadId = undefined;
      } else if (name === 'wp:comment' && item) comment = {};
    },
    close({ name, path }, text) {
      const parent = path.at(-1);
      if (name === 'link' && parent === 'channel') site = text.trim();
      else if (name === 'item') item = null;
      else if (name === 'wp:comment' && comment) {
        done(comment);
        comment = null;
      } else if (parent === 'wp:comment' && comment) comment[name] = name === 'wp:comment_content' || name === 'wp:comment_author' ? text : text.trim();
      else if (parent === 'item' && item) item[name] = text.trim();
    },
  });
}
