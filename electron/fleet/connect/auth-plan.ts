/**
 * The order credentials are offered in, as OpenSSH does it: "none" first (a probe that carries no
 * secret and tells us which methods the server takes), then the agent's keys, then key files.
 * IdentitiesOnly limits the agent to the keys whose files are configured. A key file that needs a
 * passphrase is skipped and named in the failure reason, never tried with a guess.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import ssh2 from 'ssh2';
import type { AuthenticationType, AuthHandlerMiddleware, IdentityCallback, NextAuthHandler, ParsedKey, SignCallback, SigningRequestOptions } from 'ssh2';
import type { ResolvedHost } from '../types';
import { describeHost } from './host-key-policy';

const { BaseAgent, OpenSSHAgent, utils } = ssh2;

type AgentKey = string | Buffer | ParsedKey;

function agentKeyBlob(k: unknown): string | undefined {
  if (typeof k === 'object' && k !== null && 'getPublicSSH' in k && typeof k.getPublicSSH === 'function') {
    const blob: unknown = k.getPublicSSH();
    return Buffer.isBuffer(blob) ? blob.toString('base64') : undefined;
  }
  return undefined;
}

/** The agent restricted to the public keys of the configured identity files (IdentitiesOnly). */
class OnlyTheseKeysAgent extends BaseAgent {
  private readonly inner: InstanceType<typeof OpenSSHAgent>;

  constructor(socket: string, private readonly allowed: ReadonlySet<string>) {
    super();
    this.inner = new OpenSSHAgent(socket);
  }

  override getIdentities(cb: IdentityCallback<AgentKey>): void {
    this.inner.getIdentities((err, keys) => {
      if (err) return cb(err);
      const blobOk = (k: unknown): boolean => {
        const b = agentKeyBlob(k);
        return b !== undefined && this.allowed.has(b);
      };
      cb(undefined, (keys ?? []).filter(blobOk) as AgentKey[]);
    });
  }

  override sign(pubKey: AgentKey, data: Buffer, options: SigningRequestOptions, cb?: SignCallback): void;
  override sign(pubKey: AgentKey, data: Buffer, cb: SignCallback): void;
  override sign(pubKey: AgentKey, data: Buffer, a: SigningRequestOptions | SignCallback, b?: SignCallback): void {
    if (typeof a === 'function') this.inner.sign(pubKey, data, a);
    else this.inner.sign(pubKey, data, a, b);
  }
}

interface Step {
  label: string;
  needs: AuthenticationType;
  method: Parameters<NextAuthHandler>[0];
}

export interface AuthPlan {
  handler: AuthHandlerMiddleware;
  /** Why authentication failed, naming the host, what was tried and what was skipped. */
  failureReason(): string;
}

function publicBlobOfFile(path: string): string | undefined {
  try {
    const parsed = utils.parseKey(readFileSync(`${path}.pub`));
    if (parsed instanceof Error) return undefined;
    return parsed.getPublicSSH().toString('base64');
  } catch {
    return undefined;
  }
}

function isSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}

export function buildAuthPlan(host: ResolvedHost, agentSocket: string | undefined): AuthPlan {
  const steps: Step[] = [];
  const skipped: string[] = [];
  const username = host.user;

  const keyFiles: Array<{ path: string; data: Buffer }> = [];
  for (const path of host.identityFiles) {
    if (!existsSync(path)) continue; // OpenSSH silently ignores missing default identities too
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch (e) {
      skipped.push(`${path} (unreadable: ${(e as Error).message})`);
      continue;
    }
    const parsed = utils.parseKey(data);
    if (parsed instanceof Error) {
      skipped.push(/passphrase|encrypted/i.test(parsed.message) ? `${path} (needs a passphrase)` : `${path} (${parsed.message})`);
      continue;
    }
    keyFiles.push({ path, data });
  }

  if (agentSocket && isSocket(agentSocket)) {
    if (host.identitiesOnly) {
      const allowed = new Set(host.identityFiles.map(publicBlobOfFile).filter((b): b is string => b !== undefined));
      if (allowed.size > 0) {
        steps.push({ label: `agent ${agentSocket} (IdentitiesOnly: identity-file keys only)`, needs: 'publickey', method: { type: 'agent', username, agent: new OnlyTheseKeysAgent(agentSocket, allowed) } });
      }
    } else {
      steps.push({ label: `agent ${agentSocket}`, needs: 'publickey', method: { type: 'agent', username, agent: agentSocket } });
    }
  }
  for (const f of keyFiles) steps.push({ label: `key ${f.path}`, needs: 'publickey', method: { type: 'publickey', username, key: f.data } });

  const tried: string[] = [];
  let serverMethods: string[] | null = null;
  let probed = false;
  let next = 0;

  const handler: AuthHandlerMiddleware = (methodsLeft, _partial, callback) => {
    if (methodsLeft) serverMethods = methodsLeft;
    if (!probed) {
      probed = true;
      callback({ type: 'none', username });
      return;
    }
    while (next < steps.length) {
      const step = steps[next++]!;
      if (serverMethods && !serverMethods.includes(step.needs)) continue;
      tried.push(step.label);
      callback(step.method);
      return;
    }
    // ssh2 takes `false` as "no more methods"; its typings omit it.
    (callback as unknown as (done: false) => void)(false);
  };

  return {
    handler,
    failureReason() {
      const parts = [`authentication failed for ${username}@${describeHost(host)}`];
      parts.push(tried.length ? `tried ${tried.join(', ')}` : 'no usable credential (no agent keys, no readable unencrypted key file)');
      if (skipped.length) parts.push(`skipped ${skipped.join(', ')}`);
      if (serverMethods) parts.push(`server accepts ${serverMethods.join(', ') || 'nothing'}`);
      return parts.join('; ');
    },
  };
}
