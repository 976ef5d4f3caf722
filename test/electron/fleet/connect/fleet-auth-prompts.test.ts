/**
 * Passphrases, passwords and keyboard-interactive against real OpenSSH with PAM. The test creates
 * a user with a password and removes it afterwards.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuthPrompt } from '../../../../electron/fleet/connect/auth-prompt';
import { Fleet } from '../../../../electron/fleet/fleet';
import type { ResolvedHost } from '../../../../electron/fleet/types';
import { startSshdFleet, type SshdFleet } from '../../../fixtures/sshd-fleet';
import { catalogOf, isDown, isReady, realKnownHosts, recorder, resolvedHost, type Recorder } from './helpers';

const USER = `wrauth${process.pid % 100000}`;
const PASSWORD = `pw-${process.pid}-Correct`;
const PAM = 'UsePAM yes\nPasswordAuthentication yes\nKbdInteractiveAuthentication yes';

interface AuthRecorder extends Recorder {
  auth: AuthPrompt[];
  settledAuth: string[];
  waitAuth(n?: number): Promise<AuthPrompt>;
}

function authRecorder(): AuthRecorder {
  const base = recorder();
  const rec: AuthRecorder = {
    ...base,
    auth: [],
    settledAuth: [],
    authPrompt: (p) => rec.auth.push(p),
    authSettled: (id) => rec.settledAuth.push(id),
    async waitAuth(n = 1) {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const open = rec.auth.filter((p) => !rec.settledAuth.includes(p.promptId));
        if (rec.auth.length >= n && open.length > 0) return open[0]!;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no authentication prompt #${n}; got ${JSON.stringify(rec.auth)}`);
    },
  };
  return rec;
}

describe('asking the user: passphrase, password and keyboard-interactive (real OpenSSH, PAM)', () => {
  let sshd: SshdFleet;
  let pwOnly: SshdFleet;
  let lockedKey: string;
  let fleet: Fleet | undefined;
  beforeAll(async () => {
    execFileSync('useradd', ['-m', '-d', `/tmp/${USER}-home`, '-s', '/bin/sh', USER]);
    execFileSync('chpasswd', { input: `${USER}:${PASSWORD}\n` });
    sshd = await startSshdFleet({ count: 3, hostnames: ['pam1', 'pam2', 'pam3'], extraConfig: PAM });
    pwOnly = await startSshdFleet({ count: 1, hostnames: ['pwonly'], firstAddress: 30, extraConfig: 'UsePAM yes\nPasswordAuthentication yes\nKbdInteractiveAuthentication no' });
    lockedKey = join(sshd.dir, 'locked_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'open sesame', '-f', lockedKey]);
    appendFileSync(sshd.authorizedKeysPath, readFileSync(`${lockedKey}.pub`));
  });
  afterEach(async () => {
    await fleet?.close();
    fleet = undefined;
  });
  afterAll(async () => {
    await sshd?.stop();
    await pwOnly?.stop();
    try {
      execFileSync('userdel', ['-r', '-f', USER], { stdio: 'pipe' });
    } catch {
      /* already gone */
    }
  });

  const open = (hosts: ResolvedHost[]): AuthRecorder => {
    const rec = authRecorder();
    fleet = new Fleet({ catalog: catalogOf(hosts), knownHosts: realKnownHosts(), events: rec, agentSocket: '' });
    return rec;
  };
  const asUser = (f: SshdFleet, i: number): ResolvedHost => resolvedHost(f, f.hosts[i]!, { user: USER, identityFiles: [] });
  const whoami = async (rec: Recorder, id: string, want: string): Promise<void> => {
    fleet!.write([id], 'echo "me=$(whoami)"\n');
    await rec.waitOutput(id, (t) => t.includes(`me=${want}`));
  };

  it('asks keyboard-interactive questions (PAM) and logs in with the answer', async () => {
    const rec = open([asUser(sshd, 0)]);
    const [s] = fleet!.connect(['pam1'], 80, 24);
    const p = await rec.waitAuth();
    expect(p).toMatchObject({ alias: 'pam1', kind: 'keyboard-interactive' });
    expect(p.prompts).toHaveLength(1);
    expect(p.prompts[0]!.echo).toBe(false);
    expect(p.prompts[0]!.prompt).toMatch(/password/i);
    expect(fleet!.pendingAuth()).toEqual([p]);
    fleet!.answerAuth(p.promptId, [PASSWORD]);
    await rec.waitState(s!.sessionId, isReady);
    await whoami(rec, s!.sessionId, USER);
    expect(rec.settledAuth).toContain(p.promptId);
  });

  it('answers the same question for every host of the connect at once', async () => {
    const rec = open([0, 1, 2].map((i) => asUser(sshd, i)));
    const infos = fleet!.connect(['pam1', 'pam2', 'pam3'], 80, 24);
    const p = await rec.waitAuth();
    fleet!.answerAuth(p.promptId, [PASSWORD], true);
    for (const i of infos) await rec.waitState(i.sessionId, isReady);
    expect(fleet!.pendingAuth()).toEqual([]);
    // Whatever asked before the answer was settled by it; nothing asked after.
    expect(rec.auth.every((q) => rec.settledAuth.includes(q.promptId))).toBe(true);
    for (const i of infos) await whoami(rec, i.sessionId, USER);
  });

  it('asks again after a wrong answer, and fails naming the methods when the user declines', async () => {
    const rec = open([asUser(sshd, 1)]);
    const [s] = fleet!.connect(['pam2'], 80, 24);
    const first = await rec.waitAuth(1);
    fleet!.answerAuth(first.promptId, ['wrong password']);
    const second = await rec.waitAuth(2);
    expect(second.promptId).not.toBe(first.promptId);
    fleet!.answerAuth(second.promptId, null);
    // Keyboard-interactive declined: the password method asks next; decline it too.
    const third = await rec.waitAuth(3);
    expect(third.kind).toBe('password');
    fleet!.answerAuth(third.promptId, null);
    const down = await rec.waitState(s!.sessionId, isDown);
    expect(down.reason).toContain(`authentication failed for ${USER}@pam2`);
    expect(down.reason).toContain('keyboard-interactive');
    expect(() => fleet!.answerAuth(third.promptId, ['x'])).toThrow(/no authentication prompt/);
  });

  it('asks for a password where the server takes only passwords', async () => {
    const rec = open([asUser(pwOnly, 0)]);
    const [s] = fleet!.connect(['pwonly'], 80, 24);
    const p = await rec.waitAuth();
    expect(p).toMatchObject({ kind: 'password', title: `${USER}@pwonly's password` });
    fleet!.answerAuth(p.promptId, [PASSWORD]);
    await rec.waitState(s!.sessionId, isReady);
    await whoami(rec, s!.sessionId, USER);
  });

  it("asks for a key's passphrase, again after a wrong one, and uses the key", async () => {
    const rec = open([resolvedHost(sshd, sshd.hosts[2]!, { identityFiles: [lockedKey] })]);
    const [s] = fleet!.connect(['pam3'], 80, 24);
    const p = await rec.waitAuth(1);
    expect(p).toMatchObject({ kind: 'passphrase', title: `Enter passphrase for key '${lockedKey}'` });
    fleet!.answerAuth(p.promptId, ['not it']);
    const again = await rec.waitAuth(2);
    expect(again.instructions).toContain('Bad passphrase');
    fleet!.answerAuth(again.promptId, ['open sesame']);
    await rec.waitState(s!.sessionId, isReady);
    // The locked key is the only credential this host was given.
    await whoami(rec, s!.sessionId, sshd.user);
  });

  it('withdraws an open question when its session is disconnected', async () => {
    const rec = open([asUser(sshd, 0)]);
    const [s] = fleet!.connect(['pam1'], 80, 24);
    const p = await rec.waitAuth();
    fleet!.disconnect([s!.sessionId]);
    await new Promise((r) => setTimeout(r, 50));
    expect(rec.settledAuth).toContain(p.promptId);
    expect(fleet!.pendingAuth()).toEqual([]);
  });
});
