/**
 * Child processes the benchmarks start: tracked by PID so that every one of them is killed, even
 * when a part fails or the benchmark is interrupted.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { within } from './report';

const live = new Set<ChildProcess>();
let hooked = false;

function hook(): void {
  if (hooked) return;
  hooked = true;
  const killAll = () => {
    for (const c of live) if (c.pid !== undefined) kill(c.pid, 'SIGKILL');
  };
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      killAll();
      process.exit(130);
    });
  }
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
}

export function startTracked(cmd: string, args: string[], opts: SpawnOptions = {}): ChildProcess {
  hook();
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], ...opts });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Resolves with the child's first stdout line; rejects if it exits first or takes too long. */
export function firstLine(child: ChildProcess, what: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    const timer = setTimeout(() => reject(new Error(`${what}: nothing within ${timeoutMs / 1000}s; stderr: ${stderr}`)), timeoutMs);
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${what}: exited (${signal ?? code}) before answering; stderr: ${stderr}`));
    });
  });
}

/** Asks the child to stop (stdin closed, then SIGTERM) and kills it if it does not. */
export async function stopTracked(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid !== undefined && kill(child.pid, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Resident memory of a process, from /proc (Linux). */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

const WARROOM_CLI = path.resolve('dist/cli/warroom.cjs');

/** `warroom web --port 0 ARGS` in its own process with WARROOM_HOME=`home`; resolves once it prints its URL. */
export async function startWarroomWebChild(home: string, args: readonly string[], limitMs: number): Promise<{ child: ChildProcess; url: string }> {
  const child = startTracked(process.execPath, [WARROOM_CLI, 'web', '--port', '0', ...args], { env: { ...process.env, WARROOM_HOME: home } });
  let out = '';
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await within(
    limitMs,
    'warroom web start',
    new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`warroom web exited ${code}: ${out.trim()}`)));
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(out);
        if (m) resolve(m[1] as string);
      });
    }),
  );
  return { child, url };
}
