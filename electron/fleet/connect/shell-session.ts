/**
 * One interactive shell on one host, kept alive: connect through its route (within the fan-out
 * limit), open a pty shell, pump its output, and when an established connection drops, reconnect
 * with backoff. Trust failures (host key, authentication) are never retried. Every state change is
 * reported.
 */
import type { ClientChannel } from 'ssh2';
import type { HostKeyDecision, HostKeyPrompt, SessionInfo, SessionState } from '../../../shared/model/host';
import type { HostCatalog, KnownHosts, ResolvedHost } from '../types';
import type { AskAuth } from './auth-prompt';
import { backoffDelay, type ReconnectPolicy } from './backoff';
import { capChannelWindow, DEFAULT_WINDOW_BYTES, openWithWindow, type ChannelWindow } from './channel-window';
import { describeHost } from './host-key-policy';
import type { Limiter } from './limiter';
import { OutputPump, type SkipPolicy } from './output-pump';
import { openRoute, type Route } from './route';
import { endsWithSecretPrompt } from './secret-prompt';
import { LinkError, type SshClient } from './ssh-link';

export interface ShellSessionDeps {
  catalog: HostCatalog;
  knownHosts: KnownHosts;
  agentSocket: string | undefined;
  connectTimeoutMs: number;
  limiter: Limiter;
  skip?: Partial<SkipPolicy>;
  /** The SSH window granted to each shell channel (DEFAULT_WINDOW_BYTES). */
  windowBytes?: number;
  reconnect: ReconnectPolicy | false;
  onState(info: SessionInfo): void;
  onData(sessionId: string, data: string): void;
  /** A skip dropped `chars` characters of output nobody could read (see OutputPump.input). */
  onSkipped(sessionId: string, chars: number): void;
  /** Chars emitted that the slowest reading window has not acknowledged yet. */
  behind(sessionId: string): number;
  /** Chars of this session the windows may be sent now, of `want` waiting (FlowLedger.roomFor); default: no limit. */
  room?(sessionId: string, want: number): number;
  /** Show the prompt; `answer` is called once with the user's decision. Returns the prompt id. */
  askHostKey(prompt: Omit<HostKeyPrompt, 'promptId'>, answer: (d: HostKeyDecision) => void): string;
  /** Withdraw a prompt nobody answered (the session went away). */
  withdrawHostKey(promptId: string): void;
  /** Passphrases, passwords, keyboard-interactive; absent: those methods are skipped. */
  askAuth?: AskAuth;
}

export class ShellSession {
  private state: SessionState = 'connecting';
  private reason: string | undefined;
  /** Reconnect attempt in progress or last made; 0 for the first connect. */
  private attempt = 0;
  /** Bumped by every new connection attempt; callbacks of older ones see a stale value and stop. */
  private generation = 0;
  private closedByUser = false;
  private route: Route | undefined;
  private client: SshClient | undefined;
  private stream: ClientChannel | undefined;
  private window: ChannelWindow | undefined;
  private releaseSlot: (() => void) | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly prompts = new Set<string>();
  private readonly acceptedOnce = new Set<string>();
  private exitStatus: string | undefined;
  private readonly pump: OutputPump;

  constructor(
    readonly id: string,
    readonly host: ResolvedHost,
    private cols: number,
    private rows: number,
    private readonly deps: ShellSessionDeps,
  ) {
    this.pump = new OutputPump({
      emit: (data) => this.deps.onData(this.id, data),
      skipped: (chars) => this.deps.onSkipped(this.id, chars),
      pause: () => this.stream?.pause(),
      resume: () => this.stream?.resume(),
      behind: () => this.deps.behind(this.id),
      room: (want) => this.deps.room?.(this.id, want) ?? Number.POSITIVE_INFINITY,
      // A pause leaves up to the channel's window (channel-window.ts) buffered in the stream.
      queued: () => this.stream?.readableLength ?? 0,
      ...(deps.skip ? { skip: deps.skip } : {}),
    });
  }

  info(): SessionInfo {
    const info: SessionInfo = { sessionId: this.id, alias: this.host.alias, hostname: this.host.hostname, state: this.state };
    if (this.reason !== undefined) info.reason = this.reason;
    if (this.attempt > 0) info.attempt = this.attempt;
    return info;
  }

  get isReady(): boolean {
    return this.state === 'ready' && this.stream !== undefined;
  }

  get isPaused(): boolean {
    return this.pump.isPaused;
  }

  get isSkipping(): boolean {
    return this.pump.isSkipping;
  }

  /** Output bytes buffered in the channel that the pump has not read (kept there while paused). */
  get queuedBytes(): number {
    return (this.stream?.readableLength ?? 0) + (this.stream?.stderr.readableLength ?? 0);
  }

  /** What the host may still send without a further grant (-1: ssh2 keeps its own 2 MiB window). */
  get grantedBytes(): number {
    if (!this.window) return 0;
    return this.window.capped ? Math.max(0, this.window.granted) : -1;
  }

  start(): void {
    this.deps.onState(this.info());
    void this.run(++this.generation);
  }

  /** Connect again now, whatever the state (a hung ready session included); resets the attempt count. */
  reconnect(): void {
    if (this.closedByUser) return;
    this.teardown();
    this.attempt = 1;
    this.setState('reconnecting', 'reconnect requested by the user');
    void this.run(++this.generation);
  }

