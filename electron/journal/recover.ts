/**
 * Crash recovery for a torn tail: the bytes after the last good event are kept in a side file
 * (never deleted: they may be all that is left of something) and the journal is cut back to the
 * last good event. Callers hold the journal lock, so no live writer is mid-write.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PRIVATE_FILE, exists, fsyncDir, writeAll } from './files';

export interface Recovery {
  sideFile: string;
  bytes: number;
  /** Byte offset the journal was truncated to. */
  offset: number;
}

export async function moveTornTailAside(file: string, goodEnd: number, tail: Buffer): Promise<Recovery> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '');
  let sideFile = `${file}.torn-${stamp}`;
  for (let n = 1; await exists(sideFile); n++) sideFile = `${file}.torn-${stamp}-${n}`;
  const side = await fs.open(sideFile, 'wx', PRIVATE_FILE);
  try {
    await writeAll(side, tail);
    await side.sync();
  } finally {
    await side.close();
  }
  // The side file is durable before a single byte of the journal goes.
  await fsyncDir(path.dirname(file));
  const journal = await fs.open(file, 'r+');
  try {
    await journal.truncate(goodEnd);
    await journal.sync();
  } finally {
    await journal.close();
  }
  return { sideFile, bytes: tail.length, offset: goodEnd };
}
