/** Small durable-file helpers shared by the journal and the incident store. */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Incident data (journals, exports, attachments, recordings) is evidence that can hold secrets:
 * it is the user's alone, folders 0700 and files 0600 whatever the umask (a umask only clears bits).
 */
export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

/** Creates a folder and any missing parents as private; folders that exist are left as they are. */
export async function mkdirPrivate(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: PRIVATE_DIR });
}

/**
 * For folders that are Warroom's own (the data dir, an incident's folders): created private, and
 * made private if an older version left them open to others.
 */
export async function ownPrivateDir(dir: string): Promise<void> {
  await mkdirPrivate(dir);
  const st = await fs.stat(dir);
  if ((st.mode & 0o777) !== PRIVATE_DIR && st.uid === process.getuid?.()) await fs.chmod(dir, PRIVATE_DIR);
}

/** Makes a directory entry change (create, rename, truncate-aside) durable. Not possible on Windows. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Directories cannot be opened for fsync on every platform; the data itself is already synced.
  } finally {
    await handle?.close();
  }
}

/** Writes a whole buffer; fs.write may write less than asked. */
export async function writeAll(handle: fs.FileHandle, buf: Buffer): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const { bytesWritten } = await handle.write(buf, done, buf.length - done, null);
    done += bytesWritten;
  }
}

/** Replaces a file's contents atomically and durably: temp file, fsync, rename, fsync the folder. */
export async function writeFileAtomic(file: string, data: string | Buffer): Promise<void> {
  const temp = `${file}.tmp-${process.pid}-${Date.now()}`;
  const handle = await fs.open(temp, 'w', PRIVATE_FILE);
  try {
    await writeAll(handle, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
  await fsyncDir(path.dirname(file));
}

/** Reads bytes [start, end) of an open file. */
export async function readRange(handle: fs.FileHandle, start: number, end: number): Promise<Buffer> {
  const buf = Buffer.alloc(end - start);
  let done = 0;
  while (done < buf.length) {
    const { bytesRead } = await handle.read(buf, done, buf.length - done, start + done);
    if (bytesRead === 0) return buf.subarray(0, done);
    done += bytesRead;
  }
  return buf;
}

/** Whether a path exists (any kind of file). */
export async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
