/**
 * One authenticated SSH connection to one host (a jump host or the target): TCP or a given
 * stream, host key verified inside ssh2's hostVerifier (during key exchange, before the
 * "ssh-userauth" service is requested, so no credential can leave first), then authentication in
 * OpenSSH's order. Each hop of a ProxyJump chain is one link, checked by its own config.
 */
import type { z } from 'zod';
import type { FailureKind as FailureKindSchema } from '../../../shared/model/run';
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import type { ServerHostKeyAlgorithm } from 'ssh2';
import type { HostKeyDecision, HostKeyPrompt } from '../../../shared/model/host';
import { blobKeyType, fingerprintSha256 } from '../config/known-hosts/fingerprint';
import type { HostKeyCheck, KnownHosts, ResolvedHost } from '../types';
import { buildAuthPlan } from './auth-plan';
import type { AskAuth } from './auth-prompt';
import { hostKeyAlgorithms, knownKeyTypes } from './host-key-algos';
import { describeHost, hostKeyVerdict, knownHostsLookup } from './host-key-policy';
import { networkReason } from './reasons';

const { Client } = ssh2;
export type SshClient = InstanceType<typeof Client>;

/** What went wrong, as `warroom run` reports it per host. */
/** Why a host could not be reached or run a command; the contract's enum (shared/model/run.ts). */
export type FailureKind = z.infer<typeof FailureKindSchema>;

/** Why a link failed. Only network faults are worth retrying; trust and config failures are not. */
export class LinkError extends Error {
  override name = 'LinkError';
  constructor(message: string, readonly kind: FailureKind) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind === 'timeout' || this.kind === 'unreachable' || this.kind === 'lost';
  }
}

export interface LinkDeps {
  knownHosts: KnownHosts;
  agentSocket: string | undefined;
  connectTimeoutMs: number;
  /** Keys the user accepted once earlier in this session ("name:port:base64"); reconnects do not ask again. */
  acceptedOnce: Set<string>;
  onPhase(phase: 'verifying' | 'authenticating', host: ResolvedHost): void;
  /**
   * Show a host key prompt; `answer` is called once. Returns the prompt id. Absent when nobody can
   * be asked (the CLI without a TTY): an unknown key under `ask` is then refused.
   */
  askHostKey?(prompt: Omit<HostKeyPrompt, 'promptId'>, answer: (d: HostKeyDecision) => void): string;
  withdrawHostKey(promptId: string): void;
  /** Why nobody can be asked, for the refusal. */
  cannotAsk?: string;
  /** Ask for passphrases, passwords and keyboard-interactive answers; absent: those are skipped. */
  askAuth?: AskAuth;
  /** While a prompt waits for the user, the caller may give back its fan-out slot. */
  onWaitingForUser?(): void;
}

export interface Link {
  client: SshClient;
  /** Resolves once authenticated; rejects with a LinkError. */
  ready: Promise<SshClient>;
  /** Called at most once, when an established link drops. */
  onLost(cb: (err: LinkError) => void): void;
  /** Stop now: withdraw any prompt, close the connection. */
  cancel(): void;
}

