import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostKeyAlgorithms, knownKeyTypes } from '../../../../electron/fleet/connect/host-key-algos';
import { Fleet } from '../../../../electron/fleet/fleet';
import { startSshdFleet, type SshdFleet } from '../../../fixtures/sshd-fleet';
import { catalogOf, isReady, realKnownHosts, recorder, resolvedHost } from './helpers';

describe('host key algorithms follow known_hosts, as in OpenSSH', () => {
  let keyDir: string;
  let sshd: SshdFleet;
  let ecdsaPub: string;
  beforeAll(async () => {
    keyDir = mkdtempSync(join(tmpdir(), 'wr-hka-'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ecdsa', '-N', '', '-f', join(keyDir, 'ecdsa')]);
    ecdsaPub = readFileSync(join(keyDir, 'ecdsa.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
    // The host has an ed25519 key (from the fixture) and an ECDSA one.
    sshd = await startSshdFleet({ count: 1, hostnames: ['twokeys'], extraConfig: `HostKey ${join(keyDir, 'ecdsa')}` });
  });
  afterAll(async () => {
    await sshd?.stop();
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('puts the known key types first', () => {
    expect(hostKeyAlgorithms([])).toBeUndefined();
    expect(hostKeyAlgorithms(['ssh-rsa'])!.slice(0, 4)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa', 'ssh-ed25519']);
  });

  it('connects under StrictHostKeyChecking yes to a host known only by its ECDSA key', async () => {
    const h = sshd.hosts[0]!;
    const kh = join(sshd.dir, 'ecdsa_only_known_hosts');
    writeFileSync(kh, `[${h.address}]:${h.port} ${ecdsaPub}\n`);
    // OpenSSH agrees the host is known through that file.
    const name = execFileSync('ssh', ['-F', sshd.sshConfigPath, '-o', `UserKnownHostsFile=${kh}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', h.alias, 'hostname']);
    expect(name.toString().trim()).toBe('twokeys');

    const knownHosts = realKnownHosts();
    expect(knownKeyTypes(knownHosts, [kh], h.address, h.port)).toEqual(['ecdsa-sha2-nistp256']);
    const rec = recorder();
    const fleet = new Fleet({ catalog: catalogOf([resolvedHost(sshd, h, { knownHostsFiles: [kh], knownHostsWriteFile: kh })]), knownHosts, events: rec, agentSocket: '' });
    try {
      const [s] = fleet.connect([h.alias], 80, 24);
      await rec.waitState(s!.sessionId, isReady);
      expect(rec.prompts).toEqual([]);
    } finally {
      await fleet.close();
    }
  });
});
