/**
 * The incidents on disk: listing, reading by id (read-only, verified) and the active-incident
 * pointer shared by the app and the CLI.
 */
import { promises as fs } from 'node:fs';
import type { Incident, JournalEvent } from '../../shared/model/incident';
import { activeIncidentFile, incidentDir, incidentsDir, journalFile } from '../core/data-layout';
import { EMPTY_HEAD, scanJournal } from '../journal/scan';
import { ownPrivateDir, writeFileAtomic } from '../journal/files';
import { errnoCode } from '../journal/errors';
import { UserError } from '../core/errors';
import { foldIncident } from './fold';

export interface IncidentRecord {
  incident: Incident;
  events: JournalEvent[];
  /** Bytes of a torn last line that were ignored (not modified: reading never writes). */
  tornBytes: number;
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
    const { events, tail } = scanJournal(buf, file, EMPTY_HEAD);
    const incident = foldIncident(events);
    if (!incident) throw new UserError(`${file}: the journal has no incident.declared event`);
    return { incident, events, tornBytes: tail.length };
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
