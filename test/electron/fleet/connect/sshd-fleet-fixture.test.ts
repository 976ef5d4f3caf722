import { execFileSync } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

  const sshRun = (alias: string, command: string): { stdout: string; stderr: string; status: number | null } => {
    const r = spawnSync('ssh', ['-F', fleet.sshConfigPath, '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', alias, command], { encoding: 'utf8' });
    return { stdout: r.stdout, stderr: r.stderr, status: r.status };
  };

  it("logs in as the fleet's own user, not root, with the fleet's empty home and nothing on stderr", () => {
    expect(fleet.user).not.toBe('root');
    expect(statSync(fleet.home).uid).not.toBe(0);
    const r = sshRun(fleet.hosts[0]!.alias, 'echo "$HOME"; id -un; id -u; pwd');
    expect(r).toEqual({ stdout: `${fleet.home}\n${fleet.user}\n${statSync(fleet.home).uid}\n${fleet.home}\n`, stderr: '', status: 0 });
  });

  it("runs the startup files of the fleet's home, so none of root's", () => {
    // bash started by sshd reads ~/.bashrc even for a command: the file that pulled pyenv in before.
    const rc = join(fleet.home, '.bashrc');
    writeFileSync(rc, 'echo "rc ran as $(id -un) from $HOME" >&2\n');
    try {
      const r = sshRun(fleet.hosts[0]!.alias, 'echo ok');
      expect(r).toEqual({ stdout: 'ok\n', stderr: `rc ran as ${fleet.user} from ${fleet.home}\n`, status: 0 });
    } finally {
      rmSync(rc);
    }
  });

  it('refuses root', () => {
    const h = fleet.hosts[0]!;
    const r = spawnSync('ssh', ['-F', fleet.sshConfigPath, '-o', 'BatchMode=yes', '-l', 'root', h.alias, 'true'], { encoding: 'utf8' });
    expect(r.status).toBe(255);
    expect(r.stderr).toContain('Permission denied');
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
    expect(execFileSync('id', ['-un', other.user]).toString().trim()).toBe(other.user);
    await other.stop();
    expect(existsSync(other.dir)).toBe(false);
    expect(() => process.kill(pid, 0)).toThrow();
    expect(() => execFileSync('id', [other.user], { stdio: 'pipe' })).toThrow(/no such user/);
  });

  it('removes users left by a test process killed outright', async () => {
    const dead = spawnSync('true').pid;
    const orphan = `wrf${dead}x0`;
    execFileSync('useradd', ['-M', '-d', '/nonexistent', '-s', '/usr/sbin/nologin', orphan]);
    try {
      const other = await startSshdFleet({ count: 1, firstAddress: 42 });
      await other.stop();
      expect(() => execFileSync('id', [orphan], { stdio: 'pipe' })).toThrow(/no such user/);
    } finally {
      spawnSync('userdel', ['-f', orphan]);
    }
  });

  it('removes its user when the start fails', async () => {
    const ours = (): string[] =>
      execFileSync('getent', ['passwd']).toString().split('\n').filter((l) => l.startsWith(`wrf${process.pid}x`)).map((l) => l.split(':')[0]!);
    const before = ours();
    await expect(startSshdFleet({ count: 1, firstAddress: 41, extraConfig: 'NoSuchKeyword yes' })).rejects.toThrow(/sshd rejects the config/);
    expect(ours()).toEqual(before);
  });
});
