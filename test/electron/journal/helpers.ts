import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventDraft } from '../../../shared/model/incident';

export function tempDir(prefix = 'warroom-journal-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function note(text: string, actor = 'tester'): EventDraft {
  return { type: 'note', actor, data: { text } };
}
