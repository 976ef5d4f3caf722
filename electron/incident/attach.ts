import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors';
import { PRIVATE_FILE, exists, fsyncDir, ownPrivateDir } from '../journal/files';
import { MAX_ATTACHMENT_BYTES } from '../../shared/contract';


/**
 * Copies a file into `<incident>/attachments/` under a name that cannot collide or escape, durably,
 * and returns what the attachment event records.
 */
export async function copyAttachment(incidentDir: string, source: string): Promise<{ name: string; file: string; bytes: number; sha256: string }> {
  let st;
  try {
    st = await fs.stat(source);
  } catch {
    throw new UserError(`cannot attach ${source}: no such file`);
  }
  if (!st.isFile()) throw new UserError(`cannot attach ${source}: not a regular file`);
  if (st.size > MAX_ATTACHMENT_BYTES) throw new UserError(`cannot attach ${source}: ${st.size} bytes is over the ${MAX_ATTACHMENT_BYTES}-byte limit`);
  const name = path.basename(source);
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_').slice(0, 120) || 'file';
  const dir = path.join(incidentDir, 'attachments');
  await ownPrivateDir(dir);
  let target = path.join(dir, safe);
  for (let n = 2; await exists(target); n++) target = path.join(dir, `${n}-${safe}`);
  await fs.copyFile(source, target, fs.constants.COPYFILE_EXCL);
  const handle = await fs.open(target, 'r');
  try {
    // copyFile keeps the source's mode; the copy is the incident's, and private.
    await handle.chmod(PRIVATE_FILE);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsyncDir(dir);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(target)) hash.update(chunk as Buffer);
  return { name: name.slice(0, 255), file: path.relative(incidentDir, target).split(path.sep).join('/'), bytes: st.size, sha256: hash.digest('hex') };
}
