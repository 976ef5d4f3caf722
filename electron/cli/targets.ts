/** What `warroom hosts` and `warroom run` share: where hosts come from, and TARGETs resolved against them. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { groupsFile } from '../core/data-layout';
import { loadHostCatalog, resolveTargets, type WarroomHostCatalog } from '../fleet/config/index';
import type { ResolvedHost } from '../fleet/types';
import { dataDir, type CliDeps } from './deps';

export interface HostSourceFlags {
  sshConfig?: string;
  inventory: string[];
  groups?: string;
}

/** ~/.ssh/config of the user, with the home directory taken from the password database as ssh does. */
export function defaultSshConfig(): string {
  let home: string;
  try {
    home = os.userInfo().homedir;
  } catch {
    home = os.homedir();
  }
  return path.join(home, '.ssh', 'config');
}

/**
 * Loads the catalog the flags name and resolves TARGETs in it. Config errors throw, one per line
 * (main.ts prefixes the first with "warroom: ", so later lines get the same prefix); warnings go to
 * stderr. Without flags: the user's ~/.ssh/config and the groups file in the data directory.
 */
export function resolveCliTargets(
  flags: HostSourceFlags,
  deps: CliDeps,
  targets: string[],
): { catalog: WarroomHostCatalog; hosts: ResolvedHost[]; sshConfigFile: string } {
  if (flags.sshConfig !== undefined && !fs.existsSync(flags.sshConfig)) throw new Error(`${flags.sshConfig}: no such ssh config file`);
  const sshConfigFile = flags.sshConfig ?? defaultSshConfig();
  const catalog = loadHostCatalog({ sshConfigFile, inventories: flags.inventory, groupsFile: flags.groups ?? groupsFile(dataDir(deps)) });
  const { hosts, warnings } = resolveTargets(catalog, targets);
  const errors = catalog.errors();
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\nwarroom: '));
  for (const w of warnings) deps.stderr.write(`warroom: warning: ${w}\n`);
  return { catalog, hosts, sshConfigFile };
}
