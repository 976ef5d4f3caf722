import { promises as fs } from 'node:fs';
import path from 'node:path';
import { recordingsDir } from '../core/data-layout';

/** The incident's terminal recordings (recordings/*.cast), relative to the incident folder, by name. */
export async function listRecordings(dataDir: string, id: string): Promise<Array<{ file: string; bytes: number }>> {
  const dir = recordingsDir(dataDir, id);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const out: Array<{ file: string; bytes: number }> = [];
  for (const name of names.filter((n) => n.endsWith('.cast')).sort()) {
    const st = await fs.stat(path.join(dir, name)).catch(() => undefined);
    if (st?.isFile()) out.push({ file: `recordings/${name}`, bytes: st.size });
  }
  return out;
}
