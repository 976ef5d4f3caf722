/**
 * One interactive shell on one host: connect (within the fan-out limit), verify the host key,
 * authenticate, open a pty shell, and pump its output. Every state change is reported.
 * The host key is settled inside ssh2's hostVerifier, which runs during key exchange, before the
 * "ssh-userauth" service is even requested: no credential can leave before the key is accepted.
 */
import ssh2 from 'ssh2';
import type { ClientChannel } from 'ssh2';
import type { HostKeyDecision, HostKeyPrompt, SessionInfo, SessionState } from '../../../shared/model/host';
import type { HostKeyCheck, KnownHosts, ResolvedHost } from '../types';
import { buildAuthPlan } from './auth-plan';
import { describeHost, hostKeyVerdict, knownHostsLookup } from './host-key-policy';
import { keyTypeOf, sha256Fingerprint } from './key-blob';
import type { Limiter } from './limiter';
import { OutputPump, type FlowControl } from './output-pump';
import { networkReason } from './reasons';
import { endsWithSecretPrompt } from './secret-prompt';

const { Client } = ssh2;
type SshClient = InstanceType<typeof Client>;

export interface ShellSessionDeps {
  knownHosts: KnownHosts;
  agentSocket: string | undefined;
  connectTimeoutMs: number;
  limiter: Limiter;
  flowControl: FlowControl | false;
  onState(info: SessionInfo): void;
  onData(sessionId: string, data: string): void;
  /** Show the prompt; `answer` is called once with the user's decision. Returns the prompt id. */
  askHostKey(prompt: Omit<HostKeyPrompt, 'promptId'>, answer: (d: HostKeyDecision) => void): string;
  /** Withdraw a prompt nobody answered (the session went away). */
  withdrawHostKey(promptId: string): void;
}

export class ShellSession {
  private state: SessionState = 'connecting';
  private reason: string | undefined;
  private finished = false;
  private client: SshClient | undefined;
  private stream: ClientChannel | undefined;
  private pump: OutputPump | undefined;
  private timer: NodeJS.Timeout | undefined;
  private releaseSlot: (() => void) | undefined;
  private promptId: string | undefined;
  private verifiedKey: Buffer | undefined;
  private exitStatus: string | undefined;
  private markGone: () => void = () => undefined;
  private readonly gone = new Promise<void>((resolve) => {
    this.markGone = resolve;
  });

  constructor(
    readonly id: string,
    readonly host: ResolvedHost,
    private cols: number,
    private rows: number,
    private readonly deps: ShellSessionDeps,
  ) {}

  info(): SessionInfo {
    const info: SessionInfo = { sessionId: this.id, alias: this.host.alias, hostname: this.host.hostname, state: this.state };
    if (this.reason !== undefined) info.reason = this.reason;
    return info;
  }

  get isReady(): boolean {
    return this.state === 'ready' && this.stream !== undefined;
  }

  get unackedChars(): number {
    return this.pump?.unacked ?? 0;
  }

  get isPaused(): boolean {
    return this.pump?.isPaused ?? false;
  }

  start(): void {
    this.deps.onState(this.info());
    void this.run();
  }

  private async run(): Promise<void> {
    const release = await this.deps.limiter.acquire();
    if (this.finished) return release();
    this.releaseSlot = release;
    this.armTimer();
    const plan = buildAuthPlan(this.host, this.deps.agentSocket);
    const client = new Client();
    this.client = client;
    client.on('ready', () => this.openShell());
    client.on('error', (err: Error & { level?: string; code?: string }) => {
      if (err.level === 'client-authentication') this.fail(plan.failureReason());
      else this.fail(networkReason(this.host, err));
    });
    client.on('close', () => {
      this.markGone();
      if (this.finished) return;
      if (this.state === 'ready') this.fail(`connection to ${describeHost(this.host)} lost`);
      else this.fail(`${describeHost(this.host)} closed the connection during ${this.state}`);
    });
    try {
      client.connect({
        host: this.host.hostname,
        port: this.host.port,
        username: this.host.user,
        // Our own timer covers the connect; ssh2's would also run while the user reads a host key prompt.
        readyTimeout: 0,
        hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => this.verifyHostKey(key, verify),
        authHandler: plan.handler,
        keepaliveInterval: this.host.serverAliveInterval > 0 ? this.host.serverAliveInterval * 1000 : 0,
        keepaliveCountMax: this.host.serverAliveCountMax,
      });
    } catch (e) {
      this.fail(`${describeHost(this.host)}: ${(e as Error).message}`);
    }
  }

