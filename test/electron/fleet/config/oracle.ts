/** Real OpenSSH and pdsh as oracles: what `ssh -G`, `ssh -v`, `ssh-keygen` and `pdsh` say. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** ssh takes ~ from the password database, so both sides use the real home; tests never write there. */
export const HOME = os.userInfo().homedir;
export const LOCAL_USER = os.userInfo().username;

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `warroom-${prefix}-`));
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
}

export type SshG = { ok: true; values: Map<string, string[]> } | { ok: false; stderr: string };

export function sshG(configFile: string, alias: string): SshG {
  const r = spawnSync('ssh', ['-G', '-F', configFile, '--', alias], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) return { ok: false, stderr: r.stderr };
  const values = new Map<string, string[]>();
  for (const line of r.stdout.split(/\r?\n/)) {
    const sp = line.indexOf(' ');
    if (sp <= 0) continue;
    const k = line.slice(0, sp).toLowerCase();
    values.set(k, [...(values.get(k) ?? []), line.slice(sp + 1)]);
  }
  return { ok: true, values };
}

/**
 * What ssh actually uses once it connects: the expanded proxy command and identity files, read from
 * `ssh -v`. ProxyCommand=true (when the config has none) makes ssh get that far without any network.
 */
export function sshV(configFile: string, alias: string, forceProxy: boolean): { proxyCommand?: string; identityFiles: string[] } {
  const args = ['-v', '-F', configFile, '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=2'];
  if (forceProxy) args.push('-o', 'ProxyCommand=true');
  args.push('--', alias);
  const r = spawnSync('ssh', args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
  const identityFiles: string[] = [];
  let proxyCommand: string | undefined;
  for (const line of r.stderr.split(/\r?\n/)) {
    const pc = /^debug1: Executing proxy command: exec (.*)$/.exec(line);
    if (pc) proxyCommand = pc[1];
    const id = /^debug1: identity file (.*) type -?\d+$/.exec(line);
    if (id?.[1] && !id[1].endsWith('-cert')) identityFiles.push(id[1]);
  }
  const out: { proxyCommand?: string; identityFiles: string[] } = { identityFiles };
  if (proxyCommand !== undefined) out.proxyCommand = proxyCommand;
  return out;
}

export function pdshExpand(range: string): string[] | undefined {
  const r = spawnSync('pdsh', ['-f', '1', '-R', 'exec', '-w', range, 'echo', '%h'], { encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0 || r.stderr.trim() !== '') return undefined;
  return r.stdout.split('\n').filter((l) => l !== '').map((l) => l.slice(l.indexOf(': ') + 2));
}

export function sshKeygen(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync('ssh-keygen', args, { encoding: 'utf8', timeout: 20_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface AnsibleView {
  hosts: Map<string, { hostname?: string; port?: number; user?: string }>;
  groups: Record<string, string[]>;
}

/** `ansible-inventory --list`, flattened the way parseInventory reports it. */
export function ansibleInventory(file: string): AnsibleView | undefined {
  const r = spawnSync('ansible-inventory', ['-i', file, '--list'], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ANSIBLE_LOCALHOST_WARNING: 'false', ANSIBLE_INVENTORY_UNPARSED_FAILED: 'true', ANSIBLE_NOCOLOR: '1' },
  });
  if (r.status !== 0) return undefined;
  const data = JSON.parse(r.stdout) as Record<string, { hosts?: string[]; children?: string[]; hostvars?: Record<string, Record<string, unknown>> }>;
  const hostvars = data._meta?.hostvars ?? {};
  const members = (g: string, seen: Set<string>): string[] => {
    if (seen.has(g)) return [];
    seen.add(g);
    const out = [...(data[g]?.hosts ?? [])];
    for (const c of data[g]?.children ?? []) for (const h of members(c, seen)) if (!out.includes(h)) out.push(h);
    return out;
  };
  const hosts = new Map<string, { hostname?: string; port?: number; user?: string }>();
  for (const h of members('all', new Set())) {
    const v = hostvars[h] ?? {};
    const e: { hostname?: string; port?: number; user?: string } = {};
    if (v.ansible_host !== undefined) e.hostname = String(v.ansible_host);
    if (v.ansible_port !== undefined) e.port = Number(v.ansible_port);
    if (v.ansible_user !== undefined) e.user = String(v.ansible_user);
    hosts.set(h, e);
  }
  const groups: Record<string, string[]> = {};
  for (const g of Object.keys(data)) if (g !== '_meta' && g !== 'all' && g !== 'ungrouped') groups[g] = members(g, new Set());
  return { hosts, groups };
}

/**
 * `ansible-inventory --graph`: every group, the implicit `all` and `ungrouped` included, with its
 * hosts (children's hosts too, as a host under a child is in each group above it).
 */
export function ansibleGraph(file: string): Record<string, string[]> | undefined {
  const r = spawnSync('ansible-inventory', ['-i', file, '--graph'], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ANSIBLE_LOCALHOST_WARNING: 'false', ANSIBLE_INVENTORY_UNPARSED_FAILED: 'true', ANSIBLE_NOCOLOR: '1' },
  });
  if (r.status !== 0) return undefined;
  const groups: Record<string, Set<string>> = {};
  const stack: string[] = [];
  for (const line of r.stdout.split('\n')) {
    // "@all:", "  |--@web:", "  |  |--w1": each level indents the name by 3 more columns.
    const at = line.search(/[^ |-]/);
    if (at < 0) continue;
    const depth = at === 0 ? 0 : (at - 2) / 3;
    const group = line[at] === '@';
    const name = line.slice(group ? at + 1 : at).replace(/:$/, '');
    stack.length = depth;
    if (group) {
      groups[name] ??= new Set();
      stack.push(name);
    } else {
      for (const g of stack) groups[g]?.add(name);
    }
  }
  return Object.fromEntries(Object.entries(groups).map(([g, hosts]) => [g, [...hosts]]));
}

/**
 * `ssh -G` with a home of the test's choosing. ssh takes ~ from the password database, so the real home
 * is covered by a bind mount of `home`, inside a private mount namespace that ends with the process.
 * Returns undefined when this machine cannot make mount namespaces (not root, or forbidden).
 */
export function sshGWithHome(home: string, configFile: string, alias: string): SshG | undefined {
  const r = spawnSync('unshare', ['-m', 'sh', '-c', 'mount --bind "$1" "$2" && exec ssh -G -F "$3" -- "$4"', 'sh', home, HOME, configFile, alias], {
    encoding: 'utf8',
    timeout: 10_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.error || /unshare failed|mount: |Operation not permitted/.test(r.stderr)) return undefined;
  if (r.status !== 0) return { ok: false, stderr: r.stderr };
  const values = new Map<string, string[]>();
  for (const line of r.stdout.split(/\r?\n/)) {
    const sp = line.indexOf(' ');
    if (sp > 0) values.set(line.slice(0, sp).toLowerCase(), [...(values.get(line.slice(0, sp).toLowerCase()) ?? []), line.slice(sp + 1)]);
  }
  return { ok: true, values };
}
