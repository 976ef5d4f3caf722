/**
 * What lies inside Warroom's data folder. Services (incident/, export/, ...) and the composers that
 * start them must agree on it, so it is decided here, below both; app/paths.ts decides where the
 * folder itself is.
 */
import path from 'node:path';
import { IncidentId } from '../../shared/model/incident';

export function incidentsDir(dataDir: string): string {
  return path.join(dataDir, 'incidents');
}

/** The folder of one incident. The id is checked so it can never climb out of the data dir. */
export function incidentDir(dataDir: string, id: string): string {
  const parsed = IncidentId.safeParse(id);
  if (!parsed.success || id === '.' || id === '..') throw new Error(`invalid incident id ${JSON.stringify(id)}: letters, digits, dot, dash or underscore`);
  return path.join(incidentsDir(dataDir), id);
}

export function journalFile(dataDir: string, id: string): string {
  return path.join(incidentDir(dataDir, id), 'journal.jsonl');
}

export function exportsDir(dataDir: string, id: string): string {
  return path.join(incidentDir(dataDir, id), 'exports');
}

/** The write-up bytes each approval covered, kept so publishing writes exactly what was approved. */
export function approvalsDir(dataDir: string, id: string): string {
  return path.join(incidentDir(dataDir, id), 'approvals');
}

export function recordingsDir(dataDir: string, id: string): string {
  return path.join(incidentDir(dataDir, id), 'recordings');
}

/** The hosts file: YAML, group name to host patterns. */
export function groupsFile(dataDir: string): string {
  return path.join(dataDir, 'hosts.yaml');
}

/** Holds the id of the active incident, shared by the app and `warroom log`. */
export function activeIncidentFile(dataDir: string): string {
  return path.join(dataDir, 'active-incident');
}
