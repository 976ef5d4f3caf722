/** The file tree and the disk: ls, cat, df, du, and the ways to free space (rm, truncate). */
import { lsTime } from '../../host/clock';
import type { PracticeHost } from '../../host/model';
import { fail, human, joinLines, ok, resolvePath, type Command, type Invocation } from '../types';

/** Splits `-lh`-style flags from operands; `--` ends the flags. */
export function flagsAndOperands(args: readonly string[]): { flags: Set<string>; long: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const long = new Set<string>();
  const operands: string[] = [];
  let done = false;
  for (const a of args) {
    if (done || !a.startsWith('-') || a === '-') operands.push(a);
    else if (a === '--') done = true;
    else if (a.startsWith('--')) long.add(a.slice(2));
    else for (const ch of a.slice(1)) flags.add(ch);
  }
  return { flags, long, operands };
}

const BLOCK = 4096;
const blocks = (bytes: number): number => Math.ceil(bytes / BLOCK) * BLOCK;

function diskUsage(host: PracticeHost, path: string): number {
  const f = host.files.get(path);
  if (f) return blocks(f.size);
  let total = BLOCK;
  for (const [, file] of host.filesUnder(path)) total += blocks(file.size);
  for (const d of host.dirs) if (d.startsWith(`${path}/`)) total += BLOCK;
  return total;
}

interface LsEntry {
  mode: string;
  links: number;
  owner: string;
  group: string;
  size: number;
  mtime: number;
  name: string;
}

function lsEntry(host: PracticeHost, path: string, name: string): LsEntry {
  const f = host.files.get(path);
  const [owner, group] = path.startsWith('/home/sre') ? ['sre', 'sre'] : path.includes('/nginx') ? ['www-data', 'adm'] : path.includes('/checkout') ? ['checkout', 'checkout'] : ['root', 'root'];
  if (!f) return { mode: 'drwxr-xr-x', links: 2 + host.children(path).filter((c) => host.dirs.has(resolvePath(path, c))).length, owner, group, size: BLOCK, mtime: host.bootAt, name };
  return { mode: path.startsWith('/var/log') ? '-rw-r-----' : '-rw-r--r--', links: 1, owner, group, size: f.size, mtime: f.mtime, name };
}

/** ls -l's columns, each as wide as its widest cell. */
function longListing(entries: LsEntry[], hum: boolean): string[] {
  const size = (e: LsEntry): string => (hum ? human(e.size) : String(e.size));
  const w = (get: (e: LsEntry) => string): number => Math.max(0, ...entries.map((e) => get(e).length));
  const [wl, wo, wg, ws] = [w((e) => String(e.links)), w((e) => e.owner), w((e) => e.group), w(size)];
  return entries.map((e) => `${e.mode} ${String(e.links).padStart(wl)} ${e.owner.padEnd(wo)} ${e.group.padEnd(wg)} ${size(e).padStart(ws)} ${lsTime(e.mtime)} ${e.name}`);
}

const ls: Command = ({ args, host, env }) => {
  const { flags, operands } = flagsAndOperands(args);
  const long = flags.has('l');
  const hum = flags.has('h');
  const all = flags.has('a');
  const targets = operands.length ? operands : ['.'];
  const out: string[] = [];
  const errs: string[] = [];
  targets.forEach((t, idx) => {
    const abs = resolvePath(env.cwd, t);
    if (host.files.has(abs)) {
      out.push(long ? (longListing([lsEntry(host, abs, t)], hum)[0] as string) : t);
      return;
    }
    if (!host.dirs.has(abs)) {
      errs.push(`ls: cannot access '${t}': No such file or directory`);
      return;
    }
    if (targets.length > 1) out.push(`${idx > 0 ? '\n' : ''}${t}:`);
    let names = host.children(abs);
    if (all) names = ['.', '..', ...names];
    if (long) {
      const entries = names.map((name) => lsEntry(host, resolvePath(abs, name), name));
      // "total" counts the listed entries' own blocks (a directory is one block, not its contents).
      const kib = entries.reduce((n, e) => n + blocks(e.size) / 1024, 0);
      out.push(`total ${hum ? human(kib * 1024) : kib}`);
      out.push(...longListing(entries, hum));
    } else if (names.length) {
      out.push(names.join('  '));
    }
  });
  return { out: joinLines(out), err: joinLines(errs), code: errs.length ? 2 : 0 };
};

