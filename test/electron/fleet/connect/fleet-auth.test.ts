import { execFileSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Fleet } from '../../../../electron/fleet/fleet';
import type { ResolvedHost } from '../../../../electron/fleet/types';
import { startAgent } from '../../../fixtures/ssh-agent';
import { startSshdFleet, type SshdFleet } from '../../../fixtures/sshd-fleet';
import { catalogOf, isDown, isReady, realKnownHosts, recorder, resolvedHost } from './helpers';

const keygen = (path: string, passphrase = ''): void => {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', path, '-f', path]);
};

describe('authentication against real OpenSSH', () => {
  let sshd: SshdFleet;
  let agent: ChildProcess | undefined;
  let agentSock: string;
  let agentKey: string;
  let strangerKey: string;
  let lockedKey: string;
  let fleet: Fleet | undefined;

  beforeAll(async () => {
    sshd = await startSshdFleet({ count: 2, hostnames: ['auth-a', 'auth-b'], extraConfig: 'LogLevel VERBOSE' });
    agentKey = join(sshd.dir, 'agent_key');
    strangerKey = join(sshd.dir, 'stranger_key'); // not authorized anywhere
    lockedKey = join(sshd.dir, 'locked_key');
    keygen(agentKey);
    keygen(strangerKey);
    keygen(lockedKey, 'correct horse');
    appendFileSync(sshd.authorizedKeysPath, readFileSync(`${agentKey}.pub`));
    appendFileSync(sshd.authorizedKeysPath, readFileSync(`${lockedKey}.pub`));
    // A private agent in the foreground (-D) so its PID is ours to kill.
    agentSock = join(sshd.dir, 'agent.sock');
    agent = (await startAgent(agentSock, [agentKey])).process;
  });
  afterEach(async () => {
    await fleet?.close();
    fleet = undefined;
  });
  afterAll(async () => {
    if (agent?.pid) process.kill(agent.pid, 'SIGKILL');
    await sshd?.stop();
  });

  const connectOne = async (over: Partial<ResolvedHost>, agentSocket: string) => {
    const host = resolvedHost(sshd, sshd.hosts[0]!, over);
    const rec = recorder();
    fleet = new Fleet({ catalog: catalogOf([host]), knownHosts: realKnownHosts(), events: rec, agentSocket });
    const [s] = fleet.connect([host.alias], 80, 24);
    const final = await rec.waitState(s!.sessionId, (x) => x.state === 'ready' || x.state === 'down', 'ready or down');
    return { final, rec, id: s!.sessionId };
  };
  const acceptedKeys = (): string[] =>
    [...readFileSync(sshd.hosts[0]!.logFile, 'utf8').matchAll(new RegExp(`Accepted publickey for ${sshd.user} .* (SHA256:\\S+)`, 'g'))].map((m) => m[1]!);
  const fp = (path: string): string => execFileSync('ssh-keygen', ['-lf', `${path}.pub`]).toString().split(' ')[1]!;

  it('authenticates with an agent key when no key file is configured', async () => {
    const { final, rec, id } = await connectOne({ identityFiles: [] }, agentSock);
    expect(final.state).toBe('ready');
    fleet!.write([id], 'echo "who=$(whoami)@$(hostname)"\n');
    await rec.waitOutput(id, (t) => t.includes(`who=${sshd.user}@auth-a`));
    expect(acceptedKeys().at(-1)).toBe(fp(agentKey));
  });

  it('tries agent keys before key files, as OpenSSH does', async () => {
    const { final } = await connectOne({ identityFiles: [sshd.clientKey] }, agentSock);
    expect(final.state).toBe('ready');
    expect(acceptedKeys().at(-1)).toBe(fp(agentKey));
  });

  it('falls back to the key file without an agent', async () => {
    const { final } = await connectOne({ identityFiles: [sshd.clientKey] }, '');
    expect(final.state).toBe('ready');
    expect(acceptedKeys().at(-1)).toBe(fp(sshd.clientKey));
  });

  it('IdentitiesOnly keeps agent keys that are not configured out, and lets configured ones in', async () => {
    const acceptedBefore = acceptedKeys().length;
    const refused = await connectOne({ identityFiles: [strangerKey], identitiesOnly: true }, agentSock);
    expect(refused.final.state).toBe('down');
    expect(refused.final.reason).toContain('(IdentitiesOnly: identity-file keys only)');
    expect(refused.final.reason).toContain(`key ${strangerKey}`);
    expect(acceptedKeys().length).toBe(acceptedBefore);

    // Only the .pub of the agent key on disk: the agent signs for it (IdentityFile + agent, as OpenSSH allows).
    const pubOnly = join(sshd.dir, 'pub_only');
    copyFileSync(`${agentKey}.pub`, `${pubOnly}.pub`);
    const allowed = await connectOne({ identityFiles: [pubOnly], identitiesOnly: true }, agentSock);
    expect(allowed.final.state).toBe('ready');
    expect(acceptedKeys().at(-1)).toBe(fp(agentKey));
  });

  it('never uses a passphrase-protected key silently, and names it in the failure', async () => {
    const { final } = await connectOne({ identityFiles: [lockedKey] }, '');
    expect(final.state).toBe('down');
    expect(final.reason).toContain(`${lockedKey} (needs a passphrase)`);
    expect(acceptedKeys()).not.toContain(fp(lockedKey));
  });

  it('names the host, the methods tried and what the server accepts when authentication fails', async () => {
    const { final } = await connectOne({ identityFiles: [strangerKey, join(sshd.dir, 'missing_key')] }, '');
    expect(final.state).toBe('down');
    const h = sshd.hosts[0]!;
    expect(final.reason).toBe(
      `authentication failed for ${sshd.user}@${h.alias} (${h.address}:${h.port}); tried key ${strangerKey}; server accepts publickey`,
    );
  });

  it('connects many hosts through the fan-out limit', async () => {
    const hosts = sshd.hosts.map((h) => resolvedHost(sshd, h));
    const rec = recorder();
    fleet = new Fleet({ catalog: catalogOf(hosts), knownHosts: realKnownHosts(), events: rec, agentSocket: '', fanout: 1 });
    const aliases = [...hosts, ...hosts, ...hosts].map((h) => h.alias);
    const infos = fleet.connect(aliases, 80, 24);
    for (const i of infos) await rec.waitState(i.sessionId, isReady);
    // With one slot, a session only starts verifying once the one before it is ready.
    const order = rec.states.filter((s) => s.state === 'verifying' || s.state === 'ready').map((s) => `${s.state}:${s.sessionId}`);
    for (let k = 0; k < infos.length; k++) {
      expect(order[2 * k]).toBe(`verifying:${infos[k]!.sessionId}`);
      expect(order[2 * k + 1]).toBe(`ready:${infos[k]!.sessionId}`);
    }
    expect(rec.states.some(isDown)).toBe(false);
  });
});
