/**
 * Files in the incident folder that the journal vouches for by hash: run outputs (`command.run`
 * results' `output`) and sealed terminal recordings (`recording.sealed`). Writing them, hashing
 * them, and checking them again (`warroom verify`).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { eventData, type JournalEvent } from '../../shared/model/incident';
import { PRIVATE_FILE, fsyncDir, ownPrivateDir, writeAll } from '../journal/files';
import { errnoCode } from '../journal/errors';

export interface SavedFile {
  /** Relative to the incident folder, with `/` separators. */
  file: string;
  sha256: string;
  bytes: number;
}

/** sha256 and size of a file, read as a stream (recordings can be large). */
export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** A name that stays one path component whatever the alias holds. */
const safeName = (alias: string): string => alias.replace(/[^A-Za-z0-9._@-]+/g, '_').replace(/^\.+/, '_').slice(0, 120) || 'host';

/**
 * Writes one run's outputs to `runs/<uuid>/<host>.out` (0600, fsynced), and returns what each
 * host's `command.run` result records. Two hosts whose names clean up alike get distinct files.
 */
export async function saveRunOutputs(incidentDir: string, outputs: ReadonlyArray<{ alias: string; data: Buffer }>): Promise<Map<string, SavedFile>> {
  const rel = `runs/${randomUUID()}`;
  const dir = path.join(incidentDir, ...rel.split('/'));
  await ownPrivateDir(path.join(incidentDir, 'runs'));
  await ownPrivateDir(dir);
  const saved = new Map<string, SavedFile>();
  const used = new Set<string>();
  for (const { alias, data } of outputs) {
    let name = `${safeName(alias)}.out`;
    for (let n = 2; used.has(name); n++) name = `${safeName(alias)}-${n}.out`;
    used.add(name);
    const handle = await fs.open(path.join(dir, name), 'wx', PRIVATE_FILE);
    try {
      await writeAll(handle, data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    saved.set(alias, { file: `${rel}/${name}`, sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length });
  }
  await fsyncDir(dir);
  await fsyncDir(path.dirname(dir));
  return saved;
}

/** A file the journal vouches for, and the event that does (the latest, for a file sealed again). */
export interface VouchedFile extends SavedFile {
  seq: number;
}

/** Every file the events vouch for: run outputs, and each recording as its latest seal has it. */
export function vouchedFiles(events: readonly JournalEvent[]): VouchedFile[] {
  const byFile = new Map<string, VouchedFile>();
  for (const e of events) {
    const run = eventData(e, 'command.run');
    for (const r of run?.results ?? []) if (r.output) byFile.set(r.output.file, { ...r.output, seq: e.seq });
    const sealed = eventData(e, 'recording.sealed');
    if (sealed) byFile.set(sealed.file, { file: sealed.file, sha256: sealed.sha256, bytes: sealed.bytes, seq: e.seq });
  }
  return [...byFile.values()];
}

/**
 * Checks each vouched file against its hash and size. Returns one problem per file that is missing,
 * changed, or named outside the incident folder, each naming the file and the event.
 */
export async function checkVouchedFiles(incidentDir: string, files: readonly VouchedFile[]): Promise<string[]> {
  const root = path.resolve(incidentDir);
  const problems: string[] = [];
  for (const f of files) {
    const full = path.resolve(root, f.file);
    const shown = path.join(incidentDir, f.file);
    if (path.isAbsolute(f.file) || !full.startsWith(root + path.sep)) {
      problems.push(`${f.file} (#${f.seq}): names a file outside the incident folder`);
      continue;
    }
    let actual;
    try {
      actual = await hashFile(full);
    } catch (err) {
      problems.push(errnoCode(err) === 'ENOENT' ? `${shown} (#${f.seq}): missing` : `${shown} (#${f.seq}): cannot read: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    if (actual.bytes !== f.bytes) problems.push(`${shown} (#${f.seq}): changed: ${actual.bytes} bytes, recorded ${f.bytes}`);
    else if (actual.sha256 !== f.sha256) problems.push(`${shown} (#${f.seq}): changed: sha256 ${actual.sha256}, recorded ${f.sha256}`);
  }
  return problems;
}
