/**
 * `warroom hosts [--ssh-config F] [--inventory F]... [--json] [TARGET...]`: the hosts Warroom would
 * connect to, resolved as ssh would. Bad lines in any input are errors (stderr, non-zero exit), because
 * ssh itself refuses to run with them; lesser problems are printed as warnings.
 */
import type { Command } from 'commander';
import type { z } from 'zod';
import { Host } from '../../shared/model/host';
import { resolveCliTargets } from './targets';
import type { ResolvedHost } from '../fleet/types';
import { collect, EXIT_OK, type ExitCode, type RunCommand } from './command';
import type { CliDeps } from './deps';

/** What `--json` prints per host: the contract's Host without where it came from. */
export const HostJson = Host.omit({ source: true });
export type HostJson = z.infer<typeof HostJson>;

export function hostJson(h: ResolvedHost): HostJson {
  return HostJson.parse(h);
}

export function formatHostTable(hosts: ResolvedHost[]): string {
  const head = ['ALIAS', 'HOSTNAME', 'PORT', 'USER', 'PROXYJUMP', 'GROUPS'];
  const rows = hosts.map((h) => [h.alias, h.hostname, String(h.port), h.user, h.proxyJump.join(',') || '-', h.groups.join(',') || '-']);
  const widths = head.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

interface HostsArgs {
  targets: string[];
  sshConfig?: string;
  inventory: string[];
  groups?: string;
  json?: boolean;
}

export function registerHostsCommand(program: Command, run: RunCommand): void {
  program
    .command('hosts')
    .description('print the hosts that TARGETs name (@group, range such as web[01-03], alias, !exclusion), resolved as ssh -G would')
    .argument('[targets...]', 'targets; none means every known host')
    .option('--ssh-config <file>', 'ssh config to read (default ~/.ssh/config)')
    .option('--inventory <file>', 'Ansible inventory, INI or YAML; repeatable', collect, [])
    .option('--groups <file>', 'Warroom groups file (default: hosts groups file in the data directory)')
    .option('--json', 'print a JSON array of {alias, hostname, port, user, groups, proxyJump, identityFiles}')
    .action((targets: string[], o: Omit<HostsArgs, 'targets'>) => run(hosts, { targets, ...o }));
}

export async function hosts({ targets, ...o }: HostsArgs, deps: CliDeps): Promise<ExitCode> {
  const { hosts: found, sshConfigFile } = resolveCliTargets(o, deps, targets);
  if (o.json) {
    deps.stdout.write(JSON.stringify(found.map(hostJson), null, 2) + '\n');
    return EXIT_OK;
  }
  deps.stdout.write(formatHostTable(found));
  if (found.length === 0) deps.stderr.write(`warroom: no hosts (ssh config ${sshConfigFile}${o.inventory.length ? `, inventories ${o.inventory.join(', ')}` : ''})\n`);
  return EXIT_OK;
}