const cat: Command = ({ args, host, env, stdin, name }) => {
  const { operands } = flagsAndOperands(args);
  if (operands.length === 0) return ok(stdin ?? '');
  let out = '';
  let err = '';
  for (const p of operands) {
    const abs = resolvePath(env.cwd, p);
    const text = host.readLines(abs);
    if (text) out += joinLines(text);
    else err += host.dirs.has(abs) ? `${name}: ${p}: Is a directory\n` : `${name}: ${p}: No such file or directory\n`;
  }
  return { out, err, code: err ? 1 : 0 };
};

const df: Command = ({ args, host }) => {
  const { flags, operands } = flagsAndOperands(args);
  const hum = flags.has('h') || flags.has('H');
  const size = (bytes: number): string => (hum ? human(bytes) : String(Math.ceil(bytes / 1024)));
  const rootSize = host.diskBytes;
  const used = host.usedBytes();
  const avail = host.availBytes();
  const pct = (u: number, a: number): string => `${u + a === 0 ? 0 : Math.ceil((u / (u + a)) * 100)}%`;
  const memBytes = host.memory.totalMiB * 1024 * 1024;
  type Row = [string, number, number, number, string];
  const rows: Row[] = [
    ['udev', memBytes / 2, 0, memBytes / 2, '/dev'],
    ['tmpfs', memBytes / 10, 1204 * 1024, memBytes / 10 - 1204 * 1024, '/run'],
    ['/dev/vda1', rootSize, used, avail, '/'],
    ['tmpfs', memBytes / 2, 0, memBytes / 2, '/dev/shm'],
    ['tmpfs', 5 * 1024 * 1024, 0, 5 * 1024 * 1024, '/run/lock'],
    ['/dev/vda15', 124 * 1024 * 1024, 12 * 1024 * 1024, 112 * 1024 * 1024, '/boot/efi'],
  ];
  let shown = rows;
  if (operands.length) {
    // Every path here lives on /, except the few mount points listed.
    shown = operands.map((o) => rows.find((r) => r[4] === o) ?? (rows[2] as Row));
  }
  const header = hum ? 'Filesystem      Size  Used Avail Use% Mounted on' : 'Filesystem     1K-blocks     Used Available Use% Mounted on';
  const body = shown.map(([fs, s, u, a, m]) => (hum
    ? `${fs.padEnd(15)} ${size(s).padStart(4)}  ${size(u).padStart(4)}  ${size(a).padStart(4)} ${pct(u, a).padStart(4)} ${m}`
    : `${fs.padEnd(14)} ${size(s).padStart(10)} ${size(u).padStart(8)} ${size(a).padStart(9)} ${pct(u, a).padStart(4)} ${m}`));
  return ok(joinLines([header, ...body]));
};

const du: Command = ({ args, host, env }) => {
  const { flags, operands } = flagsAndOperands(args);
  const hum = flags.has('h');
  const targets = operands.length ? operands : ['.'];
  const out: string[] = [];
  const errs: string[] = [];
  let total = 0;
  for (const t of targets) {
    const abs = resolvePath(env.cwd, t);
    if (!host.files.has(abs) && !host.dirs.has(abs)) {
      errs.push(`du: cannot access '${t}': No such file or directory`);
      continue;
    }
    const bytes = diskUsage(host, abs);
    total += bytes;
    out.push(`${hum ? human(bytes) : Math.ceil(bytes / 1024)}\t${t}`);
  }
  if (flags.has('c')) out.push(`${hum ? human(total) : Math.ceil(total / 1024)}\ttotal`);
  return { out: joinLines(out), err: joinLines(errs), code: errs.length ? 1 : 0 };
};

