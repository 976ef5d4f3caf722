/**
 * The fleet of interactive shells the window (and browser mode) drives. One ssh2 client per host,
 * at most `fanout` handshakes at once; progress and output arrive through FleetEvents.
 */
import { randomUUID } from 'node:crypto';
import type { HostKeyDecision, HostKeyPrompt, SessionInfo } from '../../shared/model/host';
import type { AuthPrompt, AuthQuestion } from './connect/auth-prompt';
import { DEFAULT_RECONNECT, type ReconnectPolicy } from './connect/backoff';
import { Limiter } from './connect/limiter';
import type { SkipPolicy } from './connect/output-pump';
import { ShellSession } from './connect/shell-session';
import { FAILED_EXIT, notRun, runCommand } from './run/run-service';
import { RunTracker } from './run/progress';
import type { RunCounts } from '../../shared/model/run';
import type { HostOutput, HostRunResult, RunResult } from './run/types';
import type { HostCatalog, KnownHosts, ResolvedHost } from './types';

export interface FleetEvents {
  /** Batched output, never split inside a UTF-8 character. */
  data(sessionId: string, data: string): void;
  /** Input reached a session far behind: `chars` of output nobody could read were dropped. */
  skipped?(sessionId: string, chars: number): void;
  state(info: SessionInfo): void;
  hostKeyPrompt(prompt: HostKeyPrompt): void;
  /** The prompt was answered or withdrawn (its session went away); the window should drop it. */
  hostKeySettled(promptId: string): void;
  /**
   * A passphrase, password or keyboard-interactive question. Optional: without it those methods are
   * skipped (and named in the failure reason). Answer with answerAuth().
   */
  authPrompt?(prompt: AuthPrompt): void;
  /** The question was answered or withdrawn. */
  authSettled?(promptId: string): void;
}

export interface FleetOptions {
  catalog: HostCatalog;
  knownHosts: KnownHosts;
  events: FleetEvents;
  /** Default process.env.SSH_AUTH_SOCK. */
  agentSocket?: string;
  /** Default 10 000; a host's ConnectTimeout overrides it. */
  connectTimeoutMs?: number;
  /** Concurrent handshakes, default 32 (as pdsh). */
  fanout?: number;
  /**
   * How far behind the slowest window reading a session is (chars emitted, not acknowledged); the
   * windows' flow control pauses sessions with hold(). Default: nobody is behind.
   */
  behind?(sessionId: string): number;
  /** How many chars of a session the windows may be sent now, of `want` waiting; what does not fit waits for wake(). */
  room?(sessionId: string, want: number): number;
  /** When input to a session far behind skips its queued output; DEFAULT_SKIP otherwise. */
  skip?: Partial<SkipPolicy>;
  /** The SSH window granted to each shell channel: what a host may send ahead of the pump (256 KiB). */
  windowBytes?: number;
  /**
   * Reconnect after an established connection drops (network faults only, never trust failures).
   * Default { maxAttempts: 8, baseMs: 1000, maxMs: 30_000 } with jitter; `false` to leave it down.
   */
  reconnect?: ReconnectPolicy | false;
}

export interface FlowState {
  paused: boolean;
  skipping: boolean;
  /** Output buffered in the channel, not yet read by the pump. */
  queuedBytes: number;
  /** What the host may still send; queued + granted stays within the channel window (-1: not ours). */
  grantedBytes: number;
}

export class FleetError extends Error {
  override name = 'FleetError';
}

/**
 * One question on screen, however many connections wait on it: fifty hosts behind one bastion whose
 * key is new ask once, not fifty times. Each waiting connection holds a ticket.
 */
interface PendingPrompt {
  prompt: HostKeyPrompt;
  key: string;
  waiters: Map<string, (d: HostKeyDecision) => void>;
}

interface PendingAuth {
  prompt: AuthPrompt;
  batch: number;
  signature: string;
  answer(a: string[] | null): void;
}

/** One connect() call: "answer for all hosts in this connect" reaches only its own hosts. */
interface Batch {
  /** Sessions of this connect still on their way to ready or down. */
  pending: Set<string>;
  /** Answers given "for all", by question signature; memory only, dropped when the batch settles. */
  forAll: Map<string, string[]>;
}

