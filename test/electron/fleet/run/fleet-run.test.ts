import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHostCatalog } from '../../../../electron/fleet/config/index';
import { Fleet } from '../../../../electron/fleet/fleet';
import type { HostRunResult } from '../../../../electron/fleet/run/types';
import { startSshdFleet, type SshdFleet } from '../../../fixtures/sshd-fleet';
import { realKnownHosts, recorder } from '../connect/helpers';

describe('Fleet.run: the window\'s "run on targets" over the same fleet', () => {
  let sshd: SshdFleet;
  let config: string;
  let kh: string;
  beforeAll(async () => {
    sshd = await startSshdFleet({ count: 3, hostnames: ['fr1', 'fr2', 'fr3'] });
    // fr3's key is not on record yet, and the config asks about new keys.
    kh = join(sshd.dir, 'fr_known_hosts');
    const h = sshd.hosts;
    writeFileSync(kh, [h[0]!, h[1]!].map((x) => `[${x.address}]:${x.port} ${x.hostKeyPub}\n`).join(''));
    config = join(sshd.dir, 'fr_config');
    writeFileSync(
      config,
      h.map((x) => `Host ${x.alias}\n  HostName ${x.address}\n  Port ${x.port}\n  User ${sshd.user}\n  IdentityFile ${sshd.clientKey}\n  UserKnownHostsFile ${kh}\n  StrictHostKeyChecking ask\n`).join(''),
    );
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('runs on every host, asks about the new key through the fleet, and reports hosts it cannot reach', async () => {
    const rec = recorder();
    const fleet = new Fleet({ catalog: loadHostCatalog({ sshConfigFile: config }), knownHosts: realKnownHosts(), events: rec, agentSocket: '' });
    try {
      const done: HostRunResult[] = [];
      const running = fleet.run(['fr1', 'fr2', 'fr3', 'nosuch'], 'hostname; [ "$(hostname)" = fr2 ] && exit 4; exit 0', { onHostDone: (r) => done.push(r) });
      const p = await rec.waitPrompt();
      expect(p.alias).toBe('fr3');
      fleet.answerHostKey(p.promptId, 'accept-save');
      const r = await running;
      const by = Object.fromEntries(r.hosts.map((h) => [h.alias, h]));
      expect(by.fr1).toMatchObject({ exitCode: 0, stdout: 'fr1\n' });
      expect(by.fr2).toMatchObject({ exitCode: 4, stdout: 'fr2\n' });
      expect(by.fr3).toMatchObject({ exitCode: 0, stdout: 'fr3\n' });
      // As with ssh, a name the config does not know is tried as a hostname.
      expect(by.nosuch!.failure).toMatchObject({ kind: 'unreachable' });
      expect(by.nosuch!.failure!.message).toContain('could not resolve hostname nosuch');
      expect(r.exitCode).toBe(255);
      expect(done.map((d) => d.alias).sort()).toEqual(['fr1', 'fr2', 'fr3', 'nosuch']);
      const h3 = sshd.hosts[2]!;
      expect(execFileSync('ssh-keygen', ['-F', `[${h3.address}]:${h3.port}`, '-f', kh]).toString()).toContain(h3.hostKeyPub.split(' ')[1]);
      expect(fleet.pendingHostKeys()).toEqual([]);
    } finally {
      await fleet.close();
    }
  });
});
