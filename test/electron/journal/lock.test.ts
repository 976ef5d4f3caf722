import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { acquireLock, cleanLockLitter, LockTimeoutError } from '../../../electron/journal/lock';
import { tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
let lockFile: string;
const sleepers: number[] = [];
beforeEach(() => {
  ({ dir, cleanup } = tempDir('warroom-lock-'));
  lockFile = path.join(dir, 'journal.jsonl.lock');
});
afterEach(() => {
  for (const pid of sleepers.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  cleanup();
});

function holder(pid: number): void {
  writeFileSync(lockFile, JSON.stringify({ pid, host: hostname(), token: 'feedface', at: new Date().toISOString() }));
}

async function sleeper(): Promise<{ pid: number; exited: Promise<void> }> {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  await new Promise((r) => child.once('spawn', r));
  sleepers.push(child.pid as number);
  return { pid: child.pid as number, exited: new Promise((r) => child.once('close', () => r())) };
}

describe('journal lock', () => {
  it('is exclusive within a process and released for the next taker', async () => {
    const first = await acquireLock(lockFile);
    let second = false;
    const waiting = acquireLock(lockFile).then((l) => ((second = true), l));
    await new Promise((r) => setTimeout(r, 50));
    expect(second).toBe(false);
    await first.release();
    const l2 = await waiting;
    await l2.release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('knows when its lock was replaced under it', async () => {
    const l = await acquireLock(lockFile);
    expect(await l.stillHeld()).toBe(true);
    holder(process.pid);
    expect(await l.stillHeld()).toBe(false);
    // Releasing must not remove the lock that is not ours.
    await l.release();
    expect(existsSync(lockFile)).toBe(true);
  });

  it('waits for a live holder and then gives up naming its pid', async () => {
    const { pid } = await sleeper();
    holder(pid);
    const err = await acquireLock(lockFile, 300).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockTimeoutError);
    expect((err as Error).message).toMatch(new RegExp(`${lockFile}: the journal is locked by pid ${pid} on `));
  });

  it('breaks the lock of a holder killed with -9', async () => {
    const s = await sleeper();
    holder(s.pid);
    process.kill(s.pid, 'SIGKILL');
    await s.exited;
    const l = await acquireLock(lockFile, 2000);
    await l.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never breaks a lock taken on another host (a shared folder)', async () => {
    writeFileSync(lockFile, JSON.stringify({ pid: 999999, host: 'some-other-host', token: 'x', at: '' }));
    await expect(acquireLock(lockFile, 200)).rejects.toThrow(/locked by pid 999999 on some-other-host/);
  });

  it('cleans up what dead takers left beside the lock, and keeps what live ones hold', async () => {
    const live = await sleeper();
    const dead = await sleeper();
    process.kill(dead.pid, 'SIGKILL');
    await dead.exited;
    writeFileSync(`${lockFile}.${live.pid}.abcdef`, '{}');
    writeFileSync(`${lockFile}.${dead.pid}.abcdef`, '{}');
    writeFileSync(`${lockFile}.stale-${dead.pid}-abcd`, '{}');
    await cleanLockLitter(lockFile);
    expect(readdirSync(dir)).toEqual([`journal.jsonl.lock.${live.pid}.abcdef`]);
  });
});