export class Fleet {
  private readonly byId = new Map<string, ShellSession>();
  private readonly prompts = new Map<string, PendingPrompt>();
  private readonly promptByKey = new Map<string, string>();
  private readonly promptOfTicket = new Map<string, string>();
  private readonly authPrompts = new Map<string, PendingAuth>();
  private readonly batches = new Map<number, Batch>();
  private batchSeq = 0;
  private readonly limiter: Limiter;
  private closing = false;

  constructor(private readonly opts: FleetOptions) {
    this.limiter = new Limiter(opts.fanout ?? 32);
  }

  /** Starts one session per alias and returns at once; each begins 'connecting' (or 'down' if unknown). */
  connect(aliases: string[], cols: number, rows: number): SessionInfo[] {
    if (this.closing) throw new FleetError('the fleet is closing');
    const out: SessionInfo[] = [];
    const batchId = ++this.batchSeq;
    const batch: Batch = { pending: new Set(), forAll: new Map() };
    this.batches.set(batchId, batch);
    for (const alias of aliases) {
      const sessionId = randomUUID();
      const host = this.opts.catalog.resolve(alias);
      if (!host) {
        const info: SessionInfo = { sessionId, alias, hostname: alias, state: 'down', reason: `unknown host alias "${alias}": not in the ssh config, inventory or practice fleet` };
        this.opts.events.state(info);
        out.push(info);
        continue;
      }
      const session = new ShellSession(sessionId, host, cols, rows, {
        catalog: this.opts.catalog,
        reconnect: this.opts.reconnect === undefined ? DEFAULT_RECONNECT : this.opts.reconnect,
        knownHosts: this.opts.knownHosts,
        agentSocket: this.opts.agentSocket ?? process.env.SSH_AUTH_SOCK,
        connectTimeoutMs: this.opts.connectTimeoutMs ?? 10_000,
        limiter: this.limiter,
        ...(this.opts.skip ? { skip: this.opts.skip } : {}),
        ...(this.opts.windowBytes ? { windowBytes: this.opts.windowBytes } : {}),
        onState: (info) => {
          this.settleBatchMember(batchId, info);
          this.opts.events.state(info);
        },
        onData: (id, data) => this.opts.events.data(id, data),
        onSkipped: (id, chars) => this.opts.events.skipped?.(id, chars),
        behind: (id) => this.opts.behind?.(id) ?? 0,
        ...(this.opts.room ? { room: this.opts.room } : {}),
        askHostKey: (fields, answer) => this.ask(fields, answer),
        withdrawHostKey: (ticket) => this.withdraw(ticket),
        ...(this.opts.events.authPrompt ? { askAuth: (q: AuthQuestion, signal: AbortSignal) => this.askAuth(batchId, q, signal) } : {}),
      });
      batch.pending.add(sessionId);
      this.byId.set(sessionId, session);
      out.push(session.info());
      session.start();
    }
    if (batch.pending.size === 0) this.batches.delete(batchId);
    return out;
  }

  sessions(): SessionInfo[] {
    return [...this.byId.values()].map((s) => s.info());
  }

  session(sessionId: string): SessionInfo | undefined {
    return this.byId.get(sessionId)?.info();
  }

  disconnect(sessionIds: string[]): void {
    for (const id of sessionIds) {
      const s = this.byId.get(id);
      if (!s) continue;
      void s.close();
      this.byId.delete(id);
    }
  }

  /**
   * Connects these sessions again now, whatever their state (down, closed by the host, reconnecting,
   * or a ready one that hangs); the attempt count starts over. Unknown ids are ignored.
   */
  reconnect(sessionIds: string[]): void {
    for (const id of sessionIds) this.byId.get(id)?.reconnect();
  }

  /** Writes to every ready target in this same tick; returns how many sessions took it. */
  write(sessionIds: string[], data: string): number {
    let n = 0;
    for (const id of sessionIds) if (this.byId.get(id)?.write(data)) n++;
    return n;
  }

  resize(sessionId: string, cols: number, rows: number): void {
    this.byId.get(sessionId)?.resize(cols, rows);
  }

  /** The windows' flow control: pause (on) or resume a session's output. */
  hold(sessionId: string, on: boolean): void {
    this.byId.get(sessionId)?.hold(on);
  }

