/**
 * An interactive login on a practice host: a readline-like editor over a pty (echo, backspace,
 * Ctrl-C/U/W/D/L, history on the arrow keys) in front of the practice shell. Without a pty it
 * reads whole lines silently, as bash does when stdin is a pipe. An idle session holds no timer
 * and no buffer beyond the line being typed, so it costs a few small objects.
 */
import { StringDecoder } from 'node:string_decoder';
import type { PracticeHost } from './host/model';
import { PRACTICE_COMMANDS } from './shell/commands/index';
import { PracticeShell, type Blocking, type Chunk, type LineResult } from './shell/run';
import { promptFor } from './shell/identity';
import { newEnv } from './shell/types';

export interface TerminalIo {
  /** Returns false when the channel wants the writer to wait for onDrain. */
  stdout(text: string): boolean;
  onDrain(resume: () => void): void;
  /** Schedules a wake-up (for sleep); returns a cancel function. */
  after(ms: number, wake: () => void): () => void;
  stderr(text: string): void;
  /** The shell has ended (exit, logout, Ctrl-D) with this status. */
  end(code: number): void;
}

const HISTORY_MAX = 50;
const LINE_MAX = 16 * 1024;
const TYPE_AHEAD_MAX = 4096;

export class PracticeTerminal {
  private readonly shell: PracticeShell;
  private readonly decoder = new StringDecoder('utf8');
  private line = '';
  /** 0: plain, 1: after ESC, 2: inside a CSI/SS3 sequence. */
  private esc: 0 | 1 | 2 = 0;
  private escSeq = '';
  private afterCR = false;
  private historyAt = 0;
  private ended = false;
  /** A command still running (yes, tail -f, sleep); typed input only interrupts it. */
  private blocked: Blocking | undefined;
  /** Stops what a blocked command waits on: its sleep timer or its live log subscription. */
  private cancelWait: (() => void) | undefined;
  /** Bumped whenever a blocking command ends, so stale pump callbacks do nothing. */
  private generation = 0;
  /** Running one command for exec: end with its status instead of prompting. */
  private execMode = false;
  /** Keys typed while a command blocked, replayed at the next prompt. */
  private typeAhead = '';
  /** Without a pty: the client closed stdin, so end once the queued lines have run. */
  private eofSeen = false;
  /** Without a pty: guards piped() against re-entry from a line it is running. */
  private processing = false;

  constructor(
    private readonly host: PracticeHost,
    private readonly io: TerminalIo,
    private readonly pty: boolean,
    size: { cols: number; rows: number } = { cols: 80, rows: 24 },
  ) {
    this.shell = new PracticeShell(host, newEnv(host.hostname, pty), PRACTICE_COMMANDS);
    this.resize(size.cols, size.rows);
  }

  resize(cols: number, rows: number): void {
    if (cols > 0) this.shell.env.cols = cols;
    if (rows > 0) this.shell.env.rows = rows;
  }

  prompt(): string {
    return promptFor(this.shell.env, this.host.hostname);
  }

  /** Greets a login shell the way Debian does, then shows the first prompt. */
  start(lastLogin: number): void {
    if (!this.pty) return;
    const when = new Date(lastLogin).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 $4');
    this.out(`Linux ${this.host.hostname} 6.1.0-27-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.115-1 (2024-11-01) x86_64\n\n`
      + "Warroom practice host: nothing here is real. Type 'help', or 'cat RUNBOOK.md' for the drill.\n"
      + `Last login: ${when} from 10.0.9.4\n`);
    this.io.stdout(this.prompt());
  }

  /** Runs one command line for `ssh host CMD` and reports its status. */
  exec(command: string): void {
    this.execMode = true;
    this.shell.env.interactive = false; // bash -c, even on a pty: `bash: line 1:` errors, no prompt
    this.settle(this.shell.run(command));
  }

  /** A signal request from the client (ssh2 `stream.signal('INT')`): interrupts a running command. */
  signal(name: string): void {
    if (this.blocked && ['INT', 'TERM', 'KILL', 'HUP'].includes(name)) this.interrupt(false);
  }

