/** Shared pieces for the practice-fleet tests: temp data dirs, OpenSSH runs, ssh2 sessions. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { Client, utils, type ClientChannel } from 'ssh2';
import type { ResolvedHost } from '../../../electron/fleet/types';

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-practice-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const children = new Set<ChildProcess>();

/** Kills (by PID) every OpenSSH client a test left running. */
export function killStrayChildren(): void {
  for (const c of children) {
    if (c.pid !== undefined && c.exitCode === null && c.signalCode === null) process.kill(c.pid, 'SIGKILL');
  }
  children.clear();
}

export interface ProcResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program without blocking the event loop (the servers live in this process). */
export function run(cmd: string, args: string[], timeoutMs = 20_000): Promise<ProcResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

/** OpenSSH with nothing from the user's own config: the practice files only. */
export function openssh(host: ResolvedHost, opts: { identity: string; knownHosts: string; user?: string }, command: string): Promise<ProcResult> {
  return run('ssh', [
    '-F', '/dev/null',
    '-i', opts.identity,
    '-o', 'IdentitiesOnly=yes',
    '-o', 'IdentityAgent=none',
    '-o', `UserKnownHostsFile=${opts.knownHosts}`,
    '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'StrictHostKeyChecking=yes',
    '-o', 'BatchMode=yes',
    '-o', 'ConnectTimeout=10',
    '-p', String(host.port),
    `${opts.user ?? host.user}@${host.hostname}`,
    command,
  ]);
}

/** The host key a known_hosts file records for [address]:port, as ssh2 sees keys (raw SSH wire form). */
export function knownKey(knownHostsPath: string, host: ResolvedHost): Buffer | undefined {
  const name = `[${host.hostname}]:${host.port}`;
  for (const line of readFileSync(knownHostsPath, 'utf8').split('\n')) {
    const [names, , b64] = line.split(' ');
    if (names?.split(',').includes(name) && b64) return Buffer.from(b64, 'base64');
  }
  return undefined;
}

/** Connects with ssh2, checking the host key against the practice known_hosts, and the client key. */
export function connect(host: ResolvedHost, knownHostsPath: string, privateKey: string | Buffer, username = host.user): Promise<Client> {
  const expected = knownKey(knownHostsPath, host);
  return new Promise((resolve, reject) => {
    const c = new Client();
    c.once('ready', () => {
      c.setNoDelay(true);
      resolve(c);
    });
    c.once('error', reject);
    // Our own socket, so Nagle is off from the first handshake packet (ssh2 leaves it on).
    const sock = createConnection({ host: host.hostname, port: host.port, noDelay: true });
    sock.on('error', reject);
    c.connect({
      sock,
      username,
      privateKey,
      readyTimeout: 20_000,
      hostVerifier: (key: Buffer) => expected !== undefined && key.equals(expected),
    });
  });
}

export function exec(c: Client, command: string): Promise<ProcResult> {
  return new Promise((resolve, reject) => {
    c.exec(command, (err, stream) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      const out = new StringDecoder('utf8');
      const errDec = new StringDecoder('utf8');
      stream.on('data', (d: Buffer) => (stdout += out.write(d)));
      stream.stderr.on('data', (d: Buffer) => (stderr += errDec.write(d)));
      stream.on('exit', (n: number | null) => (code = n));
      stream.on('close', () => resolve({ code, stdout, stderr }));
    });
  });
}

/** A pty shell whose output is decoded as it arrives, with a way to wait for text to appear. */
export class ShellSession {
  text = '';
  closed = false;
  exitCode: number | null = null;
  private readonly decoder = new StringDecoder('utf8');
  private waiters: Array<() => void> = [];

  constructor(readonly stream: ClientChannel) {
    stream.on('data', (d: Buffer) => {
      this.text += this.decoder.write(d);
      this.wake();
    });
    stream.on('exit', (code: number | null) => (this.exitCode = code));
    stream.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  static open(c: Client, size = { cols: 100, rows: 30 }): Promise<ShellSession> {
    return new Promise((resolve, reject) => {
      c.shell({ term: 'xterm-256color', cols: size.cols, rows: size.rows }, (err, stream) => (err ? reject(err) : resolve(new ShellSession(stream))));
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves with the text after `from` once `pattern` matches it; rejects after timeoutMs. */
  async waitFor(pattern: RegExp | string, from = 0, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = this.text.slice(from);
      if (typeof pattern === 'string' ? seen.includes(pattern) : pattern.test(seen)) return seen;
      if (this.closed) throw new Error(`shell closed before ${String(pattern)} appeared; got ${JSON.stringify(seen)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${String(pattern)}; got ${JSON.stringify(seen)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Types a command line and waits for the next prompt; returns what came between. */
  async command(line: string, prompt: string): Promise<string> {
    const from = this.text.length;
    this.stream.write(`${line}\r`);
    const seen = await this.waitFor(new RegExp(`\\r\\n[^]*${escapeRe(prompt)}$`), from);
    return seen;
  }

  async waitClosed(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`shell did not close; got ${JSON.stringify(this.text.slice(-300))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function otherKey(): string {
  return utils.generateKeyPairSync('ed25519').private;
}

export function end(c: Client): Promise<void> {
  return new Promise((resolve) => {
    c.once('close', () => resolve());
    c.end();
  });
}