  /** The windows have room again (acks came in, a window went away): every session sends what waits. */
  wake(): void {
    for (const s of this.byId.values()) s.wake();
  }

  /** Flow-control view of one session, for tests and diagnostics. */
  flowState(sessionId: string): FlowState | undefined {
    const s = this.byId.get(sessionId);
    return s ? { paused: s.isPaused, skipping: s.isSkipping, queuedBytes: s.queuedBytes, grantedBytes: s.grantedBytes } : undefined;
  }

  answerHostKey(promptId: string, decision: HostKeyDecision): void {
    const p = this.prompts.get(promptId);
    if (!p) throw new FleetError(`no host key prompt ${promptId} is waiting (already answered, or its session closed)`);
    this.settle(promptId);
    let first = true;
    for (const [ticket, answer] of p.waiters) {
      this.promptOfTicket.delete(ticket);
      // One line in known_hosts is enough: the other connections take the same key for this once.
      answer(decision === 'accept-save' && !first ? 'accept-once' : decision);
      first = false;
    }
  }

  /**
   * Answers a passphrase/password/keyboard-interactive question; null declines it (the method is
   * skipped). With forAll, the same question from other hosts of the same connect is answered too,
   * now and until that connect has settled. Answers are held in memory only.
   */
  answerAuth(promptId: string, answers: string[] | null, forAll = false): void {
    const p = this.authPrompts.get(promptId);
    if (!p) throw new FleetError(`no authentication prompt ${promptId} is waiting (already answered, or its session closed)`);
    if (answers !== null && answers.length !== p.prompt.prompts.length) {
      throw new FleetError(`prompt ${promptId} asks ${p.prompt.prompts.length} question(s); got ${answers.length} answer(s)`);
    }
    this.settleAuth(promptId);
    p.answer(answers);
    if (!forAll || answers === null) return;
    const batch = this.batches.get(p.batch);
    if (!batch) return;
    batch.forAll.set(p.signature, answers);
    for (const [id, other] of [...this.authPrompts]) {
      if (other.batch === p.batch && other.signature === p.signature) {
        this.settleAuth(id);
        other.answer(answers);
      }
    }
  }