/** Deleting a log frees its space at once: the simulated writers reopen their files. */
const rm: Command = ({ args, host, env }) => {
  const { flags, operands } = flagsAndOperands(args);
  if (operands.length === 0) return fail("rm: missing operand\nTry 'rm --help' for more information.\n");
  const errs: string[] = [];
  for (const t of operands) {
    const abs = resolvePath(env.cwd, t);
    if (host.files.has(abs)) {
      host.files.delete(abs);
    } else if (host.dirs.has(abs)) {
      if (!flags.has('r') && !flags.has('R')) {
        errs.push(`rm: cannot remove '${t}': Is a directory`);
        continue;
      }
      if (abs === '/' || abs.split('/').length < 3) {
        errs.push(`rm: refusing to remove '${t}' in the practice shell: it would take the host with it`);
        continue;
      }
      for (const [p] of host.filesUnder(abs)) host.files.delete(p);
      for (const d of [...host.dirs]) if (d === abs || d.startsWith(`${abs}/`)) host.dirs.delete(d);
    } else if (!flags.has('f')) {
      errs.push(`rm: cannot remove '${t}': No such file or directory`);
    }
  }
  return { out: '', err: joinLines(errs), code: errs.length ? 1 : 0 };
};

function parseSize(text: string): number | null {
  const m = /^([0-9]+(?:\.[0-9]+)?)([KMGT]?)(i?B)?$/i.exec(text);
  if (!m) return null;
  const mult = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 }[(m[2] ?? '').toUpperCase() as '' | 'K' | 'M' | 'G' | 'T'];
  return Math.floor(Number(m[1]) * mult);
}

const truncate: Command = ({ args, host, env }: Invocation) => {
  let size: number | null = null;
  const files: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] as string;
    if (a === '-s' || a === '--size') size = parseSize(args[++i] ?? '');
    else if (a.startsWith('--size=')) size = parseSize(a.slice(7));
    else if (a.startsWith('-s')) size = parseSize(a.slice(2));
    else files.push(a);
  }
  if (size === null) return fail("truncate: you must specify either '--size' or '--reference'\nTry 'truncate --help' for more information.\n");
  if (files.length === 0) return fail("truncate: missing file operand\nTry 'truncate --help' for more information.\n");
  for (const t of files) {
    const abs = resolvePath(env.cwd, t);
    const f = host.files.get(abs);
    if (!f) {
      if (host.dirs.has(abs.slice(0, abs.lastIndexOf('/')) || '/')) host.addFile(abs, { size, mtime: Date.now(), lines: [] });
      else return fail(`truncate: cannot open '${t}' for writing: No such file or directory\n`);
      continue;
    }
    if (size < f.size) {
      f.lines = size === 0 ? [] : host.readLines(abs);
    }
    f.size = size;
    f.mtime = Date.now();
  }
  return ok();
};

export const fileCommands: Record<string, Command> = {
  ls,
  ll: (inv) => ls({ ...inv, args: ['-l', ...inv.args] }),
  cat,
  less: cat,
  more: cat,
  df,
  du,
  rm,
  truncate,
  touch: ({ args, host, env }) => {
    for (const t of flagsAndOperands(args).operands) {
      const abs = resolvePath(env.cwd, t);
      const f = host.files.get(abs);
      if (f) f.mtime = Date.now();
      else if (host.dirs.has(abs.slice(0, abs.lastIndexOf('/')) || '/')) host.addFile(abs, { size: 0, mtime: Date.now(), lines: [] });
      else return fail(`touch: cannot touch '${t}': No such file or directory\n`);
    }
    return ok();
  },
  mkdir: ({ args, host, env }) => {
    for (const t of flagsAndOperands(args).operands) host.addDir(resolvePath(env.cwd, t));
    return ok();
  },
};

export { parseSize };
