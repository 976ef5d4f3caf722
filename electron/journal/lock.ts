/**
 * A cross-process lock beside the journal (`journal.jsonl.lock`). Node has no flock without native
 * code, so the lock is a file created atomically with link(2): the owner's record is written to a
 * private temp file first and linked into place, so the lock never exists half-written. A lock
 * whose owner process is gone (kill -9) is stale and is broken by renaming it aside first, so two
 * breakers cannot both win.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { PRIVATE_FILE } from './files';

interface LockOwner {
  pid: number;
  host: string;
  token: string;
  at: string;
}

/** Tokens of the locks this process holds: a lock with our pid but an unknown token is stale (pid reuse). */
const heldHere = new Set<string>();

export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
}

export interface HeldLock {
  release(): Promise<void>;
  /** Whether the lock file still names us (a stale-breaker racing another may have replaced it). */
  stillHeld(): Promise<boolean>;
}

export async function acquireLock(lockFile: string, timeoutMs = 15_000): Promise<HeldLock> {
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex'), at: new Date().toISOString() };
  const temp = `${lockFile}.${owner.pid}.${owner.token}`;
  await fs.writeFile(temp, JSON.stringify(owner), { mode: PRIVATE_FILE });
  const deadline = Date.now() + timeoutMs;
  let wait = 1;
  try {
    for (;;) {
      try {
        await fs.link(temp, lockFile);
        heldHere.add(owner.token);
        return {
          release: () => release(lockFile, owner.token),
          stillHeld: async () => {
            const current = await readOwner(lockFile);
            return current !== 'gone' && current?.token === owner.token;
          },
        };
      } catch (err) {
        if (code(err) !== 'EEXIST') throw err;
      }
      const current = await readOwner(lockFile);
      if (current !== 'gone' && isStale(current)) await breakStale(lockFile, current);
      else if (current !== 'gone') {
        if (Date.now() > deadline) {
          const who = current ? `pid ${current.pid} on ${current.host}` : 'an unknown process';
          throw new LockTimeoutError(`${lockFile}: the journal is locked by ${who}; gave up after ${timeoutMs} ms`);
        }
        await sleep(wait);
        wait = Math.min(wait * 2, 25);
      }
    }
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/**
 * Removes what killed lock takers leave behind (their private temp files and set-aside stale
 * locks), judged by whether the pid in the name still runs. Best effort: never fails an open.
 */
export async function cleanLockLitter(lockFile: string): Promise<void> {
  const dir = path.dirname(lockFile);
  const base = path.basename(lockFile);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(`${base}.`)) continue;
    const m = /^(?:(\d+)\.[0-9a-f]+|stale-(\d+)-[0-9a-f]+)$/.exec(name.slice(base.length + 1));
    const pid = Number(m?.[1] ?? m?.[2]);
    if (!m || pid === process.pid || isAlive(pid)) continue;
    await fs.rm(path.join(dir, name), { force: true }).catch(() => undefined);
  }
}

async function release(lockFile: string, token: string): Promise<void> {
  heldHere.delete(token);
  const current = await readOwner(lockFile);
  // Only remove the lock if it is still ours: a stale-breaker may have replaced it.
  if (current !== 'gone' && current?.token === token) await fs.rm(lockFile, { force: true });
}

/** The lock's owner, null if unreadable, 'gone' if there is no lock. */
async function readOwner(lockFile: string): Promise<LockOwner | null | 'gone'> {
  let text: string;
  try {
    text = await fs.readFile(lockFile, 'utf8');
  } catch (err) {
    if (code(err) === 'ENOENT') return 'gone';
    throw err;
  }
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
    if (typeof v.pid === 'number' && typeof v.token === 'string' && typeof v.host === 'string') {
      return { pid: v.pid, token: v.token, host: v.host, at: String(v.at) };
    }
  } catch {
    // fall through: an unreadable lock is judged by age below
  }
  return null;
}

function isStale(owner: LockOwner | null): boolean {
  // A lock file is always complete (it is linked into place), so an unreadable one was not ours.
  if (!owner) return true;
  // Another machine on a shared folder: we cannot see its processes, so never break its lock.
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return !heldHere.has(owner.token);
  return !isAlive(owner.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it runs, as another user.
    return code(err) !== 'ESRCH';
  }
  // A killed process whose parent has not reaped it yet still answers signal 0 but will never
  // release the lock: on Linux, its state in /proc says so.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

async function breakStale(lockFile: string, stale: LockOwner | null): Promise<void> {
  const aside = `${lockFile}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fs.rename(lockFile, aside);
  } catch (err) {
    if (code(err) === 'ENOENT') return; // someone else broke it first
    throw err;
  }
  const moved = await readOwner(aside);
  const same = moved !== 'gone' && (moved === null ? stale === null : moved.token === stale?.token);
  if (!same) {
    // Between our look and the rename, another process broke the stale lock and took a live one:
    // put theirs back (link fails rather than overwrite if yet another process got in).
    await fs.link(aside, lockFile).catch(() => undefined);
  }
  await fs.rm(aside, { force: true });
}

function code(err: unknown): string | undefined {
  return err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
