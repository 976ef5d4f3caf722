import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Fleet } from '../../../../electron/fleet/fleet';
import type { ResolvedHost } from '../../../../electron/fleet/types';
import { startSshdFleet, type SshdFleet } from '../../../fixtures/sshd-fleet';
import { catalogOf, isDown, isReady, realKnownHosts, recorder, resolvedHost, type Recorder } from './helpers';

/** OpenSSH's own fingerprint of a public key line. */
function opensshFingerprint(pubLine: string, dir: string): string {
  const f = join(dir, `fp-${Math.random().toString(36).slice(2)}.pub`);
  writeFileSync(f, `${pubLine}\n`);
  return execFileSync('ssh-keygen', ['-lf', f]).toString().split(' ')[1]!;
}

describe('host keys against real OpenSSH', () => {
  let sshd: SshdFleet;
  let fleet: Fleet | undefined;
  beforeAll(async () => {
    // DEBUG3 so the log shows every userauth request sshd receives.
    sshd = await startSshdFleet({ count: 3, hostnames: ['hk-one', 'hk-two', 'hk-three'], extraConfig: 'LogLevel DEBUG3' });
  });
  afterEach(async () => {
    await fleet?.close();
    fleet = undefined;
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  let fileNo = 0;
  /** A fresh known_hosts with the given content, and a host pointing at it. */
  const setup = (index: number, content: string, over: Partial<ResolvedHost>): { host: ResolvedHost; file: string; rec: Recorder } => {
    const file = join(sshd.dir, `kh-${fileNo++}`);
    writeFileSync(file, content);
    const host = resolvedHost(sshd, sshd.hosts[index]!, { knownHostsFiles: [file], knownHostsWriteFile: file, ...over });
    const rec = recorder();
    fleet = new Fleet({ catalog: catalogOf([host]), knownHosts: realKnownHosts(), events: rec, agentSocket: '' });
    return { host, file, rec };
  };
  const logOf = (i: number): string => readFileSync(sshd.hosts[i]!.logFile, 'utf8');
  const userauthCount = (i: number): number => (logOf(i).match(/userauth-request for user/g) ?? []).length;

  it('asks about an unknown key with its SHA256 fingerprint; accept-save writes known_hosts that ssh-keygen -F finds', async () => {
    const h = sshd.hosts[0]!;
    const { host, file, rec } = setup(0, '', { strictHostKeyChecking: 'ask' });
    const before = userauthCount(0);
    const [s] = fleet!.connect([host.alias], 80, 24);
    const prompt = await rec.waitPrompt();
    expect(prompt).toMatchObject({ alias: h.alias, host: h.address, port: h.port, keyType: 'ssh-ed25519', knownHostsFile: file });
    expect(prompt.fingerprint).toBe(opensshFingerprint(h.hostKeyPub, sshd.dir));
    expect(fleet!.pendingHostKeys()).toEqual([prompt]);
    expect(fleet!.session(s!.sessionId)?.state).toBe('verifying');
    // While the question is open the host has seen no userauth request at all.
    expect(userauthCount(0)).toBe(before);

    fleet!.answerHostKey(prompt.promptId, 'accept-save');
    await rec.waitState(s!.sessionId, isReady);
    expect(rec.settled).toContain(prompt.promptId);
    expect(fleet!.pendingHostKeys()).toEqual([]);
    const found = execFileSync('ssh-keygen', ['-F', `[${h.address}]:${h.port}`, '-f', file]).toString();
    expect(found).toContain(h.hostKeyPub.split(' ')[1]);
    // OpenSSH's own client now trusts the host through that file.
    const name = execFileSync('ssh', ['-F', sshd.sshConfigPath, '-o', `UserKnownHostsFile=${file}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', h.alias, 'hostname']);
    expect(name.toString().trim()).toBe(h.hostname);
  });

  it('writes a hashed entry when HashKnownHosts is set, which ssh-keygen -F still finds', async () => {
    const h = sshd.hosts[2]!;
    const { host, file, rec } = setup(2, '', { strictHostKeyChecking: 'ask', hashKnownHosts: true });
    const [s] = fleet!.connect([host.alias], 80, 24);
    fleet!.answerHostKey((await rec.waitPrompt()).promptId, 'accept-save');
    await rec.waitState(s!.sessionId, isReady);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('|1|')).toBe(true);
    expect(text).not.toContain(h.address);
    expect(execFileSync('ssh-keygen', ['-F', `[${h.address}]:${h.port}`, '-f', file]).toString()).toContain(h.hostKeyPub.split(' ')[1]);
  });

  it('accept-once connects without writing; reject leaves the session down and sends no credential', async () => {
    const { host, file, rec } = setup(1, '', { strictHostKeyChecking: 'ask' });
    const [once] = fleet!.connect([host.alias], 80, 24);
    const p1 = await rec.waitPrompt();
    fleet!.answerHostKey(p1.promptId, 'accept-once');
    await rec.waitState(once!.sessionId, isReady);
    expect(readFileSync(file, 'utf8')).toBe('');

    const before = userauthCount(1);
    const [rej] = fleet!.connect([host.alias], 80, 24);
    const p2 = await rec.waitPrompt();
    fleet!.answerHostKey(p2.promptId, 'reject');
    const down = await rec.waitState(rej!.sessionId, isDown);
    expect(down.reason).toContain('rejected by the user');
    expect(down.reason).toContain(p2.fingerprint);
    expect(() => fleet!.answerHostKey(p2.promptId, 'accept-once')).toThrow(/no host key prompt/);
    // Give sshd time to log anything it might have received, then check it received no userauth.
    await new Promise((r) => setTimeout(r, 300));
    expect(userauthCount(1)).toBe(before);
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('refuses an unknown key under StrictHostKeyChecking yes, before any userauth', async () => {
    const { host, rec } = setup(2, '', { strictHostKeyChecking: 'yes' });
    const before = userauthCount(2);
    const [s] = fleet!.connect([host.alias], 80, 24);
    const down = await rec.waitState(s!.sessionId, isDown);
    expect(down.reason).toContain('StrictHostKeyChecking is yes');
    expect(rec.prompts).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(userauthCount(2)).toBe(before);
    // The oracle is live: a connection we accept does show up as userauth requests.
    const ok = setup(2, readFileSync(sshd.knownHostsPath, 'utf8'), { strictHostKeyChecking: 'yes' });
    const [t] = fleet!.connect([ok.host.alias], 80, 24);
    await ok.rec.waitState(t!.sessionId, isReady);
    expect(userauthCount(2)).toBeGreaterThan(before);
  });

  it('saves a new key under accept-new and under no', async () => {
    for (const mode of ['accept-new', 'no'] as const) {
      const h = sshd.hosts[0]!;
      const { host, file, rec } = setup(0, '', { strictHostKeyChecking: mode });
      const [s] = fleet!.connect([host.alias], 80, 24);
      await rec.waitState(s!.sessionId, isReady);
      expect(rec.prompts).toEqual([]);
      expect(execFileSync('ssh-keygen', ['-F', `[${h.address}]:${h.port}`, '-f', file]).toString()).toContain(h.hostKeyPub.split(' ')[1]);
      await fleet!.close();
    }
  });

  it('refuses a changed key under every setting, naming both fingerprints and file:line, before any userauth', async () => {
    const h = sshd.hosts[1]!;
    const other = sshd.hosts[2]!; // a real ed25519 key that is not this host's
    const content = `# comment\n127.0.0.99 ${other.hostKeyPub}\n[${h.address}]:${h.port} ${other.hostKeyPub.split(' ').slice(0, 2).join(' ')}\n`;
    for (const mode of ['ask', 'accept-new', 'no', 'off'] as const) {
      const { host, file, rec } = setup(1, content, { strictHostKeyChecking: mode });
      const before = userauthCount(1);
      const [s] = fleet!.connect([host.alias], 80, 24);
      const down = await rec.waitState(s!.sessionId, isDown);
      expect(down.reason).toContain('HOST KEY CHANGED');
      expect(down.reason).toContain(`offered ssh-ed25519 ${opensshFingerprint(h.hostKeyPub, sshd.dir)}`);
      expect(down.reason).toContain(`expected ssh-ed25519 ${opensshFingerprint(other.hostKeyPub, sshd.dir)} at ${file}:3`);
      expect(rec.prompts).toEqual([]);
      expect(readFileSync(file, 'utf8')).toBe(content);
      await new Promise((r) => setTimeout(r, 200));
      expect(userauthCount(1)).toBe(before);
      await fleet!.close();
    }
  });

  it('refuses a revoked key naming file:line', async () => {
    const h = sshd.hosts[2]!;
    const content = `[${h.address}]:${h.port} ${h.hostKeyPub}\n@revoked [${h.address}]:${h.port} ${h.hostKeyPub}\n`;
    const { host, file, rec } = setup(2, content, { strictHostKeyChecking: 'no' });
    const [s] = fleet!.connect([host.alias], 80, 24);
    const down = await rec.waitState(s!.sessionId, isDown);
    expect(down.reason).toContain('REVOKED');
    expect(down.reason).toContain(`${file}:2`);
  });

  it('asks once when several connections wait on the same new key, and saves it once', async () => {
    const h = sshd.hosts[1]!;
    const { host, file, rec } = setup(1, '', { strictHostKeyChecking: 'ask' });
    const infos = fleet!.connect([host.alias, host.alias, host.alias], 80, 24);
    const p = await rec.waitPrompt();
    for (const i of infos) await rec.waitState(i.sessionId, (x) => x.state === 'verifying'); // all three reach the question
    expect(fleet!.pendingHostKeys()).toEqual([p]);
    expect(rec.prompts).toHaveLength(1);
    // One session leaving does not withdraw a question others still wait on.
    fleet!.disconnect([infos[2]!.sessionId]);
    expect(fleet!.pendingHostKeys()).toEqual([p]);
    fleet!.answerHostKey(p.promptId, 'accept-save');
    for (const i of infos.slice(0, 2)) await rec.waitState(i.sessionId, isReady);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(execFileSync('ssh-keygen', ['-F', `[${h.address}]:${h.port}`, '-f', file]).toString()).toContain(h.hostKeyPub.split(' ')[1]);
  });

  it('withdraws a pending prompt when its session is disconnected', async () => {
    const { host, rec } = setup(0, '', { strictHostKeyChecking: 'ask' });
    const [s] = fleet!.connect([host.alias], 80, 24);
    const p = await rec.waitPrompt();
    fleet!.disconnect([s!.sessionId]);
    expect(rec.settled).toContain(p.promptId);
    expect(fleet!.pendingHostKeys()).toEqual([]);
  });
});
