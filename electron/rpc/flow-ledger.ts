/**
 * Flow control per window: what each client was sent of each session and has not yet acknowledged.
 * Each client has a window total (`clientHighWatermark`) shared fairly among the sessions it is
 * being sent: room() says how much a session may still send it now, and the output pump cuts its
 * batches to that, so what is in flight to one window stays bounded however many hosts flood
 * (the window total, plus the low watermark per session that small output may always use).
 * A session's source is held while any READING client owes it its share (a lower mark while that
 * client owes more than its total) and released when every reading client is below the low one, so
 * one slow window paces the stream for all, but only while it keeps reading: a client that stops
 * (no ack for `stallMs` while in debt) is dropped from that session's stream and no longer holds
 * it. A client that goes away releases all it held.
 */

export interface FlowLimits {
  /** At most this many unacknowledged chars of one session in one client (VS Code: 100,000). */
  highWatermark: number;
  /** Release a held source once every reading client is below this many (VS Code: 5,000). */
  lowWatermark: number;
  /**
   * What one client may have in flight over all sessions: its window total, split evenly among
   * the sessions that owe it or wait for room (a fair share, never below `crowdedWatermark`). 64 hosts flooding at the
   * per-session mark put 6.4 MB in flight to one window, more than it parses in seconds, and
   * Ctrl-C's prompts waited behind all of it.
   */
  clientHighWatermark: number;
  /** The smallest fair share; also the mark a session is held at while its client owes more than its total. */
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
  lowWatermark: 2048,
  // 64 sessions × 4 KiB: a 64-host flood splits it evenly at the crowded mark.
  clientHighWatermark: 262_144,
  crowdedWatermark: 4096,
  stallMs: 5_000,
};

const SESSION_STALL_FACTOR = 6;

const isActive = (e: Entry) => e.debt > 0 || e.wanting;

interface Entry {
  debt: number;
  /** When the debt last moved down, or rose from zero: the start of any stall. */
  progressAt: number;
  dropped: boolean;
  /** The session asked for more room than it got (roomFor): it wants to send, owing or not. */
  wanting: boolean;
}

interface Client {
  /** The sum of its debts, kept as they change (read on every send). */
  total: number;
  /**
   * How many sessions owe it something or want to send: the fair share is its window total split
   * among them. Counting those that wait for room keeps the first sessions to send after a catch-up
   * from taking the whole total, and the rest from waiting behind them for good.
   */
  active: number;
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
  /** Every client attached or sent to, with what it owes. */
  private readonly clients = new Map<string, Client>();

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

  /** A window joined: it paces every session from now on, before it was sent anything. */
  addClient(clientId: string): void {
    this.client(clientId);
  }

  /** Whether this client gets the session's output (false once it was dropped, until readmitted). */
  reading(clientId: string, sessionId: string): boolean {
    return !this.bySession.get(sessionId)?.get(clientId)?.dropped;
  }

  /**
   * How many chars of this session the client may be sent now: what is left of the session's fair
   * share (its window total split among the sessions active in it, counting this one) and of the
   * total. Below `lowWatermark` a session always has room, total or not: an echo or the prompt after
   * Ctrl-C must not wait for the window to read other hosts' floods (a quiet pane's echo took 129 ms
   * p50 that way, 7 ms without), so the total can be passed by that much per session.
   * Infinity for a client that no longer reads the session.
   */
  room(clientId: string, sessionId: string): number {
    const entry = this.bySession.get(sessionId)?.get(clientId);
    if (entry?.dropped) return Number.POSITIVE_INFINITY;
    const debt = entry?.debt ?? 0;
    const left = Math.max(this.limits.clientHighWatermark - this.totalDebt(clientId), this.limits.lowWatermark - debt);
    return Math.max(0, Math.min(this.share(clientId, entry && isActive(entry) ? 0 : 1) - debt, left));
  }

  /**
   * The least room any client reading the session has: what one emission may carry to all of them.
   * `want`: what the session holds to send; a client that cannot take it all counts the session as
   * active in its fair shares until it can.
   */
  roomFor(sessionId: string, want = 0): number {
    let least = Number.POSITIVE_INFINITY;
    for (const clientId of this.clients.keys()) {
      const room = this.room(clientId, sessionId);
      if (room !== Number.POSITIVE_INFINITY) {
        const entry = this.entry(clientId, sessionId);
        this.setDebt(clientId, entry, entry.debt, room < want);
      }
      least = Math.min(least, room);
    }
    return least;
  }