  private armTimer(): void {
    this.clearTimer();
    const ms = this.host.connectTimeout !== undefined ? this.host.connectTimeout * 1000 : this.deps.connectTimeoutMs;
    this.timer = setTimeout(() => {
      this.fail(`timed out after ${ms / 1000}s while ${this.state === 'connecting' ? 'connecting to' : `${this.state}`} ${describeHost(this.host)}`);
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setState(state: SessionState, reason?: string): void {
    this.state = state;
    this.reason = reason;
    this.deps.onState(this.info());
  }

  private verifyHostKey(key: Buffer, verify: (ok: boolean) => void): void {
    if (this.finished) return verify(false);
    if (this.verifiedKey) {
      // A re-key: the host must present the same key it proved at the start.
      if (this.verifiedKey.equals(key)) return verify(true);
      this.fail(`${describeHost(this.host)} offered a different host key (${sha256Fingerprint(key)}) during re-keying; refused`);
      return verify(false);
    }
    this.setState('verifying');
    let keyType: string;
    let check: HostKeyCheck;
    const fingerprint = sha256Fingerprint(key);
    const { name, port } = knownHostsLookup(this.host);
    try {
      keyType = keyTypeOf(key);
      check = this.deps.knownHosts.check(this.host.knownHostsFiles, name, port, keyType, key);
    } catch (e) {
      this.fail(`cannot verify the host key of ${describeHost(this.host)}: ${(e as Error).message}`);
      return verify(false);
    }
    const accept = (): void => {
      this.verifiedKey = key;
      this.setState('authenticating');
      verify(true);
    };
    const save = (): boolean => {
      try {
        this.deps.knownHosts.add(this.host.knownHostsWriteFile, name, port, keyType, key, this.host.hashKnownHosts);
        return true;
      } catch (e) {
        this.fail(`could not save the host key of ${describeHost(this.host)} to ${this.host.knownHostsWriteFile}: ${(e as Error).message}`);
        verify(false);
        return false;
      }
    };
    const verdict = hostKeyVerdict(this.host, check, { keyType, fingerprint });
    switch (verdict.action) {
      case 'accept':
        return accept();
      case 'save':
        if (save()) accept();
        return;
      case 'refuse':
        this.fail(verdict.reason);
        return verify(false);
      case 'ask':
        // The user may take a while: neither the connect timer nor a fan-out slot waits on them.
        this.clearTimer();
        this.releaseSlot?.();
        this.promptId = this.deps.askHostKey(
          { alias: this.host.alias, host: name, port, keyType, fingerprint, knownHostsFile: this.host.knownHostsWriteFile },
          (decision) => {
            this.promptId = undefined;
            if (this.finished) return;
            if (decision === 'reject') {
              this.fail(`host key of ${describeHost(this.host)} (${keyType} ${fingerprint}) rejected by the user`);
              return verify(false);
            }
            this.armTimer();
            if (decision === 'accept-save' && !save()) return;
            accept();
          },
        );
    }
  }

  private openShell(): void {
    const client = this.client;
    if (!client || this.finished) return;
    client.shell({ term: 'xterm-256color', cols: this.cols, rows: this.rows, width: 0, height: 0 }, (err, stream) => {
      if (this.finished) return;
      if (err) return this.fail(`could not open a shell on ${describeHost(this.host)}: ${err.message}`);
      this.clearTimer();
      this.releaseSlot?.();
      this.stream = stream;
      const pump = new OutputPump({
        emit: (data) => this.deps.onData(this.id, data),
        pause: () => stream.pause(),
        resume: () => stream.resume(),
        flowControl: this.deps.flowControl,
      });
      this.pump = pump;
      stream.on('data', (chunk: Buffer) => pump.push(chunk));
      stream.stderr.on('data', (chunk: Buffer) => pump.push(chunk));
      stream.on('exit', (code: number | null, signal?: string) => {
        this.exitStatus = code !== null && code !== undefined ? `status ${code}` : `signal ${signal ?? 'unknown'}`;
      });
      stream.on('close', () => {
        pump.end();
        this.finish('closed', `shell on ${describeHost(this.host)} exited${this.exitStatus ? ` (${this.exitStatus})` : ''}`);
      });
      this.setState('ready');
    });
  }

  write(data: string): boolean {
    if (!this.isReady || !this.stream) return false;
    // The channel buffers what the SSH window cannot take yet, so a huge paste arrives in full.
    this.stream.write(data);
    return true;
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
    this.stream?.setWindow(rows, cols, 0, 0);
  }

  ack(chars: number): void {
    this.pump?.ack(chars);
  }

  atSecretPrompt(): boolean {
    return this.pump !== undefined && endsWithSecretPrompt(this.pump.tail);
  }

  /** The user closed this session. */
  close(): void {
    this.pump?.flush();
    this.finish('closed', 'disconnected by the user');
  }

  private fail(reason: string): void {
    this.finish('down', reason);
  }

  private finish(state: 'down' | 'closed', reason: string): void {
    if (this.finished) return;
    this.finished = true;
    this.clearTimer();
    this.releaseSlot?.();
    if (this.promptId !== undefined) {
      this.deps.withdrawHostKey(this.promptId);
      this.promptId = undefined;
    }
    this.pump?.dispose();
    this.stream = undefined;
    const client = this.client;
    if (client) {
      client.on('error', () => undefined); // late errors after we gave up are expected, not crashes
      client.end();
      // end() waits for the server; a dead link would keep the socket for minutes.
      setTimeout(() => client.destroy(), 2000).unref();
    }
    this.setState(state, reason);
  }

  /** Resolves once the underlying connection is gone (at once if it never opened). */
  closed(): Promise<void> {
    if (!this.client) return Promise.resolve();
    this.client.destroy();
    return this.gone;
  }
}
