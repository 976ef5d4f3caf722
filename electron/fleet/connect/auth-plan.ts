/**
 * The order credentials are offered in, as OpenSSH does it: "none" first (a probe that carries no
 * secret and tells us which methods the server takes), then the agent's keys, then key files.
 * IdentitiesOnly limits the agent to the keys whose files are configured. A key file that needs a
 * passphrase is skipped and named in the failure reason, never tried with a guess.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import ssh2 from 'ssh2';
import type { AuthenticationType, AuthHandlerMiddleware, IdentityCallback, NextAuthHandler, ParsedKey, SignCallback, SigningRequestOptions } from 'ssh2';
import type { ResolvedHost } from '../types';
import type { AskAuth, AuthQuestion } from './auth-prompt';
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

type AuthMethod = Parameters<NextAuthHandler>[0];

interface Step {
  label: string;
  needs: AuthenticationType;
  /** Builds the method when its turn comes (it may ask the user); null skips it. */
  make(): Promise<AuthMethod | null> | AuthMethod | null;
}

export interface AuthPlanOptions {
  agentSocket: string | undefined;
  /** Ask the user (passphrases, passwords, keyboard-interactive). Absent: those methods are skipped. */
  askAuth?: AskAuth;
  /** The connect timer stops while the user reads a question. */
  onWaitingForUser?(waiting: boolean): void;
}

export interface AuthPlan {
  handler: AuthHandlerMiddleware;
  /** Why authentication failed, naming the host, what was tried and what was skipped. */
  failureReason(): string;
  /** Withdraw any question still open (the connection is going away). */
  cancel(): void;
}

/** OpenSSH's NumberOfPasswordPrompts default. */
const PROMPT_TRIES = 3;

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

/**
 * Decrypted keys by file and passphrase digest, in memory only: bcrypt-pbkdf in pure JS takes about a
 * second per key, and a run over many hosts would otherwise pay it for every host.
 */
const decrypted = new Map<string, ParsedKey>();

function decrypt(path: string, data: Buffer, passphrase: string): ParsedKey | undefined {
  const id = `${path}\0${createHash('sha256').update(data).update('\0').update(passphrase).digest('hex')}`;
  const hit = decrypted.get(id);
  if (hit) return hit;
  const key = utils.parseKey(data, passphrase);
  if (key instanceof Error) return undefined;
  decrypted.set(id, key);
  return key;
}

const needsPassphrase = (e: Error): boolean => /passphrase|encrypted|bad decrypt|integrity check/i.test(e.message);

