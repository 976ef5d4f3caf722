/**
 * Consecutive connection events read as one row: 64 `session.connected` in a row become
 * "connected 64: web[01-32], db[01-16]". Connected, reconnected and disconnected runs stay apart,
 * and every event stays in its row, so the window can expand it and a write-up still cites each `#seq`.
 */
import { nameHostSet } from './hostSet';
import { eventData, type JournalEvent } from './incident';

export const RUN_TYPES = ['session.connected', 'session.reconnected', 'session.disconnected'] as const;
export type RunType = (typeof RUN_TYPES)[number];

/** Fewer events than this in a row show one by one: two rows read as easily as one. */
export const MIN_RUN = 3;

export type TimelineRow<E extends JournalEvent = JournalEvent> = { event: E } | { run: RunType; events: E[] };

function runType(e: JournalEvent): RunType | undefined {
  return (RUN_TYPES as readonly string[]).includes(e.type) && aliasOf(e) !== undefined ? (e.type as RunType) : undefined;
}

/** The host of a connection event (undefined when its data does not fit its type). */
export function aliasOf(e: JournalEvent): string | undefined {
  return (eventData(e, 'session.connected') ?? eventData(e, 'session.reconnected') ?? eventData(e, 'session.disconnected'))?.alias;
}

/**
 * The rows of a timeline (already filtered, in order). `alone` keeps an event out of any run (one
 * that is pinned, marked, edited or redacted should not hide inside a folded row).
 */
export function timelineRows<E extends JournalEvent>(events: readonly E[], alone: (e: E) => boolean = () => false): TimelineRow<E>[] {
  const rows: TimelineRow<E>[] = [];
  let run: E[] = [];
  let type: RunType | undefined;
  const flush = () => {
    if (type && run.length >= MIN_RUN) rows.push({ run: type, events: run });
    else for (const event of run) rows.push({ event });
    run = [];
    type = undefined;
  };
  for (const e of events) {
    // `alone` only for events that could join a run: it is asked of every row of 100,000.
    const could = runType(e);
    const t = could !== undefined && alone(e) ? undefined : could;
    if (t === undefined || t !== type) flush();
    if (t === undefined) rows.push({ event: e });
    else {
      type = t;
      run.push(e);
    }
  }
  flush();
  return rows;
}

const RUN_LABEL: Record<RunType, string> = { 'session.connected': 'connected', 'session.reconnected': 'reconnected', 'session.disconnected': 'disconnected' };

export interface RunSummary {
  /** "connected", "reconnected", "disconnected". */
  label: string;
  /** How many events the run holds. */
  count: number;
  /** Its hosts by group and range: "web (32), db[01-16], +3 more". */
  hosts: string;
  /** First and last event. */
  from: { seq: number; ts: string };
  to: { seq: number; ts: string };
}

/** How a run reads: "connected 64: web[01-32], db[01-16]". */
export function summarizeRun(row: { run: RunType; events: readonly JournalEvent[] }, options: { groups?: Readonly<Record<string, readonly string[]>>; max?: number } = {}): RunSummary {
  const aliases = row.events.map(aliasOf).filter((a): a is string => a !== undefined);
  const first = row.events[0];
  const last = row.events.at(-1);
  return {
    label: RUN_LABEL[row.run],
    count: row.events.length,
    hosts: nameHostSet(aliases, options).text,
    from: { seq: first?.seq ?? 0, ts: first?.ts ?? '' },
    to: { seq: last?.seq ?? 0, ts: last?.ts ?? '' },
  };
}
