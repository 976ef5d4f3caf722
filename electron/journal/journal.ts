/**
 * An incident's append-only journal: one JSON event per line, sha256-chained (see canonical.ts).
 *
 * - append() resolves only after the line is fsynced. Appends that arrive while a write+fsync is in
 *   flight wait and go out together in the next write (group commit).
 * - Several processes may append to the same file (the app and `warroom log`). Each write holds the
 *   lock beside the journal, first reads what other writers appended since we last looked, and
 *   continues their chain, so seq and prev never fork.
 * - With `watch`, other processes' events are picked up by polling and emitted like our own.
 */
import type { Hash } from 'node:crypto';
import { constants as fsConstants, promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { EventData, type EventDraft, type JournalEvent } from '../../shared/model/incident';
import { eventHash, eventLine, normaliseData, type Json } from './canonical';
import { scanJournal, type ChainHead } from './scan';
import { acquireLock, cleanLockLitter, type HeldLock } from './lock';
import { moveTornTailAside, type Recovery } from './recover';
import { replay, type Replayed } from './replay';
import type { EventLog } from './event-log';
import { JournalOpenError, JournalWriteError, errnoCode } from './errors';
import { PRIVATE_FILE, fsyncDir, ownPrivateDir, readRange, writeAll } from './files';
import { saveCheckpoint } from './checkpoint';
import { verifyInSlices, type VerifyResult } from './verify';

export interface JournalOptions {
  /** Create the file (and its folder) if it does not exist. */
  create?: boolean;
  /** Poll for other processes' appends every `pollMs` and emit them. */
  watch?: boolean;
  pollMs?: number;
  lockTimeoutMs?: number;
  /**
   * Write a checkpoint (checkpoint.ts) whenever the verified chain is this many events past the
   * last one, and at close. 0: never write one (an existing one is still used to open).
   */
  checkpointEvery?: number;
}

/** Checkpoints are for big journals: below this many new events a full verify costs next to nothing. */
export const CHECKPOINT_EVERY = 2000;

export interface AppendOptions {
  /** When the event happened, if earlier than now (e.g. held before the incident was declared). */
  at?: Date;
  /**
   * Runs under the lock, after catching up with other writers, against every event before this
   * one (`earlier` are the ones ahead of it in the same write). Throwing refuses the append with
   * that error and writes nothing for it: a compare-and-set across processes (write-up saves).
   */
  check?: (events: readonly JournalEvent[], earlier: readonly JournalEvent[]) => void;
}

type Listener = (event: JournalEvent) => void;

interface Pending {
  draft: EventDraft;
  /** The draft's data after a JSON round trip: exactly what will be hashed and read back. */
  data: Record<string, Json>;
  at: Date | undefined;
  check: AppendOptions['check'];
  resolve: (e: JournalEvent) => void;
  reject: (err: unknown) => void;
}

/** One write's outcome: the appends written (with their events) and the ones their check refused. */
interface Written {
  written: Array<[Pending, JournalEvent]>;
  refused: Array<[Pending, unknown]>;
}

/** A batch bigger than this waits for the next write, keeping single writes a sane size. */
const MAX_BATCH = 4096;

export class Journal {
  private readonly log: EventLog;
  private readonly listeners = new Set<Listener>();
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  /** Serialises disk work inside this process: writes and catch-up reads never interleave. */
  private tail: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly digest: Hash;
  /** Bytes open took on a checkpoint's word; dropped once verifyBehind() has been through them. */
  private unverified: Buffer | undefined;
  private behind: Promise<VerifyResult> | undefined;
  /** False while part of the chain rests on a checkpoint: no new checkpoint may then vouch for it. */
  private verified: boolean;
  private lastCheckpointSeq: number;
  private checkpointing: Promise<void> | undefined;
  /** Set when open moved a torn last line aside. */
  readonly recovered: Recovery | undefined;
  /** Why a checkpoint beside the journal was not used (open then verified everything). */
  readonly checkpointWarning: string | undefined;
  /** The seq up to which open relied on a checkpoint (0: it verified every event itself). */
  readonly trustedSeq: number;

  private constructor(
    readonly file: string,
    private head: ChainHead,
    private readonly handle: fs.FileHandle,
    private readonly lockTimeoutMs: number,
    private readonly checkpointEvery: number,
    replayed: Replayed,
  ) {
    this.log = replayed.log;
    this.recovered = replayed.recovered;
    this.digest = replayed.digest;
    this.unverified = replayed.unverified;
    this.verified = !replayed.unverified;
    this.trustedSeq = replayed.unverified ? replayed.lastCheckpointSeq : 0;
    this.lastCheckpointSeq = replayed.lastCheckpointSeq;
    this.checkpointWarning = replayed.checkpointWarning;
  }

  static async open(file: string, opts: JournalOptions = {}): Promise<Journal> {
    const resolved = path.resolve(file);
    if (opts.create) {
      await ownPrivateDir(path.dirname(resolved));
      const created = await fs.open(resolved, 'wx', PRIVATE_FILE).then(
        async (h) => {
          await h.sync();
          await h.close();
          return true;
        },
        (err: unknown) => {
          if (errnoCode(err) === 'EEXIST') return false;
          throw err;
        },
      );
      if (created) await fsyncDir(path.dirname(resolved));
    }
    let handle: fs.FileHandle;
    try {
      // Read-write and append, but never create: a missing journal is an error, not an empty incident.
      handle = await fs.open(resolved, fsConstants.O_RDWR | fsConstants.O_APPEND);
      const st = await fs.stat(resolved);
      if (!st.isFile()) throw new JournalOpenError(`${resolved} is not a file`);
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') throw new JournalOpenError(`no journal at ${resolved}`);
      throw err;
    }
    const lockTimeoutMs = opts.lockTimeoutMs ?? 15_000;
    await cleanLockLitter(`${resolved}.lock`);
    try {
      const replayed = await replay(resolved, handle, lockTimeoutMs);
      const journal = new Journal(resolved, replayed.head, handle, lockTimeoutMs, opts.checkpointEvery ?? CHECKPOINT_EVERY, replayed);
      journal.checkpointIfDue();
      if (opts.watch) journal.startWatching(opts.pollMs ?? 200);
      return journal;
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  /**
   * Every event, in order (a live array: it grows with appends). On a journal opened from a
   * checkpoint this parses every line not read yet: callers that need a few read count, slice or
   * ofTypes.
   */
  get events(): readonly JournalEvent[] {
    return this.log.all();
  }

  /** How many events the journal holds (the last seq), without parsing any. */
  get count(): number {
    return this.log.length;
  }

  /** Events at indexes [from, to) (seq from + 1 to seq to), parsing only those. */
  slice(from: number, to?: number): JournalEvent[] {
    return this.log.slice(from, to);
  }

  /** The events of the given types, in order, parsing only the lines of those types. */
  ofTypes(types: ReadonlySet<string>): JournalEvent[] {
    return this.log.ofTypes(types);
  }

  /** The last event's seq (0 when empty) and hash, as this process last saw them. */
  get lastSeq(): number {
    return this.head.seq;
  }

  append(draft: EventDraft, opts: AppendOptions = {}): Promise<JournalEvent> {
    if (this.closed) return Promise.reject(new Error(`${this.file}: the journal is closed`));
    let data: Record<string, Json>;
    try {
      checkDraft(draft);
      data = normaliseData(draft.data);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<JournalEvent>((resolve, reject) => {
      this.queue.push({ draft, data, at: opts.at, check: opts.check, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  appendMany(drafts: readonly EventDraft[]): Promise<JournalEvent[]> {
    return Promise.all(drafts.map((d) => this.append(d)));
  }

  /**
   * Re-verifies, hash by hash and without blocking the event loop for long, the events open took on
   * a checkpoint's word (the rest were verified at open). Resolves ok at once when there are none.
   * Not ok means the journal was altered before the checkpoint: the caller must raise the alarm.
   */
  verifyBehind(): Promise<VerifyResult> {
    this.behind ??= (async () => {
      const bytes = this.unverified;
      if (!bytes) return { ok: true, count: this.head.seq, head: this.head.hash };
      // The verification parses every line: its events become the log's, so they are parsed once.
      const result = await verifyInSlices(bytes, this.file, (from, events) => this.log.fill(from, events));
      this.unverified = undefined;
      if (result.ok && result.count === this.trustedSeq) {
        this.verified = true;
        this.checkpointIfDue();
        return result;
      }
      if (result.ok) return { ok: false, count: result.count, error: `${this.file}: the checkpoint vouched for seq ${this.trustedSeq} but the verified chain ends at seq ${result.count}` };
      return result;
    })();
    return this.behind;
  }

  /** Every event appended from now on, by this process or (with `watch` or refresh()) another. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Picks up events other processes appended; returns them (they are also emitted). */
  refresh(): Promise<JournalEvent[]> {
    return this.exclusive(() => this.catchUp(false));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    while (this.flushing) await this.flushing;
    await this.tail.catch(() => undefined);
    await this.checkpointing;
    this.checkpointIfDue();
    await this.checkpointing;
    await this.handle.close();
  }

  private startWatching(pollMs: number): void {
    this.timer = setInterval(() => {
      if (this.closed || this.flushing) return;
      this.refresh().catch(() => {
        // A reader mid-way through another writer's line sees nothing new; real damage is
        // reported by the next append, which reads the same bytes under the lock.
      });
    }, pollMs);
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const { written, refused } = await this.exclusive(() => this.writeBatch(batch));
          for (const [p, e] of written) p.resolve(e);
          for (const [p, err] of refused) p.reject(err);
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * One group commit: lock, catch up, write, fsync, unlock. If, with the lock in hand, the file
   * shows another writer got in anyway (a stale-lock break racing a third process), nothing is
   * written: the attempt starts again from the lock, and catching up continues their chain.
   */
  private async writeBatch(batch: Pending[]): Promise<Written> {
    for (let attempt = 1; ; attempt++) {
      let lock;
      try {
        lock = await acquireLock(`${this.file}.lock`, this.lockTimeoutMs);
      } catch (err) {
        throw new JournalWriteError(this.file, errnoCode(err), err);
      }
      try {
        const written = await this.writeLocked(batch, lock);
        if (written) return written;
      } finally {
        await lock.release().catch(() => undefined);
      }
      if (attempt >= 5) throw new Error(`${this.file}: another writer kept writing without the lock; not writing, so the chain cannot fork`);
    }
  }

  /** The events written, or undefined when the lock turned out not to be exclusive (retry). */
  private async writeLocked(batch: Pending[], lock: HeldLock): Promise<Written | undefined> {
    await this.catchUp(true);
    const now = new Date().toISOString();
    const events: JournalEvent[] = [];
    const written: Written = { written: [], refused: [] };
    let { seq, hash } = this.head;
    for (const p of batch) {
      if (p.check) {
        try {
          p.check(this.log.all(), events);
        } catch (err) {
          written.refused.push([p, err]);
          continue;
        }
      }
      const fields = { seq: seq + 1, ts: p.at ? p.at.toISOString() : now, type: p.draft.type, actor: p.draft.actor, data: p.data };
      const event: JournalEvent = { ...fields, prev: hash, hash: eventHash(hash, fields) };
      events.push(event);
      written.written.push([p, event]);
      seq = event.seq;
      hash = event.hash;
    }
    if (events.length === 0) return written;
    const buf = Buffer.from(events.map((e) => eventLine(e)).join('\n') + '\n', 'utf8');
    const [open, onDisk] = await Promise.all([this.handle.stat(), fs.stat(this.file).catch(() => undefined)]);
    if (!onDisk || onDisk.ino !== open.ino || onDisk.dev !== open.dev) {
      // Writing on would put acknowledged events into a file nobody can find any more.
      throw new JournalOpenError(`${this.file} was removed or replaced while open; not writing (reopen the incident)`);
    }
    // Both checks are cheap and close the last window in which two writers could both append.
    if (open.size !== this.head.offset || !(await lock.stillHeld())) return undefined;
    try {
      await writeAll(this.handle, buf);
      await this.handle.sync();
    } catch (err) {
      // Take back a partial write so the file ends on the last acknowledged event.
      await this.handle.truncate(this.head.offset).catch(() => undefined);
      await this.handle.sync().catch(() => undefined);
      throw new JournalWriteError(this.file, errnoCode(err), err);
    }
    this.head = { seq, hash, offset: this.head.offset + buf.length, lines: this.head.lines + events.length };
    this.digest.update(buf);
    this.accept(events);
    this.checkpointIfDue();
    return written;
  }

  /** Reads what other writers appended after our head. Under the lock, a torn tail is a dead writer's. */
  private async catchUp(underLock: boolean): Promise<JournalEvent[]> {
    const size = (await this.handle.stat()).size;
    if (size < this.head.offset) {
      throw new JournalOpenError(`${this.file} shrank from ${this.head.offset} to ${size} bytes while open: another program cut it`);
    }
    if (size === this.head.offset) return [];
    const buf = await readRange(this.handle, this.head.offset, size);
    const { events, head, tail } = scanJournal(buf, this.file, this.head);
    this.digest.update(buf.subarray(0, head.offset - this.head.offset));
    this.head = head;
    this.accept(events);
    this.checkpointIfDue();
    if (underLock && tail.length > 0) await moveTornTailAside(this.file, head.offset, tail);
    return events;
  }

  /**
   * Writes a checkpoint in the background when the chain is far enough past the last one. Only a
   * fully verified chain gets one, so a checkpoint never vouches for bytes nobody hashed. A failed
   * write costs nothing but speed: the old checkpoint (or none) stays, and open verifies more.
   */
  private checkpointIfDue(): void {
    if (!this.verified || this.checkpointing || this.checkpointEvery <= 0) return;
    if (this.head.seq - this.lastCheckpointSeq < this.checkpointEvery) return;
    const head = { ...this.head };
    const digest = this.digest.copy().digest('hex');
    this.checkpointing = saveCheckpoint(this.file, head, digest).then(
      () => {
        this.lastCheckpointSeq = head.seq;
        this.checkpointing = undefined;
      },
      () => {
        this.checkpointing = undefined;
      },
    );
  }

  private accept(events: readonly JournalEvent[]): void {
    for (const e of events) {
      this.log.push(e);
      for (const listener of this.listeners) {
        try {
          listener(e);
        } catch {
          // A broken listener must not stop the others or the journal.
        }
      }
    }
  }
}

function checkDraft(draft: EventDraft): void {
  const schema = EventData[draft.type] as z.ZodType | undefined;
  if (!schema) throw new TypeError(`unknown event type ${JSON.stringify(draft.type)}`);
  if (typeof draft.actor !== 'string' || draft.actor.length === 0) throw new TypeError(`${draft.type}: the actor is empty`);
  const parsed = schema.safeParse(draft.data);
  if (!parsed.success) throw new TypeError(`invalid ${draft.type} event: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
}

export { verifyJournal, type VerifyResult } from './verify';
