/**
 * `warroom hosts [--ssh-config F] [--inventory F]... [--json] [TARGET...]`: the hosts Warroom would
 * connect to, resolved as ssh would. Bad lines in any input are errors (stderr, non-zero exit), because
 * ssh itself refuses to run with them; lesser problems are printed as warnings.
 */
import type { Command } from 'commander';
import { resolveCliTargets, type HostSourceDeps } from './targets';
import type { ResolvedHost } from '../fleet/types';

export interface HostsCommandDeps extends HostSourceDeps {
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
      const { hosts, sshConfigFile } = resolveCliTargets(o, deps, targets, stderr);
      if (o.json) {
        stdout.write(JSON.stringify(hosts.map(hostJson), null, 2) + '\n');
        return;
      }
      stdout.write(formatHostTable(hosts));
      if (hosts.length === 0) stderr.write(`warroom: no hosts (ssh config ${sshConfigFile}${o.inventory.length ? `, inventories ${o.inventory.join(', ')}` : ''})\n`);
    });
}