  /**
   * Runs COMMAND once on each alias over an exec channel (no pty), as `warroom run` does, with this
   * fleet's catalog, known_hosts and agent. Host key and authentication questions reach the window
   * like a shell's; "for all" answers hold for this run only. Unknown aliases are failed results.
   */
  async run(
    aliases: string[],
    command: string,
    opts: {
      fanout?: number;
      timeoutMs?: number;
      onHostDone?(r: HostRunResult): void;
      onHostOutput?(o: HostOutput): void;
      /** Counts after every host that starts or finishes. */
      onProgress?(counts: RunCounts): void;
      signal?: AbortSignal;
    } = {},
  ): Promise<RunResult> {
    const hosts: ResolvedHost[] = [];
    const unknown: HostRunResult[] = [];
    for (const alias of aliases) {
      const h = this.opts.catalog.resolve(alias);
      if (h) hosts.push(h);
      else {
        const message = `unknown host alias "${alias}": not in the ssh config, inventory or practice fleet`;
        unknown.push(notRun({ alias, hostname: alias }, { kind: 'config', message }));
      }
    }
    const tracker = new RunTracker(aliases.length);
    const done = (r: HostRunResult): void => {
      opts.onHostDone?.(r);
      opts.onProgress?.(tracker.finish(r));
    };
    opts.onProgress?.({ ...tracker.counts });
    // Hosts that cannot run at all are reported first: nothing is waited for to know it.
    for (const u of unknown) done(u);
    const batchId = ++this.batchSeq;
    this.batches.set(batchId, { pending: new Set(['run']), forAll: new Map() });
    try {
      const result = await runCommand({
        hosts,
        command,
        catalog: this.opts.catalog,
        knownHosts: this.opts.knownHosts,
        agentSocket: this.opts.agentSocket ?? process.env.SSH_AUTH_SOCK,
        fanout: opts.fanout ?? this.opts.fanout ?? 32,
        connectTimeoutMs: this.opts.connectTimeoutMs ?? 10_000,
        ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
        askHostKey: (q, signal) =>
          new Promise<HostKeyDecision>((resolve) => {
            const ticket = this.ask(q, resolve);
            signal.addEventListener('abort', () => {
              this.withdraw(ticket);
              resolve('reject');
            });
          }),
        ...(this.opts.events.authPrompt ? { askAuth: (q: AuthQuestion, signal: AbortSignal) => this.askAuth(batchId, q, signal) } : {}),
        onHostStart: (alias) => opts.onProgress?.(tracker.start(alias)),
        onHostDone: done,
        ...(opts.onHostOutput ? { onHostOutput: opts.onHostOutput } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      result.hosts.push(...unknown);
      if (unknown.length > 0) result.exitCode = Math.max(result.exitCode, FAILED_EXIT);
      return result;
    } finally {
      this.batches.delete(batchId);
    }
  }

  pendingAuth(): AuthPrompt[] {
    return [...this.authPrompts.values()].map((p) => p.prompt);
  }

  pendingHostKeys(): HostKeyPrompt[] {
    return [...this.prompts.values()].map((p) => p.prompt);
  }

  atSecretPrompt(sessionId: string): boolean {
    return this.byId.get(sessionId)?.atSecretPrompt() ?? false;
  }

  /** Closes every session and waits for their connections to go. */
  async close(): Promise<void> {
    this.closing = true;
    const all = [...this.byId.values()];
    this.byId.clear();
    await Promise.all(all.map((s) => s.close()));
  }

  /** Returns a ticket for this connection's place in the (possibly shared) question. */
  private ask(fields: Omit<HostKeyPrompt, 'promptId'>, answer: (d: HostKeyDecision) => void): string {
    const key = [fields.host, fields.port, fields.keyType, fields.fingerprint, fields.knownHostsFile].join('\0');
    const existing = this.promptByKey.get(key);
    let p = existing === undefined ? undefined : this.prompts.get(existing);
    const fresh = p === undefined;
    if (!p) {
      p = { prompt: { promptId: randomUUID(), ...fields }, key, waiters: new Map() };
      this.prompts.set(p.prompt.promptId, p);
      this.promptByKey.set(key, p.prompt.promptId);
    }
    const ticket = randomUUID();
    p.waiters.set(ticket, answer);
    this.promptOfTicket.set(ticket, p.prompt.promptId);
    if (fresh) this.opts.events.hostKeyPrompt(p.prompt);
    return ticket;
  }

  /** A waiting connection went away; the question goes too once nobody waits on it. */
  private withdraw(ticket: string): void {
    const promptId = this.promptOfTicket.get(ticket);
    if (promptId === undefined) return;
    this.promptOfTicket.delete(ticket);
    const p = this.prompts.get(promptId);
    p?.waiters.delete(ticket);
    if (p && p.waiters.size === 0) this.settle(promptId);
  }

  private askAuth(batchId: number, q: AuthQuestion, signal: AbortSignal): Promise<string[] | null> {
    const cached = this.batches.get(batchId)?.forAll.get(q.signature);
    if (cached) return Promise.resolve(cached);
    return new Promise((resolve) => {
      const prompt: AuthPrompt = { promptId: randomUUID(), alias: q.alias, kind: q.kind, title: q.title, instructions: q.instructions, prompts: q.prompts };
      this.authPrompts.set(prompt.promptId, { prompt, batch: batchId, signature: q.signature, answer: resolve });
      signal.addEventListener('abort', () => {
        this.settleAuth(prompt.promptId);
        resolve(null);
      });
      this.opts.events.authPrompt?.(prompt);
    });
  }

  private settleAuth(promptId: string): void {
    if (this.authPrompts.delete(promptId)) this.opts.events.authSettled?.(promptId);
  }

  /** Forget a connect's "for all" answers once none of its sessions can still ask. */
  private settleBatchMember(batchId: number, info: SessionInfo): void {
    const batch = this.batches.get(batchId);
    if (!batch) return;
    if (info.state === 'ready' || info.state === 'down' || info.state === 'closed') batch.pending.delete(info.sessionId);
    if (batch.pending.size === 0) this.batches.delete(batchId);
  }

  private settle(promptId: string): void {
    const p = this.prompts.get(promptId);
    if (!p) return;
    this.prompts.delete(promptId);
    if (this.promptByKey.get(p.key) === promptId) this.promptByKey.delete(p.key);
    this.opts.events.hostKeySettled(promptId);
  }
}
