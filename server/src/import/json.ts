import { createReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Database } from '../db/index.js';
import { readBackup, restoreRows, SECTIONS, type BackedUpComment, type PlainSection, type Section } from '../store/backup.js';
import { CommentImport, importPolls, type ImportedPoll } from '../store/imports.js';
import { ImportError, type Progress } from './progress.js';

const FORMAT = 'experience-widgets-server';
const VERSION = 1;
const BATCH = 500;

export type Counts = Record<Section, number>;

const zero = (): Counts => Object.fromEntries(Object.keys(SECTIONS).map((s) => [s, 0])) as Counts;

/**
 * Writes every section of the database to `file` as JSON laid out one record a line (a header
 * line, then per section `,"name":[`, its records, `]`, and a closing `}`), so that both the export
 * and its import stream. The file appears under its name only once complete.
 */
export async function exportJson(db: Database, file: string, now = new Date()): Promise<Counts> {
  const partial = `${file}.partial`;
  const out = await open(partial, 'w');
  const counts = zero();
  try {
    await out.write(JSON.stringify({ format: FORMAT, version: VERSION, exportedAt: now.toISOString() }).slice(0, -1));
    let current: Section | null = null;
    await readBackup(db, {
      section: async (name) => {
        await out.write(`${current ? '\n]' : ''}\n,${JSON.stringify(name)}:[`);
        current = name;
      },
      rows: async (rows) => {
        const section = current!;
        await out.write(rows.map((r, i) => `\n${counts[section] + i ? ',' : ''}${JSON.stringify(r)}`).join(''));
        counts[section] += rows.length;
      },
    });
    await out.write('\n]\n}\n');
    await out.close();
    await rename(partial, file);
    return counts;
  } catch (e) {
    await out.close().catch(() => {});
    await rm(partial, { force: true });
    throw e;
  }
}

/**
 * Restores an export: every record that is not there yet (running it twice stores nothing twice;
 * ballots only with the polls it adds, so that counts and ballots stay together). Comments go
 * through `CommentImport`, with their owners, ids and sources kept.
 */
export async function importJson(db: Database, file: string, progress: Progress = () => {}): Promise<Counts> {
  const counts = zero();
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  let section: Section | null = null;
  let ended = false;
  let rows: unknown[] = [];
  let comments: CommentImport | null = null;
  const addedPolls = new Set<string>();
  const fail = (why: string): never => {
    throw new ImportError(`${file}, line ${n}: ${why}`);
  };

  const flush = async () => {
    const batch = rows;
    rows = [];
    if (!batch.length || !section) return;
    if (section === 'comments') {
      for (const c of batch) await comments!.add(c as BackedUpComment);
    } else if (section === 'polls') {
      for (const id of await importPolls(db, batch as ImportedPoll[])) addedPolls.add(id);
      counts.polls = addedPolls.size;
    } else {
      const kept = section === 'ballots' ? batch.filter((b) => addedPolls.has((b as { pollId: string }).pollId)) : batch;
      const s = section as PlainSection;
      counts[s] += await db.transaction((tx) => restoreRows(tx, s, kept));
    }
    progress(`${section}: ${section === 'comments' ? comments!.count : counts[section]}`);
  };

  try {
    for await (const line of lines) {
      n++;
      if (n === 1) {
        let header: { format?: unknown; version?: unknown } = {};
        try {
          header = JSON.parse(`${line}}`);
        } catch {
          // Told below.
        }
        if (header.format !== FORMAT) fail(`not an export of ${FORMAT} (made by its export command)`);
        if (header.version !== VERSION) fail(`an export of version ${String(header.version)}; this server reads version ${VERSION}`);
        continue;
      }
      const opening = /^,"(\w+)":\[$/.exec(line);
      if (opening && !section && !ended) {
        section = opening[1] as Section;
        if (!(section in SECTIONS)) fail(`unknown section "${section}"`);
        if (section === 'comments') comments = new CommentImport(db, { ownerOf: (c) => (c as BackedUpComment).ownerKey, batchSize: BATCH });
      } else if (line === ']' && section) {
        await flush();
        if (section === 'comments') counts.comments = (await comments!.finish()).added;
        section = null;
      } else if (/^,?\{/.test(line) && section) {
        try {
          rows.push(JSON.parse(line.replace(/^,/, '')));
        } catch {
          fail('a record that is not valid JSON');
        }
        if (rows.length >= BATCH) await flush();
      } else if (line === '}' && !section && !ended) {
        ended = true;
      } else if (line.trim()) {
        fail(`unexpected ${JSON.stringify(line.slice(0, 40))} (an export has one record a line: was the file reformatted?)`);
      }
    }
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(`${file}, near line ${n}: ${(e as Error).message}`);
  }
  if (!ended) fail('the file ends early: it is not a whole export');
  return counts;
}
