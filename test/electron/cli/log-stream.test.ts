/**
 * `tail -f app.log | grep ERROR | warroom log -`: stdin stays open, and each line's seq must come
 * out as soon as it is durable, not when the input ends. Also: kill -9 mid-stream loses nothing
 * that was printed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { IncidentStore } from '../../../electron/incident/store';
import { verifyJournal } from '../../../electron/journal/verify';
import { tempDir } from '../journal/helpers';
import { buildCli, runCli } from './cli';

let dir: string;
let cleanup: () => void;
let cli: string;
let home: string;
const children: ChildProcessWithoutNullStreams[] = [];
const env = () => ({ ...process.env, WARROOM_HOME: home, WARROOM_ACTOR: 'tail' });

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('warroom-logstream-'));
  home = path.join(dir, 'home');
  cli = await buildCli(dir);
  const r = await runCli(cli, ['incident', 'new', '--title', 'stream'], env() as Record<string, string>);
  expect(r.code).toBe(0);
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.pid !== undefined && c.exitCode === null && c.signalCode === null) process.kill(c.pid, 'SIGKILL');
});
afterAll(() => cleanup());

function start(): { child: ChildProcessWithoutNullStreams; next: () => Promise<string>; printed: string[] } {
  const child = spawn(process.execPath, [cli, 'log', '-'], { env: env() });
  children.push(child);
  const printed: string[] = [];
  const waiters: Array<(line: string) => void> = [];
  let buf = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buf += chunk;
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const line of lines) {
      printed.push(line);
      waiters.shift()?.(line);
    }
  });
  let seen = 0;
  const next = () =>
    new Promise<string>((resolve) => {
      if (printed.length > seen) resolve(printed[seen++] as string);
      else waiters.push((line) => ((seen += 1), resolve(line)));
    });
  return { child, next, printed };
}

describe('warroom log - on a live stream', () => {
  it('prints each seq as soon as that line is durable, while stdin stays open', async () => {
    const { child, next } = start();
    const store = new IncidentStore(home);
    const id = (await store.activeId()) as string;
    for (let i = 0; i < 5; i++) {
      child.stdin.write(`ERROR request ${i} failed\n`);
      const seq = Number(await next());
      // Durable means: another reader already finds it in the file.
      const { events } = await store.read(id);
      expect(events.find((e) => e.seq === seq)?.data).toEqual({ text: `ERROR request ${i} failed` });
    }
    child.stdin.end();
    await new Promise((r) => child.on('close', r));
    expect(child.exitCode).toBe(0);
  });

  it('loses nothing it printed when killed with -9 mid-stream', async () => {
    const { child, printed } = start();
    const store = new IncidentStore(home);
    const id = (await store.activeId()) as string;
    for (let i = 0; i < 2000; i++) child.stdin.write(`flood ${i}\n`);
    await new Promise<void>((resolve) => {
      const check = () => (printed.length >= 50 ? resolve() : setTimeout(check, 2));
      check();
    });
    process.kill(child.pid as number, 'SIGKILL');
    await new Promise((r) => child.on('close', r));
    const { events } = await store.read(id);
    const bySeq = new Map(events.map((e) => [e.seq, e]));
    for (const seq of printed.map(Number)) expect(bySeq.get(seq)?.type).toBe('note');
    expect((await verifyJournal(store.journalFile(id))).ok).toBe(true);
  });
});