  input(data: Buffer | string): void {
    if (this.ended) return;
    const text = typeof data === 'string' ? data : this.decoder.write(data);
    if (this.pty) this.typed(text);
    else this.piped(text);
  }

  /** The client closed its side of the channel. */
  eof(): void {
    // A command given to exec keeps running after stdin closes, as under sshd (ssh host tail -f).
    if (this.ended || this.execMode || this.pty) return;
    this.eofSeen = true;
    this.piped(this.line.length > 0 ? '\n' : '');
  }

  /** The channel closed under us: stop whatever runs. */
  close(): void {
    this.generation += 1;
    this.cancelWait?.();
    this.blocked = undefined;
    this.ended = true;
  }

  private out(text: string): void {
    this.io.stdout(this.pty ? text.replace(/\n/g, '\r\n') : text);
  }

  private emit(chunks: Chunk[]): void {
    for (const c of chunks) {
      if (c.fd === 1 || this.pty) this.out(c.text);
      else this.io.stderr(c.text);
    }
  }

  private finish(code: number): void {
    if (this.ended) return;
    this.ended = true;
    this.io.end(code);
  }

  private runLine(line: string): void {
    this.settle(this.shell.run(line));
  }

  /** Shows a line's output so far; then ends, waits on what still runs, or asks for the next line. */
  private settle(r: LineResult): void {
    this.emit(r.chunks);
    if (r.exit) {
      this.finish(r.code);
      return;
    }
    if (r.blocking) {
      this.blocked = r.blocking;
      const gen = ++this.generation;
      if (r.blocking.stream) this.pump(gen);
      else if (r.blocking.waitMs !== undefined) this.cancelWait = this.io.after(r.blocking.waitMs, () => this.resume(gen));
      else if (r.blocking.watch) this.cancelWait = r.blocking.watch((text) => this.out(text));
      return;
    }
    this.idle(r.code);
  }

  /** Nothing runs any more: a prompt, the next piped line, or the end of an exec. */
  private idle(code: number): void {
    if (this.execMode) this.finish(code);
    else if (!this.pty) this.piped('');
    else {
      this.io.stdout(this.prompt());
      if (this.typeAhead) {
        const queued = this.typeAhead;
        this.typeAhead = '';
        // Only a command that blocked queues keys, and it ends from a timer, a drain or a signal,
        // never inside typed(): replaying now keeps the keys in order.
        this.typed(queued);
      }
    }
  }

  private resume(gen: number): void {
    const b = this.blocked;
    if (gen !== this.generation || !b || this.ended) return;
    this.blocked = undefined;
    this.cancelWait = undefined;
    this.generation += 1;
    this.settle(b.resume());
  }

  /** Writes a stream while the channel takes it, yielding between bursts so Ctrl-C gets through. */
  private pump(gen: number): void {
    const stream = this.blocked?.stream;
    if (!stream) return;
    for (let burst = 0; burst < 32; burst += 1) {
      if (gen !== this.generation || this.ended) return;
      const piece = stream.next();
      if (piece === null) {
        this.resume(gen);
        return;
      }
      if (!this.io.stdout(this.pty ? piece.replace(/\n/g, '\r\n') : piece)) {
        this.io.onDrain(() => this.pump(gen));
        return;
      }
    }
    setImmediate(() => this.pump(gen));
  }

  /** Ctrl-C or a signal: the running command dies and the rest of its line is dropped, as in bash. */
  private interrupt(echo: boolean): void {
    this.generation += 1;
    this.cancelWait?.();
    this.cancelWait = undefined;
    this.blocked = undefined;
    this.line = '';
    this.shell.env.status = 130;
    if (echo) this.io.stdout('^C\r\n');
    this.idle(130);
  }

