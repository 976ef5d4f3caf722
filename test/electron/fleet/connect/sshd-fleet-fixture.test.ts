import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdFleet, type SshdFleet } from '../../../fixtures/sshd-fleet';

// The fixture itself, checked with OpenSSH's own client: the oracle no one here wrote.
describe('sshd fleet fixture', () => {
  let fleet: SshdFleet;
  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 3 });
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  it('runs one sshd per address, each with its own hostname, reachable with the generated ssh config', () => {
    const names = fleet.hosts.map((h) =>
      execFileSync('ssh', ['-F', fleet.sshConfigPath, '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', h.alias, 'hostname'])
        .toString()
        .trim(),
    );
    expect(names).toEqual(fleet.hosts.map((h) => h.hostname));
    expect(new Set(fleet.hosts.map((h) => h.address)).size).toBe(3);
  });

  it('pre-fills known_hosts so ssh-keygen -F finds every host', () => {
    for (const h of fleet.hosts) {
      const out = execFileSync('ssh-keygen', ['-F', `[${h.address}]:${h.port}`, '-f', fleet.knownHostsPath]).toString();
      expect(out).toContain(h.hostKeyPub.split(' ')[1]);
    }
  });

  it('stops and restarts one host by PID', async () => {
    const h = fleet.hosts[1]!;
    await fleet.stopHost(h.alias);
    expect(() => execFileSync('ssh', ['-F', fleet.sshConfigPath, '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=3', h.alias, 'true'], { stdio: 'pipe' })).toThrow();
    await fleet.startHost(h.alias);
    expect(execFileSync('ssh', ['-F', fleet.sshConfigPath, '-o', 'BatchMode=yes', h.alias, 'hostname']).toString().trim()).toBe(h.hostname);
  });

  it('removes its directory on stop', async () => {
    const other = await startSshdFleet({ count: 1, firstAddress: 40 });
    const pid = Number(execFileSync('cat', [other.hosts[0]!.pidFile]).toString().trim());
    await other.stop();
    expect(existsSync(other.dir)).toBe(false);
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
