/**
 * Flow control per window: what each client was sent of each session and has not yet acknowledged.
 * A session's source is held while any READING client is above the high watermark and released when
 * every reading client is below the low one, so one slow window paces the stream for all, but only
 * while it keeps reading: a client that stops (no ack for `stallMs` while in debt) is dropped from
 * that session's stream and no longer holds it. A client that goes away releases all it held.
 */

export interface FlowLimits {
  /** Hold the source above this many unacknowledged chars in one client (VS Code: 100,000). */
  highWatermark: number;
  /** Release it once every reading client is below this many (VS Code: 5,000). */
  lowWatermark: number;
  /** A client in debt that acknowledges nothing for this long is dropped from the stream. */
  stallMs: number;
}

export const DEFAULT_FLOW_LIMITS: FlowLimits = { highWatermark: 100_000, lowWatermark: 5_000, stallMs: 5_000 };

interface Entry {
  debt: number;
  /** When the debt last moved down, or rose from zero: the start of any stall. */
  progressAt: number;
  dropped: boolean;
}

export interface Stalled {
  clientId: string;
  sessionId: string;
  debt: number;
}

export class FlowLedger {
  /** sessionId → clientId → entry. */
  private readonly bySession = new Map<string, Map<string, Entry>>();
  private readonly held = new Set<string>();

  constructor(
    private readonly limits: FlowLimits,
    /** Pause (true) or resume (false) the session's source. Called only on a change. */
    private readonly hold: (sessionId: string, on: boolean) => void,
    private readonly now: () => number = Date.now,
  ) {
    if (!(limits.lowWatermark < limits.highWatermark)) throw new Error('flow control: lowWatermark must be below highWatermark');
  }

  /** Whether this client gets the session's output (false once it was dropped, until readmitted). */
  reading(clientId: string, sessionId: string): boolean {
    return !this.bySession.get(sessionId)?.get(clientId)?.dropped;
  }

  sent(clientId: string, sessionId: string, chars: number): void {
    const entry = this.entry(clientId, sessionId);
    if (entry.dropped) return;
    if (entry.debt === 0) entry.progressAt = this.now();
    entry.debt += chars;
    if (entry.debt > this.limits.highWatermark) this.setHeld(sessionId, true);
  }

  ack(clientId: string, sessionId: string, chars: number): void {
    const entry = this.bySession.get(sessionId)?.get(clientId);
    if (!entry || entry.dropped || !(chars > 0)) return;
    entry.debt = Math.max(0, entry.debt - chars);
    entry.progressAt = this.now();
    this.review(sessionId);
  }

  /** Stops sending this session to the client; its debt no longer holds the source. */
  drop(clientId: string, sessionId: string): void {
    const entry = this.entry(clientId, sessionId);
    entry.dropped = true;
    entry.debt = 0;
    this.review(sessionId);
  }

  /** The client repainted the session and reads it again, owing nothing. */
  readmit(clientId: string, sessionId: string): void {
    const entry = this.entry(clientId, sessionId);
    entry.dropped = false;
    entry.debt = 0;
    entry.progressAt = this.now();
  }

  /** The client went away or reloaded: everything it owed is released at once. */
  removeClient(clientId: string): void {
    for (const [sessionId, clients] of this.bySession) {
      if (clients.delete(clientId)) this.review(sessionId);
    }
  }

  forgetSession(sessionId: string): void {
    this.bySession.delete(sessionId);
    this.held.delete(sessionId);
  }

  /** Sessions this client reads (was sent output of and not dropped from). */
  sessionsReadBy(clientId: string): string[] {
    const out: string[] = [];
    for (const [sessionId, clients] of this.bySession) {
      const e = clients.get(clientId);
      if (e && !e.dropped) out.push(sessionId);
    }
    return out;
  }

  /** Everything this client owes, over all sessions. */
  totalDebt(clientId: string): number {
    let total = 0;
    for (const clients of this.bySession.values()) total += clients.get(clientId)?.debt ?? 0;
    return total;
  }

  /** Reading clients in debt that acknowledged nothing for `stallMs`. */
  stalled(): Stalled[] {
    const out: Stalled[] = [];
    const before = this.now() - this.limits.stallMs;
    for (const [sessionId, clients] of this.bySession) {
      for (const [clientId, e] of clients) {
        if (!e.dropped && e.debt > 0 && e.progressAt <= before) out.push({ clientId, sessionId, debt: e.debt });
      }
    }
    return out;
  }

  /** The largest debt of a reading client: how far behind the slowest window is. */
  behind(sessionId: string): number {
    let most = 0;
    for (const e of this.bySession.get(sessionId)?.values() ?? []) if (!e.dropped) most = Math.max(most, e.debt);
    return most;
  }

  debt(clientId: string, sessionId: string): number {
    return this.bySession.get(sessionId)?.get(clientId)?.debt ?? 0;
  }

  isHeld(sessionId: string): boolean {
    return this.held.has(sessionId);
  }

  private entry(clientId: string, sessionId: string): Entry {
    let clients = this.bySession.get(sessionId);
    if (!clients) this.bySession.set(sessionId, (clients = new Map()));
    let entry = clients.get(clientId);
    if (!entry) clients.set(clientId, (entry = { debt: 0, progressAt: this.now(), dropped: false }));
    return entry;
  }

  private review(sessionId: string): void {
    const most = this.behind(sessionId);
    if (this.held.has(sessionId) && most < this.limits.lowWatermark) this.setHeld(sessionId, false);
    else if (!this.held.has(sessionId) && most > this.limits.highWatermark) this.setHeld(sessionId, true);
  }

  private setHeld(sessionId: string, on: boolean): void {
    if (this.held.has(sessionId) === on) return;
    if (on) this.held.add(sessionId);
    else this.held.delete(sessionId);
    this.hold(sessionId, on);
  }
}