  /** Without a pty, input is a script: run each complete line; at EOF, run the rest and end. */
  private piped(text: string): void {
    this.line += text;
    if (this.processing) return; // settle() of a line we are running called back in
    this.processing = true;
    try {
      let nl = this.line.indexOf('\n');
      while (nl >= 0 && !this.ended && !this.blocked) {
        const cmd = this.line.slice(0, nl);
        this.line = this.line.slice(nl + 1);
        this.runLine(cmd);
        nl = this.line.indexOf('\n');
      }
      if (this.eofSeen && !this.ended && !this.blocked) this.finish(this.shell.env.status);
    } finally {
      this.processing = false;
    }
  }

  private typed(text: string): void {
    for (const ch of text) {
      if (this.ended) return;
      if (this.blocked) {
        // Keys typed while a command runs wait for the next prompt, as a tty queues them; Ctrl-C
        // interrupts the command and, like the tty's flush, throws the queue away.
        if (ch === '\x03') {
          this.typeAhead = '';
          this.interrupt(true);
        } else if (this.typeAhead.length < TYPE_AHEAD_MAX) {
          this.typeAhead += ch;
        }
        continue;
      }
      if (this.esc !== 0) {
        this.escape(ch);
        continue;
      }
      const wasCR = this.afterCR;
      this.afterCR = false;
      switch (ch) {
        case '\r':
          this.afterCR = true;
          this.enter();
          break;
        case '\n':
          if (!wasCR) this.enter();
          break;
        case '\x7f':
        case '\b':
          if (this.line.length > 0) {
            this.line = [...this.line].slice(0, -1).join('');
            this.io.stdout('\b \b');
          }
          break;
        case '\x03':
          this.line = '';
          this.historyAt = this.shell.env.history.length;
          this.io.stdout(`^C\r\n${this.prompt()}`);
          this.shell.env.status = 130;
          break;
        case '\x04':
          if (this.line.length === 0) {
            this.io.stdout('logout\r\n');
            this.finish(0);
          }
          break;
        case '\x15':
          this.replaceLine('');
          break;
        case '\x17': {
          const trimmed = this.line.replace(/\S+\s*$/, '');
          this.replaceLine(trimmed);
          break;
        }
        case '\x0c':
          this.io.stdout(`\x1b[H\x1b[2J${this.prompt()}${this.line}`);
          break;
        case '\x1b':
          this.esc = 1;
          break;
        default:
          if (ch >= ' ' && this.line.length < LINE_MAX) {
            this.line += ch;
            this.io.stdout(ch);
          } else if (ch === '\t') {
            this.io.stdout('\x07');
          }
      }
    }
  }

  private escape(ch: string): void {
    if (this.esc === 1) {
      if (ch === '[' || ch === 'O') {
        this.esc = 2;
        this.escSeq = '';
      } else {
        this.esc = 0; // Alt+key: ignored
      }
      return;
    }
    const code = ch.charCodeAt(0);
    if (code >= 0x40 && code <= 0x7e) {
      this.esc = 0;
      if (ch === 'A') this.browse(-1);
      else if (ch === 'B') this.browse(1);
      // Left/right, Home/End, bracketed-paste markers and the rest: not edited here.
    } else if (this.escSeq.length < 16) {
      this.escSeq += ch;
    } else {
      this.esc = 0;
    }
  }

  private browse(step: number): void {
    const history = this.shell.env.history;
    if (history.length === 0) return;
    const at = Math.min(history.length, Math.max(0, this.historyAt + step));
    if (at === this.historyAt) return;
    this.historyAt = at;
    this.replaceLine(history[at] ?? '');
  }

  private replaceLine(text: string): void {
    this.line = text;
    this.io.stdout(`\r\x1b[K${this.prompt()}${text}`);
  }

  private enter(): void {
    const line = this.line;
    this.line = '';
    this.io.stdout('\r\n');
    if (line.trim() !== '') {
      const history = this.shell.env.history;
      if (history[history.length - 1] !== line) history.push(line);
      if (history.length > HISTORY_MAX) history.shift();
      this.historyAt = history.length;
      this.runLine(line);
    } else {
      this.io.stdout(this.prompt());
    }
  }
}
