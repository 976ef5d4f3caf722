/**
 * The incidents on disk: listing, reading by id (read-only, verified) and the active-incident
 * pointer shared by the app and the CLI.
 */
import { promises as fs } from 'node:fs';
import type { Incident, JournalEvent } from '../../shared/model/incident';
import { activeIncidentFile, incidentDir, incidentsDir, journalFile } from '../core/data-layout';
import { EMPTY_HEAD, scanJournal } from '../journal/scan';
import { replayFromCheckpoint } from '../journal/checkpoint';
import { verifyInSlices, type VerifyResult } from '../journal/verify';
import { ownPrivateDir, writeFileAtomic } from '../journal/files';
import { errnoCode } from '../journal/errors';
import { UserError } from '../core/errors';
import { requireIncident } from './fold';

export interface IncidentRecord {
  incident: Incident;
  events: JournalEvent[];
  /** Bytes of a torn last line that were ignored (not modified: reading never writes). */
  tornBytes: number;
  /** Why the checkpoint beside the journal was not used, if one was there and unusable. */
  checkpointWarning?: string;
}

/**
 * Background re-verifications of journals read from a checkpoint, not yet reported. A CLI process
 * ends right after its command, so main() waits for these (settleReads) and reports any break.
 */
const behind = new Set<Promise<VerifyResult>>();

/** Waits for every background re-verification started by read(); returns the breaks found. */
export async function settleReads(): Promise<string[]> {
  const breaks: string[] = [];
  while (behind.size > 0) {
    const pending = [...behind];
    behind.clear();
    for (const r of await Promise.all(pending)) if (!r.ok) breaks.push(r.error ?? 'the chain does not verify');
  }
  return breaks;
}

export class IncidentStore {
  constructor(readonly dataDir: string) {}

  journalFile(id: string): string {
    return journalFile(this.dataDir, id);
  }

  dir(id: string): string {
    return incidentDir(this.dataDir, id);
  }

  async ids(): Promise<string[]> {
    let names: string[];
    try {
      names = await fs.readdir(incidentsDir(this.dataDir));
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return [];
      throw err;
    }
    const ids: string[] = [];
    for (const name of names.sort()) {
      try {
        await fs.access(journalFile(this.dataDir, name));
        ids.push(name);
      } catch {
        // not an incident folder (or an invalid name someone put there)
      }
    }
    return ids;
  }

  async exists(id: string): Promise<boolean> {
    try {
      await fs.access(this.journalFile(id));
      return true;
    } catch {
      return false;
    }
  }

  /** Reads and verifies an incident without modifying anything. Corruption throws, naming the line. */
  async read(id: string): Promise<IncidentRecord> {
    const file = this.journalFile(id);
    let buf: Buffer;
    try {
      buf = await fs.readFile(file);
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') throw new UserError(`no incident ${id} (looked for ${file})`);
      throw err;
    }
    // From a checkpoint when a valid one is there (checkpoint.ts); what it vouched for is re-hashed after.
    const fromCheckpoint = await replayFromCheckpoint(file, buf);
    const { events, tail } = fromCheckpoint.scanned ? { events: [...fromCheckpoint.scanned.log.all()], tail: fromCheckpoint.scanned.tail } : scanJournal(buf, file, EMPTY_HEAD);
    if (fromCheckpoint.scanned) behind.add(verifyInSlices(buf.subarray(0, fromCheckpoint.scanned.trusted), file));
    const incident = requireIncident(events, file);
    return { incident, events, tornBytes: tail.length, ...(fromCheckpoint.warning ? { checkpointWarning: fromCheckpoint.warning } : {}) };
  }

  async activeId(): Promise<string | null> {
    let text: string;
    try {
      text = await fs.readFile(activeIncidentFile(this.dataDir), 'utf8');
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return null;
      throw err;
    }
    const id = text.trim();
    return id && (await this.exists(id)) ? id : null;
  }

  async setActive(id: string | null): Promise<void> {
    await ownPrivateDir(this.dataDir);
    if (id === null) await fs.rm(activeIncidentFile(this.dataDir), { force: true });
    else await writeFileAtomic(activeIncidentFile(this.dataDir), `${id}\n`);
  }

  /** The given id, or the active incident; a UserError saying what to do when there is neither. */
  async resolve(id: string | undefined): Promise<string> {
    if (id !== undefined) {
      if (!(await this.exists(id))) throw new UserError(`no incident ${id} in ${incidentsDir(this.dataDir)}`);
      return id;
    }
    const active = await this.activeId();
    if (!active) throw new UserError('no active incident: declare one with `warroom incident new --title ...` or pass --incident ID');
    return active;
  }
}
