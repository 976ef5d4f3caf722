/** Spawning real writer processes for the journal tests, and making sure none outlives a test. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { bundle } from '../../fixtures/bundle';


/** Bundles the writer fixture into `dir` and returns its path. */
export async function buildWriter(dir: string): Promise<string> {
  return bundle(path.join(__dirname, 'fixtures/writer.ts'), path.join(dir, 'writer.cjs'));
}

export interface Writer {
  child: ChildProcess;
  /** seq → text of every event the writer reported durable. */
  acked: Map<number, string>;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const live = new Set<ChildProcess>();

export function startWriter(script: string, file: string, name: string, count = 0, window = 32, checkpointEvery?: number): Writer {
  const args = [script, file, name, String(count), String(window), ...(checkpointEvery === undefined ? [] : [String(checkpointEvery)])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  const acked = new Map<number, string>();
  let partial = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    partial += chunk;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const m = /^ack (\d+) (.+)$/.exec(line);
      if (m) acked.set(Number(m[1]), m[2] as string);
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    // 'close' (not 'exit') so every byte the writer got out before it died has been read.
    child.on('close', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
  return { child, acked, stderr: () => err, exited };
}

/** Kills, by pid, every writer still running: tests call it in afterEach, so failures leave nothing behind. */
export function killAllWriters(): void {
  for (const child of live) {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
