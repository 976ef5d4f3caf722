/** What a practice-shell command sees and returns. Commands are synchronous and pure over the host. */
import type { PracticeHost } from '../host/model';

export interface ShellEnv {
  cwd: string;
  /** $? */
  status: number;
  vars: Map<string, string>;
  cols: number;
  rows: number;
  /** True for a login shell on a pty, false for `ssh host cmd`; changes error prefixes like bash does. */
  interactive: boolean;
  /** Lines entered at the prompt, oldest first (the terminal keeps it short). */
  history: string[];
  /** Set inside a root shell (sudo -i): where to return on exit. */
  root?: { cwd: string };
}

export interface Invocation {
  name: string;
  args: string[];
  /** Piped or redirected input; undefined when reading from the terminal. */
  stdin: string | undefined;
  host: PracticeHost;
  env: ShellEnv;
  now: number;
}

/** Output that keeps coming (`yes`, a long `seq`): pulled in pieces, as fast as the channel drains. */
export interface OutputStream {
  /** The next piece, or null when the command is done. */
  next(): string | null;
}

export type Watch = (emit: (text: string) => void) => () => void;

export interface Outcome {
  out: string;
  err: string;
  code: number;
  /** Set by `exit`/`logout`: the shell ends with `code` after this command. */
  exit?: boolean;
  /** More output follows `out`, piece by piece. */
  stream?: OutputStream;
  /** The command keeps running until interrupted (`tail -f`). */
  follow?: boolean;
  /** While following: starts live output, returns the function that stops it. */
  watch?: Watch;
  /** The command returns after this many milliseconds (`sleep`). */
  waitMs?: number;
}

export type Command = (inv: Invocation) => Outcome;

export const ok = (out = ''): Outcome => ({ out, err: '', code: 0 });
export const fail = (err: string, code = 1): Outcome => ({ out: '', err, code });

export function newEnv(hostname: string, interactive: boolean): ShellEnv {
  const vars = new Map<string, string>([
    ['HOME', '/home/sre'],
    ['USER', 'sre'],
    ['LOGNAME', 'sre'],
    ['SHELL', '/bin/bash'],
    ['HOSTNAME', hostname],
    ['PATH', '/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games'],
    ['LANG', 'C.UTF-8'],
    ['TERM', 'xterm-256color'],
  ]);
  return { cwd: '/home/sre', status: 0, vars, cols: 80, rows: 24, interactive, history: [] };
}

/** Resolves a path the way the kernel would, from the shell's working directory. */
export function resolvePath(cwd: string, path: string): string {
  const raw = path.startsWith('/') ? path : `${cwd}/${path}`;
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}

/** Sizes as coreutils prints them with -h: powers of 1024, rounded up, one decimal below 10. */
export function human(bytes: number): string {
  if (bytes < 1024) return String(bytes);
  const units = ['K', 'M', 'G', 'T', 'P'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  if (v < 10) {
    const r = Math.ceil(v * 10) / 10;
    if (r < 10) return `${r.toFixed(1)}${units[u]}`;
    v = r;
  }
  const r = Math.ceil(v);
  if (r >= 1024 && u < units.length - 1) return `1.0${units[u + 1]}`;
  return `${r}${units[u]}`;
}

/** Splits text into lines, dropping the empty piece after a final newline. */
export function lines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export const joinLines = (ls: readonly string[]): string => (ls.length ? `${ls.join('\n')}\n` : '');
