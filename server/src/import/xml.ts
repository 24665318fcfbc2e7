import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { decodeHTML } from 'entities';
import { SaxesParser } from 'saxes';
import type { Database } from '../db/index.js';
import { CommentImport, type ImportedComment, type ImportSummary } from '../store/imports.js';
import { checkId } from '../store/text.js';
import { ImportError, type Progress } from './progress.js';

/** Where each thread of an export goes: export identifiers, links or paths to our thread ids. */
export type ThreadMap = Record<string, string>;

export interface XmlImportOptions {
  map?: ThreadMap;
  progress?: Progress;
  batchSize?: number;
}

export interface XmlImportSummary extends ImportSummary {
  /** Entries left out, and why. */
  skipped: { spam: number; deleted: number; unusable: number };
}

/** An element being read: its name and attributes; `text` is what it held, once closed. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  /** The names of the elements it is in, outermost first. */
  path: string[];
}

/**
 * Streams `file` through saxes (never expanding a DTD's entities, never fetching anything), calling
 * `open` and `close` for every element with the text it held (for leaf elements; CDATA included).
 * HTML's named entities (`&nbsp;`), undefined in XML, are left as they are for the caller to
 * decode. After each chunk it waits for `settle`, so that what the callbacks queued is stored
 * before more is read.
 */
async function readXml(
  file: string,
  handlers: { open?(e: XmlElement): void; close(e: XmlElement, text: string): void },
  settle: () => Promise<void>,
): Promise<void> {
  const parser = new SaxesParser({ fileName: file });
  const path: string[] = [];
  let text = '';
  let failure = null as Error | null;
  parser.on('error', (e) => {
    if (!/undefined entity/.test(e.message)) failure ??= e;
  });
  // Once it failed, nothing after the fault is taken.
  parser.on('opentag', (tag) => {
    if (failure) return;
    handlers.open?.({ name: tag.name, attributes: tag.attributes as Record<string, string>, path: [...path] });
    path.push(tag.name);
    text = '';
  });
  parser.on('text', (t) => (text += t));
  parser.on('cdata', (t) => (text += t));
  parser.on('closetag', (tag) => {
    if (failure) return;
    path.pop();
    handlers.close({ name: tag.name, attributes: tag.attributes as Record<string, string>, path: [...path] }, text);
    text = '';
  });
  try {
    for await (const chunk of createReadStream(file, 'utf8')) {
      parser.write(chunk as string);
      await settle();
      if (failure) break;
    }
    if (!failure) parser.close();
  } catch (e) {
    throw new ImportError(`Could not import ${file}: ${(e as Error).message}`);
  }
  if (failure) throw new ImportError(`${failure.message} (the import stopped there; fix the file and run it again: nothing is stored twice)`);
  await settle();
}

/** A stable id of ours for an entry of another system, so that importing it again finds it. */
export const importedId = (source: string): string => 'i' + createHash('sha256').update(source).digest('base64url').slice(0, 12);

/** A link's path without its trailing slash (`https://x.org/2020/a/` → `/2020/a`), or null. */
export function pathOf(link: string): string | null {
  try {
    const path = new URL(link).pathname.replace(/\/+$/, '');
    return path || '/';
  } catch {
    return null;
  }
}

/** A thread's id: the first candidate the map names, or the export's own. Not a valid id: null. */
export function threadIdOf(candidates: (string | null | undefined)[], fallback: string | null | undefined, map: ThreadMap = {}): string | null {
  const mapped = candidates.find((c) => c && Object.hasOwn(map, c));
  const id = mapped ? map[mapped]! : fallback;
  try {
    return id ? checkId(id, 'thread') : null;
  } catch {
    return null;
  }
}

/** A name as exports hold it: text, with the HTML entities WordPress and Disqus leave in it decoded. */
export const plainName = (raw: string, fallback: string): string => [...decodeHTML(raw).replace(/\s+/g, ' ').trim()].slice(0, 100).join('') || fallback;

/** The records of an export, read one by one and stored in batches. */
export class XmlImport {
  readonly run: CommentImport;
  readonly skipped = { spam: 0, deleted: 0, unusable: 0 };
  private queue: (ImportedComment | { skip: ImportedComment })[] = [];

  constructor(
    db: Database,
    private o: XmlImportOptions,
  ) {
    this.run = new CommentImport(db, { batchSize: o.batchSize });
  }

  add(c: ImportedComment): void {
    this.queue.push(c);
  }

  /** Left out for `why`; kept as a placeholder only if replies hang below it. */
  skip(c: ImportedComment, why: keyof XmlImport['skipped']): void {
    this.skipped[why]++;
    this.queue.push({ skip: c });
  }

  async read(file: string, handlers: Parameters<typeof readXml>[1]): Promise<XmlImportSummary> {
    await readXml(file, handlers, async () => {
      const queue = this.queue;
      this.queue = [];
      for (const item of queue) {
        if ('skip' in item) this.run.skip(item.skip);
        else await this.run.add(item);
      }
      this.o.progress?.(`comments: ${this.run.count}`);
    });
    return { ...(await this.run.finish()), skipped: this.skipped };
  }
}