export function openLink(host: ResolvedHost, deps: LinkDeps, sock?: Duplex): Link {
  const who = describeHost(host);
  const client = new Client();
  const plan = buildAuthPlan(host, {
    agentSocket: deps.agentSocket,
    ...(deps.askAuth ? { askAuth: deps.askAuth } : {}),
    onWaitingForUser: (waiting) => {
      if (!waiting) return arm();
      disarm();
      deps.onWaitingForUser?.();
    },
  });
  let settled = false;
  let established = false;
  let lostCb: ((err: LinkError) => void) | undefined;
  let lostErr: LinkError | undefined;
  let timer: NodeJS.Timeout | undefined;
  let promptId: string | undefined;
  let trustFailure: LinkError | undefined;
  let phase = 'connecting to';
  let resolveReady!: (c: SshClient) => void;
  let rejectReady!: (e: LinkError) => void;
  const ready = new Promise<SshClient>((res, rej) => {
    resolveReady = res;
    rejectReady = rej;
  });
  // A rejection nobody awaits (a cancelled link) must not crash the process.
  ready.catch(() => undefined);

  const timeoutMs = host.connectTimeout !== undefined ? host.connectTimeout * 1000 : deps.connectTimeoutMs;
  const arm = (): void => {
    disarm();
    if (settled) return; // a late answer after the link already failed
    timer = setTimeout(() => fail(new LinkError(`timed out after ${timeoutMs / 1000}s while ${phase} ${who}`, 'timeout')), timeoutMs);
  };
  const disarm = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  const withdraw = (): void => {
    if (promptId !== undefined) deps.withdrawHostKey(promptId);
    promptId = undefined;
  };
  const shutdown = (): void => {
    disarm();
    withdraw();
    plan.cancel();
    client.end();
    // end() waits politely for the server; a dead link would hold the socket for minutes.
    setTimeout(() => client.destroy(), 2000).unref();
  };
  const fail = (err: LinkError): void => {
    if (settled) {
      if (established && !lostErr) {
        lostErr = err;
        lostCb?.(err);
      }
      return;
    }
    settled = true;
    shutdown();
    rejectReady(err);
  };

  client.on('error', (err: Error & { level?: string; code?: string }) => {
    if (trustFailure) return fail(trustFailure);
    if (err.level === 'client-authentication') return fail(new LinkError(plan.failureReason(), 'auth'));
    if (err.message === 'Keepalive timeout') {
      return fail(new LinkError(`${who} stopped answering: ${host.serverAliveCountMax} keepalives unanswered (ServerAliveInterval ${host.serverAliveInterval}s)`, 'timeout'));
    }
    fail(new LinkError(networkReason(host, err), err.code === undefined && err.level === 'protocol' ? 'lost' : 'unreachable'));
  });
  client.on('close', () => {
    if (trustFailure) return fail(trustFailure);
    fail(new LinkError(established ? `connection to ${who} lost` : `${who} closed the connection while ${phase}`, 'lost'));
  });
  client.on('ready', () => {
    if (settled) return;
    settled = true;
    established = true;
    disarm();
    resolveReady(client);
  });

  const verifyHostKey = (key: Buffer, verify: (ok: boolean) => void): void => {
    if (settled && !established) return verify(false);
    if (verifiedKey) {
      // A re-key: the host must present the key it proved at the start.
      if (verifiedKey.equals(key)) return verify(true);
      trustFailure = new LinkError(`${who} offered a different host key (${fingerprintSha256(key)}) while re-keying; refused`, 'hostkey');
      verify(false);
      return fail(trustFailure);
    }
    phase = 'verifying the host key of';
    deps.onPhase('verifying', host);
    const fingerprint = fingerprintSha256(key);
    const { name, port } = knownHostsLookup(host);
    let keyType: string;
    let check: HostKeyCheck;
    try {
      const t = blobKeyType(key);
      if (t === undefined) throw new Error('the host key is not an SSH public key blob');
      keyType = t;
      check = deps.knownHosts.check(host.knownHostsFiles, name, port, keyType, key);
    } catch (e) {
      return refuse(`cannot verify the host key of ${who}: ${(e as Error).message}`);
    }
    const onceId = `${name}:${port}:${key.toString('base64')}`;
    if (check.status === 'unknown' && deps.acceptedOnce.has(onceId)) check = { status: 'known', file: '(accepted once in this session)', line: 0 };
    const accept = (): void => {
      verifiedKey = key;
      phase = 'authenticating to';
      deps.onPhase('authenticating', host);
      verify(true);
    };
    const save = (): boolean => {
      try {
        deps.knownHosts.add(host.knownHostsWriteFile, name, port, keyType, key, host.hashKnownHosts);
        return true;
      } catch (e) {
        refuse(`could not save the host key of ${who} to ${host.knownHostsWriteFile}: ${(e as Error).message}`);
        return false;
      }
    };
    function refuse(reason: string): void {
      trustFailure = new LinkError(reason, 'hostkey');
      verify(false);
      fail(trustFailure);
    }
    const verdict = hostKeyVerdict(host, check, { keyType, fingerprint });
    switch (verdict.action) {
      case 'accept':
        return accept();
      case 'save':
        if (save()) accept();
        return;
      case 'refuse':
        return refuse(verdict.reason);
      case 'ask':
        if (!deps.askHostKey) {
          return refuse(
            `unknown host key for ${who}: ${keyType} ${fingerprint} is not in ${host.knownHostsFiles.join(', ') || 'any known_hosts file'}; ` +
              `StrictHostKeyChecking is ask and ${deps.cannotAsk ?? 'there is nobody to ask'}; refused`,
          );
        }
        // The user may take a while: the connect timer does not run while they read.
        disarm();
        deps.onWaitingForUser?.();
        promptId = deps.askHostKey(
          { alias: host.alias, host: name, port, keyType, fingerprint, knownHostsFile: host.knownHostsWriteFile },
          (decision) => {
            promptId = undefined;
            if (settled) return;
            if (decision === 'reject') return refuse(`host key of ${who} (${keyType} ${fingerprint}) rejected by the user`);
            arm();
            if (decision === 'accept-once') deps.acceptedOnce.add(onceId);
            if (decision === 'accept-save' && !save()) return;
            accept();
          },
        );
    }
  };
  let verifiedKey: Buffer | undefined;

  arm();
  const lookup = knownHostsLookup(host);
  let serverHostKey: ServerHostKeyAlgorithm[] | undefined;
  try {
    serverHostKey = hostKeyAlgorithms(knownKeyTypes(deps.knownHosts, host.knownHostsFiles, lookup.name, lookup.port));
  } catch {
    serverHostKey = undefined;
  }
  try {
    client.connect({
      ...(serverHostKey ? { algorithms: { serverHostKey } } : {}),
      ...(sock ? { sock } : { host: host.hostname, port: host.port }),
      username: host.user,
      // Our own timer covers the connect; ssh2's would also run while the user reads a host key prompt.
      readyTimeout: 0,
      hostVerifier: verifyHostKey,
      authHandler: plan.handler,
      keepaliveInterval: host.serverAliveInterval > 0 ? host.serverAliveInterval * 1000 : 0,
      keepaliveCountMax: host.serverAliveCountMax,
    });
    // Interactive: a keystroke must leave now, not wait for Nagle to gather a segment (about 40 ms
    // with delayed ACKs), as OpenSSH sets TCP_NODELAY for interactive sessions.
    client.setNoDelay(true);
  } catch (e) {
    fail(new LinkError(`${who}: ${(e as Error).message}`, 'config'));
  }

  return {
    client,
    ready,
    onLost(cb) {
      lostCb = cb;
      if (lostErr) cb(lostErr);
    },
    cancel() {
      if (!settled) {
        settled = true;
        rejectReady(new LinkError('cancelled', 'cancelled'));
      }
      established = false;
      shutdown();
    },
  };
}
