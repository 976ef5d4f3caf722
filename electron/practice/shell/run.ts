/**
 * Runs a parsed command line against one simulated host: expansion, globbing, pipes, && and ||,
 * and redirections into the host's in-memory files.
 */
import type { PracticeHost } from '../host/model';
import { expandWord } from './expand';
import { enterRoot, leaveRoot, wantsRootShell } from './identity';
import { parseLine, ShellSyntaxError, type ListItem, type SimpleCommand, type Word } from './parse';
import { resolvePath, lines as splitLines, type Command, type Outcome, type OutputStream, type ShellEnv, type Watch } from './types';

export interface Chunk {
  fd: 1 | 2;
  text: string;
}

/** What a still-running command waits on: its stream to end, a delay, or (neither) an interrupt. */
export interface Pending {
  stream?: OutputStream;
  waitMs?: number;
  /** Live output while following (tail -f as the last command of its pipeline). */
  watch?: Watch;
}

/** A command line that has not finished: the caller drives `pending`, then calls resume() for the rest. */
export interface Blocking extends Pending {
  resume(): LineResult;
}

export interface LineResult {
  chunks: Chunk[];
  code: number;
  /** The shell should end (exit, logout). */
  exit: boolean;
  blocking?: Blocking;
}

/** Stream output read into a pipe, a file or $(...) stops here, where a real pipe would fill up. */
const PIPE_CAP = 1024 * 1024;

function materialize(stream: OutputStream, cap = PIPE_CAP): string {
  let text = '';
  for (let piece = stream.next(); piece !== null && text.length < cap; piece = stream.next()) text += piece;
  return text.slice(0, cap);
}

/** $(...) nests; a runaway recursion must not take the process down. */
const MAX_DEPTH = 8;

export class PracticeShell {
  /** Errors from $(...) expansions, shown before the command that used them. */
  private subErr = '';

  constructor(
    readonly host: PracticeHost,
    readonly env: ShellEnv,
    private readonly commands: ReadonlyMap<string, Command>,
  ) {}

  private errPrefix(): string {
    return this.env.interactive ? '-bash: ' : 'bash: line 1: ';
  }

  run(line: string, depth = 0): LineResult {
    let items;
    try {
      items = parseLine(line);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      this.env.status = 2;
      return { chunks: [{ fd: 2, text: `${this.errPrefix()}${e.message}\n` }], code: 2, exit: false };
    }
    return this.runItems(items, 0, depth, false, this.env.status);
  }

  private runItems(items: ListItem[], from: number, depth: number, skipFirst: boolean, lastCode: number): LineResult {
    const chunks: Chunk[] = [];
    let code = lastCode;
    let skip = skipFirst;
    for (let i = from; i < items.length; i += 1) {
      const item = items[i] as ListItem;
      if (!skip) {
        const r = this.runPipeline(item.pipeline, chunks, depth);
        code = r.code;
        this.env.status = code;
        if (r.exit) return { chunks, code, exit: true };
        if (r.pending) {
          const next = item.next;
          return {
            chunks,
            code,
            exit: false,
            blocking: {
              ...r.pending,
              resume: () => {
                this.env.status = 0;
                return this.runItems(items, i + 1, depth, next === '||', 0);
              },
            },
          };
        }
      }
      skip = (item.next === '&&' && code !== 0) || (item.next === '||' && code === 0);
    }
    return { chunks, code, exit: false };
  }

  private runPipeline(pipeline: SimpleCommand[], chunks: Chunk[], depth: number): { code: number; exit: boolean; pending?: Pending } {
    let stdin: string | undefined;
    let code = 0;
    let follow = false;
    let pending: Pending | undefined;
    // A pipeline ends when all of its commands have: `sleep 2 | cat` takes two seconds, as in bash.
    let waitMs: number | undefined;
    for (let i = 0; i < pipeline.length; i += 1) {
      const last = i === pipeline.length - 1;
      const r = this.runSimple(pipeline[i] as SimpleCommand, stdin, depth);
      for (const c of r.chunks) {
        if (c.fd === 2 || last) chunks.push(c);
      }
      code = r.code;
      follow ||= r.outcome?.follow === true;
      if (r.outcome?.waitMs !== undefined) waitMs = Math.max(waitMs ?? 0, r.outcome.waitMs);
      if (last) {
        if (r.outcome?.stream) pending = { stream: r.outcome.stream };
        else if (r.outcome?.follow && r.outcome.watch) pending = { watch: r.outcome.watch };
        else if (waitMs !== undefined) pending = { waitMs };
      } else {
        stdin = r.chunks.filter((c) => c.fd === 1).map((c) => c.text).join('') + (r.outcome?.stream ? materialize(r.outcome.stream) : '');
      }
      if (r.exit && pipeline.length === 1) return { code, exit: true };
    }
    if (follow && !pending) pending = {};
    return { code, exit: false, pending };
  }

