/**
 * A journal that declares no incident is refused with one wording (fold.ts notDeclared) naming the
 * journal file, by every path that reads one: the store (CLI reads), an incident opened for one
 * change (withIncident), and the post-mortem meeting. Real journal files.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../electron/journal/journal';
import { IncidentStore } from '../../../electron/incident/store';
import { withIncident } from '../../../electron/incident/session';
import { changeMeeting } from '../../../electron/incident/meeting-record';
import { UserError } from '../../../electron/core/errors';
import { note, tempDir } from '../journal/helpers';

let dataDir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir: dataDir, cleanup } = tempDir('warroom-not-declared-'));
});
afterEach(() => cleanup());

/** An incident folder whose journal holds a note and no declaration. */
async function undeclared(): Promise<{ store: IncidentStore; file: string }> {
  const store = new IncidentStore(dataDir);
  const file = store.journalFile('INC-UNDECLARED');
  const journal = await Journal.open(file, { create: true });
  await journal.append(note('written before anyone declared'));
  await journal.close();
  return { store, file };
}

describe('a journal without incident.declared', () => {
  it('is refused with the same message, naming the file, by the store, withIncident and the meeting', async () => {
    const { store, file } = await undeclared();
    const message = `${file}: the journal has no incident.declared event`;
    await expect(store.read('INC-UNDECLARED')).rejects.toThrow(new UserError(message));
    await expect(withIncident(file, async () => 'never')).rejects.toThrow(new UserError(message));
    await expect(changeMeeting({ journalFile: file, actor: 'alice' }, { kind: 'end' })).rejects.toThrow(new UserError(message));
    // Nothing was written by the refusals.
    const journal = await Journal.open(file);
    expect(journal.events.map((e) => e.type)).toEqual(['note']);
    await journal.close();
  });
});
