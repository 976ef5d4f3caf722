/**
 * `warroom hosts [--ssh-config F] [--inventory F]... [--json] [TARGET...]`: the hosts Warroom would
 * connect to, resolved as ssh would. Bad lines in any input are errors (stderr, non-zero exit), because
 * ssh itself refuses to run with them; lesser problems are printed as warnings.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { groupsFile } from '../app/paths';
import { loadHostCatalog, resolveTargets } from '../fleet/config/index';
import type { ResolvedHost } from '../fleet/types';

export interface HostsCommandDeps {
  /** Default ~/.ssh/config of the user (from the password database, as ssh does). */
  defaultSshConfig?: string;
  /** Default: groups file in the data directory. */
  defaultGroupsFile?: string;
  dataDir?: () => string;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

export interface HostJson {
  alias: string;
  hostname: string;
  port: number;
  user: string;
  proxyJump: string[];
  identityFiles: string[];
  groups: string[];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function hostJson(h: ResolvedHost): HostJson {
  return { alias: h.alias, hostname: h.hostname, port: h.port, user: h.user, proxyJump: [...h.proxyJump], identityFiles: [...h.identityFiles], groups: [...h.groups] };
}

export function formatHostTable(hosts: ResolvedHost[]): string {
  const head = ['ALIAS', 'HOSTNAME', 'PORT', 'USER', 'PROXYJUMP', 'GROUPS'];
  const rows = hosts.map((h) => [h.alias, h.hostname, String(h.port), h.user, h.proxyJump.join(',') || '-', h.groups.join(',') || '-']);
  const widths = head.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

function defaultSshConfig(): string {
  let home: string;
  try {
    home = os.userInfo().homedir;
  } catch {
    home = os.homedir();
  }
  return path.join(home, '.ssh', 'config');
}

export function registerHostsCommand(program: Command, deps: HostsCommandDeps): void {
  program
    .command('hosts')
    .description('print the hosts that TARGETs name (@group, range such as web[01-03], alias, !exclusion), resolved as ssh -G would')
    .argument('[targets...]', 'targets; none means every known host')
    .option('--ssh-config <file>', 'ssh config to read (default ~/.ssh/config)')
    .option('--inventory <file>', 'Ansible inventory, INI or YAML; repeatable', collect, [])
    .option('--groups <file>', 'Warroom groups file (default: hosts groups file in the data directory)')
    .option('--json', 'print a JSON array of {alias, hostname, port, user, proxyJump, identityFiles, groups}')
    .action((targets: string[], o: { sshConfig?: string; inventory: string[]; groups?: string; json?: boolean }) => {
      const stdout = deps.stdout ?? process.stdout;
      const stderr = deps.stderr ?? process.stderr;
      if (o.sshConfig !== undefined && !fs.existsSync(o.sshConfig)) throw new Error(`${o.sshConfig}: no such ssh config file`);
      const sshConfigFile = o.sshConfig ?? deps.defaultSshConfig ?? defaultSshConfig();
      const groups = o.groups ?? deps.defaultGroupsFile ?? (deps.dataDir ? groupsFile(deps.dataDir()) : undefined);
      const catalog = loadHostCatalog({ sshConfigFile, inventories: o.inventory, ...(groups !== undefined ? { groupsFile: groups } : {}) });
      const { hosts, warnings } = resolveTargets(catalog, targets);
      const errors = catalog.errors();
      // main.ts prefixes the message with "warroom: "; give every further line the same prefix.
      if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\nwarroom: '));
      for (const w of warnings) stderr.write(`warroom: warning: ${w}\n`);
      if (o.json) {
        stdout.write(JSON.stringify(hosts.map(hostJson), null, 2) + '\n');
        return;
      }
      stdout.write(formatHostTable(hosts));
      if (hosts.length === 0) stderr.write(`warroom: no hosts (ssh config ${sshConfigFile}${o.inventory.length ? `, inventories ${o.inventory.join(', ')}` : ''})\n`);
    });
}