export function buildAuthPlan(host: ResolvedHost, opts: AuthPlanOptions): AuthPlan {
  const steps: Step[] = [];
  const skipped: string[] = [];
  const username = host.user;
  const aborter = new AbortController();
  /** Methods the user declined (Ctrl-C at ssh's prompt): not asked again in this attempt. */
  const declined = new Set<AuthenticationType>();
  const ask = async (q: Omit<AuthQuestion, 'alias'>): Promise<string[] | null> => {
    if (!opts.askAuth || aborter.signal.aborted) return null;
    opts.onWaitingForUser?.(true);
    try {
      return await opts.askAuth({ alias: host.alias, ...q }, aborter.signal);
    } catch {
      return null;
    } finally {
      opts.onWaitingForUser?.(false);
    }
  };

  const plainKeys: Array<{ path: string; data: Buffer }> = [];
  const lockedKeys: Array<{ path: string; data: Buffer }> = [];
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
      if (needsPassphrase(parsed)) lockedKeys.push({ path, data });
      else skipped.push(`${path} (${parsed.message})`);
      continue;
    }
    plainKeys.push({ path, data });
  }

  const agentSocket = opts.agentSocket;
  if (agentSocket && isSocket(agentSocket)) {
    if (host.identitiesOnly) {
      const allowed = new Set(host.identityFiles.map(publicBlobOfFile).filter((b): b is string => b !== undefined));
      if (allowed.size > 0) {
        const agent = new OnlyTheseKeysAgent(agentSocket, allowed);
        steps.push({ label: `agent ${agentSocket} (IdentitiesOnly: identity-file keys only)`, needs: 'publickey', make: () => ({ type: 'agent', username, agent }) });
      }
    } else {
      steps.push({ label: `agent ${agentSocket}`, needs: 'publickey', make: () => ({ type: 'agent', username, agent: agentSocket }) });
    }
  }
  // Key files in the order configured, as ssh does; a locked one asks for its passphrase when its turn comes.
  for (const path of host.identityFiles) {
    const plain = plainKeys.find((k) => k.path === path);
    if (plain) {
      steps.push({ label: `key ${path}`, needs: 'publickey', make: () => ({ type: 'publickey', username, key: plain.data }) });
      continue;
    }
    const locked = lockedKeys.find((k) => k.path === path);
    if (!locked) continue;
    if (!opts.askAuth) {
      skipped.push(`${path} (needs a passphrase)`);
      continue;
    }
    steps.push({
      label: `key ${path} (with passphrase)`,
      needs: 'publickey',
      make: async () => {
        for (let i = 0; i < PROMPT_TRIES; i++) {
          const a = await ask({
            kind: 'passphrase',
            title: `Enter passphrase for key '${path}'`,
            instructions: i > 0 ? 'Bad passphrase, try again.' : '',
            prompts: [{ prompt: 'Passphrase: ', echo: false }],
            signature: `passphrase\0${path}`,
          });
          if (a === null || a[0] === undefined) break;
          const key = decrypt(path, locked.data, a[0]);
          if (key) return { type: 'publickey', username, key };
        }
        skipped.push(`${path} (no usable passphrase given)`);
        return null;
      },
    });
  }
  if (opts.askAuth) {
    for (let i = 0; i < PROMPT_TRIES; i++) {
      steps.push({
        label: i === 0 ? 'keyboard-interactive' : `keyboard-interactive (try ${i + 1})`,
        needs: 'keyboard-interactive',
        make: () => ({
          type: 'keyboard-interactive',
          username,
          prompt: (name, instructions, _lang, prompts, finish) => {
            if (prompts.length === 0) return finish([]);
            void ask({
              kind: 'keyboard-interactive',
              title: name || `${username}@${host.alias}`,
              instructions,
              prompts: prompts.map((p) => ({ prompt: p.prompt, echo: p.echo ?? false })),
              signature: `kbd\0${username}\0${name}\0${instructions}\0${prompts.map((p) => p.prompt).join('\0')}`,
            }).then((a) => {
              if (a === null) declined.add('keyboard-interactive');
              finish(a ?? prompts.map(() => ''));
            });
          },
        }),
      });
    }
    for (let i = 0; i < PROMPT_TRIES; i++) {
      steps.push({
        label: i === 0 ? 'password' : `password (try ${i + 1})`,
        needs: 'password',
        make: async () => {
          const a = await ask({
            kind: 'password',
            title: `${username}@${host.alias}'s password`,
            instructions: i > 0 ? 'Permission denied, please try again.' : '',
            prompts: [{ prompt: 'Password: ', echo: false }],
            signature: `password\0${username}`,
          });
          return a && a[0] !== undefined ? { type: 'password', username, password: a[0] } : null;
        },
      });
    }
  }

  const tried: string[] = [];
  let serverMethods: string[] | null = null;
  let probed = false;
  let next = 0;
  const handler: AuthHandlerMiddleware = (methodsLeft, _partial, callback) => {
    if (methodsLeft) serverMethods = methodsLeft;
    const done = callback as unknown as (m: AuthMethod | false) => void; // ssh2 takes `false` as "no more methods"; its typings omit it
    if (!probed) {
      probed = true;
      done({ type: 'none', username });
      return;
    }
    const advance = (): void => {
      while (next < steps.length) {
        const step = steps[next++]!;
        if (serverMethods && !serverMethods.includes(step.needs)) continue;
        if (declined.has(step.needs) && step.needs !== 'publickey') continue;
        const made = step.make();
        const use = (m: AuthMethod | null): void => {
          if (aborter.signal.aborted) return;
          if (m === null) {
            // Declining a password or an OTP once means "not this way", as Ctrl-C at ssh's prompt would.
            declined.add(step.needs);
            advance();
            return;
          }
          tried.push(step.label);
          done(m);
        };
        if (made instanceof Promise) void made.then(use, () => use(null));
        else use(made);
        return;
      }
      done(false);
    };
    advance();
  };

  return {
    handler,
    failureReason() {
      const parts = [`authentication failed for ${username}@${describeHost(host)}`];
      const uniq = [...new Set(tried.map((t) => t.replace(/ \(try \d+\)$/, '')))];
      parts.push(uniq.length ? `tried ${uniq.join(', ')}` : 'no usable credential (no agent keys, no readable unencrypted key file)');
      if (skipped.length) parts.push(`skipped ${[...new Set(skipped)].join(', ')}`);
      if (serverMethods) parts.push(`server accepts ${serverMethods.join(', ') || 'nothing'}`);
      return parts.join('; ');
    },
    cancel() {
      aborter.abort();
    },
  };
}