  sent(clientId: string, sessionId: string, chars: number): void {
    const entry = this.entry(clientId, sessionId);
    if (entry.dropped) return;
    if (entry.debt === 0) entry.progressAt = this.now();
    if (this.totalDebt(clientId) === 0) this.clientProgressAt.set(clientId, this.now());
    this.setDebt(clientId, entry, entry.debt + chars);
    if (entry.debt >= this.limitFor(clientId)) this.setHeld(sessionId, true);
  }

  ack(clientId: string, sessionId: string, chars: number): void {
    const entry = this.bySession.get(sessionId)?.get(clientId);
    if (!entry || entry.dropped || !(chars > 0)) return;
    this.setDebt(clientId, entry, Math.max(0, entry.debt - chars));
    entry.progressAt = this.now();
    this.clientProgressAt.set(clientId, entry.progressAt);
    this.review(sessionId);
  }

  /** Stops sending this session to the client; its debt no longer holds the source. */
  drop(clientId: string, sessionId: string): void {
    const entry = this.entry(clientId, sessionId);
    entry.dropped = true;
    this.setDebt(clientId, entry, 0, false);
    this.review(sessionId);
  }

  /** The client repainted the session and reads it again, owing nothing. */
  readmit(clientId: string, sessionId: string): void {
    const entry = this.entry(clientId, sessionId);
    entry.dropped = false;
    this.setDebt(clientId, entry, 0, false);
    entry.progressAt = this.now();
  }

  /** The client went away or reloaded: everything it owed is released at once. */
  removeClient(clientId: string): void {
    this.clients.delete(clientId);
    this.clientProgressAt.delete(clientId);
    for (const [sessionId, clients] of this.bySession) {
      if (clients.delete(clientId)) this.review(sessionId);
    }
  }

  forgetSession(sessionId: string): void {
    for (const [clientId, e] of this.bySession.get(sessionId) ?? []) this.setDebt(clientId, e, 0, false);
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
    return this.clients.get(clientId)?.total ?? 0;
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

  /** The client's window total split among the sessions it owes (plus `extra` about to), within the marks. */
  private share(clientId: string, extra: number): number {
    const active = (this.clients.get(clientId)?.active ?? 0) + extra;
    const even = Math.floor(this.limits.clientHighWatermark / Math.max(1, active));
    return Math.min(this.limits.highWatermark, Math.max(this.limits.crowdedWatermark, even));
  }

  /** The debt at which a session is held for this client: its share, lower once the client owes more than its total. */
  private limitFor(clientId: string): number {
    return this.totalDebt(clientId) > this.limits.clientHighWatermark ? this.limits.crowdedWatermark : this.share(clientId, 0);
  }

  private setDebt(clientId: string, entry: Entry, debt: number, wanting = entry.wanting): void {
    if (debt === entry.debt && wanting === entry.wanting) return;
    const client = this.client(clientId);
    const was = isActive(entry);
    client.total += debt - entry.debt;
    entry.debt = debt;
    entry.wanting = wanting;
    client.active += Number(isActive(entry)) - Number(was);
  }

  private client(clientId: string): Client {
    let client = this.clients.get(clientId);
    if (!client) this.clients.set(clientId, (client = { total: 0, active: 0 }));
    return client;
  }

  private entry(clientId: string, sessionId: string): Entry {
    let clients = this.bySession.get(sessionId);
    if (!clients) this.bySession.set(sessionId, (clients = new Map()));
    let entry = clients.get(clientId);
    if (!entry) clients.set(clientId, (entry = { debt: 0, progressAt: this.now(), dropped: false, wanting: false }));
    return entry;
  }

  private review(sessionId: string): void {
    if (this.held.has(sessionId)) {
      if (this.behind(sessionId) < this.limits.lowWatermark) this.setHeld(sessionId, false);
      return;
    }
    for (const [clientId, e] of this.bySession.get(sessionId) ?? []) {
      if (!e.dropped && e.debt >= this.limitFor(clientId)) return this.setHeld(sessionId, true);
    }
  }

  private setHeld(sessionId: string, on: boolean): void {
    if (this.held.has(sessionId) === on) return;
    if (on) this.held.add(sessionId);
    else this.held.delete(sessionId);
    this.hold(sessionId, on);
  }
}
