/**
 * An interactive login on a practice host: a readline-like editor over a pty (echo, backspace,
 * Ctrl-C/U/W/D/L, history on the arrow keys) in front of the practice shell. Without a pty it
 * reads whole lines silently, as bash does when stdin is a pipe. It holds no timers and only the
 * line being typed, so an idle session costs a few small objects.
 */
import { StringDecoder } from 'node:string_decoder';
import type { PracticeHost } from './host/model';
import { PRACTICE_COMMANDS } from './shell/commands/index';
import { PracticeShell, type Chunk } from './shell/run';
import { newEnv } from './shell/types';

export interface TerminalIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The shell has ended (exit, logout, Ctrl-D) with this status. */
  end(code: number): void;
}

const HISTORY_MAX = 50;
const LINE_MAX = 16 * 1024;

export class PracticeTerminal {
  private readonly shell: PracticeShell;
  private readonly decoder = new StringDecoder('utf8');
  private line = '';
  /** 0: plain, 1: after ESC, 2: inside a CSI/SS3 sequence. */
  private esc: 0 | 1 | 2 = 0;
  private escSeq = '';
  private afterCR = false;
  private history: string[] | undefined;
  private historyAt = 0;
  private ended = false;

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
    const cwd = this.shell.env.cwd;
    const shown = cwd === '/home/sre' ? '~' : cwd.startsWith('/home/sre/') ? `~${cwd.slice(9)}` : cwd;
    return `sre@${this.host.hostname}:${shown}$ `;
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
    const r = this.shell.run(command);
    this.emit(r.chunks);
    this.finish(r.code);
  }

  input(data: Buffer | string): void {
    if (this.ended) return;
    const text = typeof data === 'string' ? data : this.decoder.write(data);
    if (this.pty) this.typed(text);
    else this.piped(text);
  }

  /** The client closed its side of the channel. */
  eof(): void {
    if (this.ended) return;
    if (!this.pty && this.line.length > 0) this.runLine(this.line);
    if (!this.ended) this.finish(this.shell.env.status);
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
    const r = this.shell.run(line);
    this.emit(r.chunks);
    if (r.exit) this.finish(r.code);
  }

  private piped(text: string): void {
    this.line += text;
    let nl = this.line.indexOf('\n');
    while (nl >= 0 && !this.ended) {
      const cmd = this.line.slice(0, nl);
      this.line = this.line.slice(nl + 1);
      this.runLine(cmd);
      nl = this.line.indexOf('\n');
    }
  }

  private typed(text: string): void {
    for (const ch of text) {
      if (this.ended) return;
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
          this.historyAt = this.history?.length ?? 0;
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
    const history = this.history;
    if (!history || history.length === 0) return;
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
      this.history ??= [];
      if (this.history[this.history.length - 1] !== line) this.history.push(line);
      if (this.history.length > HISTORY_MAX) this.history.shift();
      this.historyAt = this.history.length;
      this.runLine(line);
    }
    if (!this.ended) this.io.stdout(this.prompt());
  }
}
