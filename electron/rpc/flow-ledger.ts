/**
 * Flow control per window: what each client was sent of each session and has not yet acknowledged.
 * A session's source is held while any READING client is above the high watermark (a lower one
 * while that client owes much over all sessions) and released when
 * every reading client is below the low one, so one slow window paces the stream for all, but only
 * while it keeps reading: a client that stops (no ack for `stallMs` while in debt) is dropped from
 * that session's stream and no longer holds it. A client that goes away releases all it held.
 */

export interface FlowLimits {
  /** Hold the source above this many unacknowledged chars in one client (VS Code: 100,000). */
  highWatermark: number;
  /** Release it once every reading client is below this many (VS Code: 5,000). */
  lowWatermark: number;
  /**
   * Once a client owes this many chars over all sessions, each session is held above
   * `crowdedWatermark` instead: 64 hosts flooding at the per-session mark put 6.4 MB in flight to one
   * window, more than it parses in seconds, so it stalled, was dropped and repainted, and Ctrl-C
   * waited behind all of it.
   */
  clientHighWatermark: number;
  crowdedWatermark: number;
  /**
   * A client in debt that acknowledges nothing at all, in any session, for this long is dropped from
   * the streams it owes; one session it owes without progress for SESSION_STALL_FACTOR times this
   * long is dropped alone. Counting any ack: a window that reads slowly (64 floods on a busy machine)
   * acknowledged some hosts every frame but reached a given host only every few seconds, and was
   * dropped and repainted from scrollback, 64 times over, which cost it far more than reading.
   */
  stallMs: number;
}

export const DEFAULT_FLOW_LIMITS: FlowLimits = {
  highWatermark: 100_000,
  lowWatermark: 5_000,
  clientHighWatermark: 512_000,
  crowdedWatermark: 16_384,
  stallMs: 5_000,
};

const SESSION_STALL_FACTOR = 6;

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
  /** clientId → when it last acknowledged anything (or began to owe). */
  private readonly clientProgressAt = new Map<string, number>();
  /** clientId → the sum of its debts, kept as they change (read on every send). */
  private readonly totals = new Map<string, number>();

  constructor(
    private readonly limits: FlowLimits,
    /** Pause (true) or resume (false) the session's source. Called only on a change. */
    private readonly hold: (sessionId: string, on: boolean) => void,
    private readonly now: () => number = Date.now,
  ) {
    if (!(limits.lowWatermark < limits.crowdedWatermark && limits.crowdedWatermark <= limits.highWatermark)) {
      throw new Error('flow control: lowWatermark < crowdedWatermark <= highWatermark must hold');
    }
  }

  /** Whether this client gets the session's output (false once it was dropped, until readmitted). */
  reading(clientId: string, sessionId: string): boolean {
    return !this.bySession.get(sessionId)?.get(clientId)?.dropped;
  }

  sent(clientId: string, sessionId: string, chars: number): void {
    const entry = this.entry(clientId, sessionId);
    if (entry.dropped) return;
    if (entry.debt === 0) entry.progressAt = this.now();
    if (this.totalDebt(clientId) === 0) this.clientProgressAt.set(clientId, this.now());
    entry.debt += chars;
    this.totals.set(clientId, (this.totals.get(clientId) ?? 0) + chars);
    if (entry.debt > this.limitFor(clientId)) this.setHeld(sessionId, true);
  }

  ack(clientId: string, sessionId: string, chars: number): void {
    const entry = this.bySession.get(sessionId)?.get(clientId);
    if (!entry || entry.dropped || !(chars > 0)) return;
    this.owe(clientId, -Math.min(entry.debt, chars));
    entry.debt = Math.max(0, entry.debt - chars);
    entry.progressAt = this.now();
    this.clientProgressAt.set(clientId, entry.progressAt);
    this.review(sessionId);
  }

  /** Stops sending this session to the client; its debt no longer holds the source. */
  drop(clientId: string, sessionId: string): void {
    const entry = this.entry(clientId, sessionId);
    entry.dropped = true;
    this.owe(clientId, -entry.debt);
    entry.debt = 0;
    this.review(sessionId);
  }

  /** The client repainted the session and reads it again, owing nothing. */
  readmit(clientId: string, sessionId: string): void {
    const entry = this.entry(clientId, sessionId);
    entry.dropped = false;
    this.owe(clientId, -entry.debt);
    entry.debt = 0;
    entry.progressAt = this.now();
  }

  /** The client went away or reloaded: everything it owed is released at once. */
  removeClient(clientId: string): void {
    this.totals.delete(clientId);
    this.clientProgressAt.delete(clientId);
    for (const [sessionId, clients] of this.bySession) {
      if (clients.delete(clientId)) this.review(sessionId);
    }
  }

  forgetSession(sessionId: string): void {
    for (const [clientId, e] of this.bySession.get(sessionId) ?? []) this.owe(clientId, -e.debt);
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
    return this.totals.get(clientId) ?? 0;
  }

  /** What reading clients owe and must be dropped from: see FlowLimits.stallMs. */
  stalled(): Stalled[] {
    const out: Stalled[] = [];
    const now = this.now();
    const clientBefore = now - this.limits.stallMs;
    const sessionBefore = now - SESSION_STALL_FACTOR * this.limits.stallMs;
    for (const [sessionId, clients] of this.bySession) {
      for (const [clientId, e] of clients) {
        if (e.dropped || e.debt === 0) continue;
        const clientStuck = (this.clientProgressAt.get(clientId) ?? e.progressAt) <= clientBefore;
        if (clientStuck || e.progressAt <= sessionBefore) out.push({ clientId, sessionId, debt: e.debt });
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

  /** The debt above which a session is held for this client: lower once the client owes a lot overall. */
  private limitFor(clientId: string): number {
    return this.totalDebt(clientId) > this.limits.clientHighWatermark ? this.limits.crowdedWatermark : this.limits.highWatermark;
  }

  private owe(clientId: string, chars: number): void {
    if (chars === 0) return;
    const total = (this.totals.get(clientId) ?? 0) + chars;
    if (total <= 0) this.totals.delete(clientId);
    else this.totals.set(clientId, total);
  }

  private entry(clientId: string, sessionId: string): Entry {
    let clients = this.bySession.get(sessionId);
    if (!clients) this.bySession.set(sessionId, (clients = new Map()));
    let entry = clients.get(clientId);
    if (!entry) clients.set(clientId, (entry = { debt: 0, progressAt: this.now(), dropped: false }));
    return entry;
  }

  private review(sessionId: string): void {
    if (this.held.has(sessionId)) {
      if (this.behind(sessionId) < this.limits.lowWatermark) this.setHeld(sessionId, false);
      return;
    }
    for (const [clientId, e] of this.bySession.get(sessionId) ?? []) {
      if (!e.dropped && e.debt > this.limitFor(clientId)) return this.setHeld(sessionId, true);
    }
  }

  private setHeld(sessionId: string, on: boolean): void {
    if (this.held.has(sessionId) === on) return;
    if (on) this.held.add(sessionId);
    else this.held.delete(sessionId);
    this.hold(sessionId, on);
  }
}
