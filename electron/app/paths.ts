/**
 * Where Warroom keeps its data. The app, browser mode and the CLI must agree, so this is the only
 * place that decides. WARROOM_HOME overrides everything (tests, portable installs).
 */
import os from 'node:os';
import path from 'node:path';
import { IncidentId } from '../../shared/model/incident';

export const APP_FOLDER = 'Warroom';

/**
 * The platform's per-user application-data folder, named like Electron's app.getPath('userData')
 * for productName "Warroom", so the CLI finds what the desktop app wrote.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  const override = env.WARROOM_HOME?.trim();
  if (override) return path.resolve(override);
  // path.win32/posix so the result is right for `platform` even when computed elsewhere (tests).
  if (platform === 'win32') {
    const appData = env.APPDATA?.trim() || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_FOLDER);
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_FOLDER);
  const config = env.XDG_CONFIG_HOME?.trim();
  // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored; Electron agrees.
  const base = config && path.posix.isAbsolute(config) ? config : path.posix.join(home, '.config');
  return path.posix.join(base, APP_FOLDER);
}

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