  private async run(gen: number): Promise<void> {
    const release = await this.deps.limiter.acquire();
    if (gen !== this.generation) return release();
    this.releaseSlot = release;
    const route = openRoute(this.host, this.deps.catalog, {
      knownHosts: this.deps.knownHosts,
      agentSocket: this.deps.agentSocket,
      connectTimeoutMs: this.deps.connectTimeoutMs,
      acceptedOnce: this.acceptedOnce,
      onPhase: (phase, hop) => {
        if (gen !== this.generation) return;
        // A jump host's progress shows on the target's pane, named.
        const via = hop.alias === this.host.alias ? undefined : `${phase === 'verifying' ? 'verifying' : 'authenticating to'} jump host ${hop.alias}`;
        this.setState(phase, via);
      },
      askHostKey: (prompt, answer) => {
        const id = this.deps.askHostKey(prompt, (d) => {
          this.prompts.delete(id);
          answer(d);
        });
        this.prompts.add(id);
        return id;
      },
      withdrawHostKey: (id) => {
        this.prompts.delete(id);
        this.deps.withdrawHostKey(id);
      },
      // Neither the fan-out slot nor other hosts wait on the user reading a question.
      onWaitingForUser: () => this.freeSlot(),
      ...(this.deps.askAuth ? { askAuth: this.deps.askAuth } : {}),
    });
    this.route = route;
    route.onLost((e) => {
      if (gen === this.generation) this.lost(e);
    });
    let client: SshClient;
    try {
      client = await route.ready;
    } catch (e) {
      if (gen === this.generation) this.lost(e instanceof LinkError ? e : new LinkError(String(e), 'config'));
      return;
    }
    if (gen !== this.generation) return;
    this.client = client;
    const windowBytes = this.deps.windowBytes ?? DEFAULT_WINDOW_BYTES;
    const initialWindow = openWithWindow(client, windowBytes, () =>
      client.shell({ term: 'xterm-256color', cols: this.cols, rows: this.rows, width: 0, height: 0 }, (err, stream) => {
        if (gen !== this.generation) return;
        if (err) return this.lost(new LinkError(`could not open a shell on ${describeHost(this.host)}: ${err.message}`, 'exec'));
        this.freeSlot();
        this.stream = stream;
        this.exitStatus = undefined;
        if (this.pump.isPaused) stream.pause();
        stream.on('data', (chunk: Buffer) => this.pump.push(chunk));
        stream.stderr.on('data', (chunk: Buffer) => this.pump.push(chunk));
        // What a host may send ahead of the pump is bounded here, not at ssh2's 2 MiB (see channel-window).
        this.window = capChannelWindow(stream, windowBytes, initialWindow);
        stream.on('exit', (code: number | null, signal?: string) => {
          this.exitStatus = typeof code === 'number' ? `status ${code}` : `signal ${signal ?? 'unknown'}`;
        });
        stream.on('close', () => {
          if (gen !== this.generation) return;
          this.pump.end();
          // The shell ended on the host (exit, logout): a decision, not a fault; no reconnect.
          this.teardown();
          this.setState('closed', `shell on ${describeHost(this.host)} exited${this.exitStatus ? ` (${this.exitStatus})` : ''}`);
        });
        this.attempt = 0;
        this.setState('ready');
      }),
    );
  }

  /** A connection attempt failed or an established one dropped. */
  private lost(err: LinkError): void {
    const wasReady = this.state === 'ready';
    this.pump.end();
    this.teardown();
    const policy = this.deps.reconnect;
    // Retry what the network broke, once the session has worked (or is already retrying); never trust failures.
    const retry = policy && err.retryable && !this.closedByUser && (wasReady || this.attempt > 0) && this.attempt < policy.maxAttempts;
    if (!retry) return this.setState('down', err.message);
    this.attempt++;
    const delay = backoffDelay(this.attempt, policy);
    this.setState('reconnecting', `${err.message}; attempt ${this.attempt} of ${policy.maxAttempts} in ${(delay / 1000).toFixed(1)}s`);
    const gen = ++this.generation;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (gen === this.generation) void this.run(gen);
    }, delay);
  }

  private freeSlot(): void {
    this.releaseSlot?.();
    this.releaseSlot = undefined;
  }

  /** Drop the current connection attempt or connection, quietly. */
  private teardown(): void {
    this.generation++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.freeSlot();
    for (const id of [...this.prompts]) this.deps.withdrawHostKey(id);
    this.prompts.clear();
    this.stream = undefined;
    this.window = undefined;
    this.client = undefined;
    this.route?.cancel();
    this.route = undefined;
  }

  private setState(state: SessionState, reason?: string): void {
    this.state = state;
    this.reason = reason;
    this.deps.onState(this.info());
  }

  write(data: string): boolean {
    if (!this.isReady || !this.stream) return false;
    this.pump.input(data.includes('\x03'));
    // The channel buffers what the SSH window cannot take yet, so a huge paste arrives in full.
    this.stream.write(data);
    return true;
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
    this.stream?.setWindow(rows, cols, 0, 0);
  }

  /** Flow control from the windows: pause (on) or resume the shell's output. */
  hold(on: boolean): void {
    this.pump.hold(on);
  }

  /** The windows have room again: send what waits for it. */
  wake(): void {
    this.pump.wake();
  }

  atSecretPrompt(): boolean {
    return endsWithSecretPrompt(this.pump.tail);
  }

  /** The user closed this session. Resolves once its connection is gone (or after 3 s). */
  close(): Promise<void> {
    if (this.closedByUser) return Promise.resolve();
    this.closedByUser = true;
    const client = this.client;
    this.pump.flush();
    this.pump.dispose();
    let done: Promise<void> = Promise.resolve();
    if (client) {
      done = new Promise<void>((resolve) => {
        client.once('close', () => resolve());
        setTimeout(resolve, 3000).unref();
      });
    }
    this.teardown();
    this.setState('closed', 'disconnected by the user');
    return done;
  }
}