  private runSimple(cmd: SimpleCommand, stdinIn: string | undefined, depth: number): { chunks: Chunk[]; code: number; exit: boolean; outcome?: Outcome } {
    const argv: string[] = [];
    for (const w of cmd.words) argv.push(...this.expand(w, depth));
    const early: Chunk[] = [];
    if (this.subErr) {
      early.push({ fd: 2, text: this.subErr });
      this.subErr = '';
    }
    let stdin = stdinIn;
    // Assignments with no command set shell variables: FOO=bar
    while (argv.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0] as string)) {
      const a = argv.shift() as string;
      if (argv.length === 0) {
        const eq = a.indexOf('=');
        this.env.vars.set(a.slice(0, eq), a.slice(eq + 1));
      }
    }
    const outputs: Array<{ fd: 1 | 2 | 'both'; path: string; append: boolean }> = [];
    let mergeErr = false;
    for (const r of cmd.redirects) {
      if (r.op === '2>&1') {
        mergeErr = true;
        continue;
      }
      const target = this.expand(r.target, depth);
      if (target.length !== 1) return { chunks: [{ fd: 2, text: `${this.errPrefix()}${target.join(' ') || '""'}: ambiguous redirect\n` }], code: 1, exit: false };
      const path = target[0] as string;
      if (r.op === '<') {
        if (path === '/dev/null') {
          stdin = '';
          continue;
        }
        const text = this.host.readLines(resolvePath(this.env.cwd, path));
        if (!text) return { chunks: [{ fd: 2, text: `${this.errPrefix()}${path}: No such file or directory\n` }], code: 1, exit: false };
        stdin = text.length ? `${text.join('\n')}\n` : '';
      } else {
        outputs.push({ fd: r.op === '&>' ? 'both' : r.op.startsWith('2') ? 2 : 1, path, append: r.op.endsWith('>>') });
      }
    }
    // Redirections open their files before the command runs: `> file` alone truncates it.
    for (const o of outputs) {
      const err = this.openForWrite(o.path, o.append);
      if (err) return { chunks: [{ fd: 2, text: err }], code: 1, exit: false };
    }
    if (argv.length === 0) return { chunks: early, code: 0, exit: false };

    const outcome = this.invoke(argv, stdin, depth);
    let out: Chunk[] = [];
    if (outcome.stream && outputs.some((o) => o.fd !== 2)) {
      // Redirected into a file: the file takes what a pipe would, and the command is done.
      outcome.out += materialize(outcome.stream);
      outcome.stream = undefined;
    }
    if (outcome.out) out.push({ fd: 1, text: outcome.out });
    if (outcome.err) out.push({ fd: mergeErr ? 1 : 2, text: outcome.err });
    for (const o of outputs) {
      const taken = out.filter((c) => o.fd === 'both' || c.fd === o.fd);
      if (taken.length === 0) continue;
      out = out.filter((c) => !taken.includes(c));
      const err = this.writeFile(o.path, taken.map((c) => c.text).join(''));
      if (err) out.push({ fd: 2, text: err });
    }
    return { chunks: [...early, ...out], code: outcome.code, exit: outcome.exit === true, outcome };
  }

  private invoke(argv: string[], stdin: string | undefined, depth: number): Outcome {
    let [name, ...args] = argv as [string, ...string[]];
    if (name === 'sudo') {
      // The practice user may do anything; sudo only has to get out of the way.
      const flags: string[] = [];
      while (args[0]?.startsWith('-')) flags.push(args.shift() as string);
      const shell = this.env.interactive ? wantsRootShell(flags, args) : null;
      if (shell) return enterRoot(this.env, shell.login);
      if (args.length === 0) return { out: '', err: 'usage: sudo -h | -K | -k | -V\nusage: sudo [-AbEHknPS] [-u user] command [arg ...]\n', code: 1 };
      [name, ...args] = args as [string, ...string[]];
    }
    const base = name.replace(/^\/(usr\/)?(s?bin)\//, '');
    if ((base === 'exit' || base === 'logout') && this.env.interactive && leaveRoot(this.env)) return { out: 'logout\n', err: '', code: 0 };
    if (base === 'exit' || base === 'logout') {
      const n = args[0] !== undefined ? Number.parseInt(args[0], 10) : this.env.status;
      return { out: base === 'logout' || this.env.interactive ? 'logout\n' : '', err: '', code: Number.isFinite(n) ? n & 255 : 2, exit: true };
    }
    if (base === 'cd') return this.cd(args);
    if (base === 'bash' || base === 'sh') {
      const c = args.indexOf('-c');
      if (c >= 0 && args[c + 1] !== undefined) return this.sub(args[c + 1] as string, depth);
      return { out: '', err: '', code: 0 };
    }
    const command = this.commands.get(base);
    if (!command) return { out: '', err: `${this.errPrefix()}${name}: command not found\n`, code: 127 };
    return command({ name: base, args, stdin, host: this.host, env: this.env, now: Date.now() });
  }

  private sub(source: string, depth: number): Outcome {
    if (depth >= MAX_DEPTH) return { out: '', err: `${this.errPrefix()}maximum nesting level exceeded\n`, code: 1 };
    const saved = this.env.status;
    const r = this.run(source, depth + 1);
    // $(...) cannot wait: streams are read up to the pipe cap, sleeps and follows return at once.
    for (let b = r.blocking; b; b = r.blocking) {
      if (b.stream) r.chunks.push({ fd: 1, text: materialize(b.stream) });
      r.blocking = undefined;
      const rest = b.resume();
      r.chunks.push(...rest.chunks);
      r.code = rest.code;
      r.blocking = rest.blocking;
    }
    this.env.status = saved;
    return {
      out: r.chunks.filter((c) => c.fd === 1).map((c) => c.text).join(''),
      err: r.chunks.filter((c) => c.fd === 2).map((c) => c.text).join(''),
      code: r.code,
    };
  }

  private cd(args: string[]): Outcome {
    const home = this.env.vars.get('HOME') ?? '/home/sre';
    const target = args[0] === undefined || args[0] === '~' ? home : args[0] === '-' ? (this.env.vars.get('OLDPWD') ?? this.env.cwd) : args[0];
    const path = resolvePath(this.env.cwd, target);
    if (!this.host.dirs.has(path)) {
      const what = this.host.files.has(path) ? 'Not a directory' : 'No such file or directory';
      return { out: '', err: `${this.errPrefix()}cd: ${target}: ${what}\n`, code: 1 };
    }
    this.env.vars.set('OLDPWD', this.env.cwd);
    this.env.cwd = path;
    return { out: args[0] === '-' ? `${path}\n` : '', err: '', code: 0 };
  }

  /** Expands one word into fields: variables, $(...), ~, field splitting and globbing. */
  expand(word: Word, depth: number): string[] {
    return expandWord(word, {
      env: this.env,
      host: this.host,
      substitute: (source) => {
        const r = this.sub(source, depth);
        this.subErr += r.err; // $(...) writes its errors to the terminal, like the shell it runs in
        return r.out;
      },
    });
  }

  private openForWrite(path: string, append: boolean): string | null {
    if (path === '/dev/null' || path === '/dev/stdout' || path === '/dev/stderr') return null;
    const abs = resolvePath(this.env.cwd, path);
    if (this.host.dirs.has(abs)) return `${this.errPrefix()}${path}: Is a directory\n`;
    const parent = abs.slice(0, abs.lastIndexOf('/')) || '/';
    if (!this.host.dirs.has(parent)) return `${this.errPrefix()}${path}: No such file or directory\n`;
    const existing = this.host.files.get(abs);
    if (!existing) this.host.addFile(abs, { size: 0, mtime: Date.now(), lines: [] });
    else if (!append) {
      existing.size = 0;
      existing.lines = [];
      existing.make = undefined;
      existing.mtime = Date.now();
    }
    return null;
  }

  private writeFile(path: string, text: string): string | null {
    if (path === '/dev/null') return null;
    const abs = resolvePath(this.env.cwd, path);
    const f = this.host.files.get(abs);
    if (!f) return null;
    const bytes = Buffer.byteLength(text);
    if (bytes > this.host.availBytes()) return `${this.errPrefix()}echo: write error: No space left on device\n`;
    const existing = this.host.readLines(abs) ?? [];
    const added = splitLines(text);
    existing.push(...added);
    f.size += bytes;
    f.mtime = Date.now();
    // `echo ... >> app.log` in one pane shows in another pane's `tail -f app.log`, as on a real host.
    this.host.wroteLines(abs, added);
    return null;
  }
}
