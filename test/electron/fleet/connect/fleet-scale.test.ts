import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHostCatalog } from '../../../../electron/fleet/config/index';
import { Fleet } from '../../../../electron/fleet/fleet';
import { startSshdFleet, type SshdFleet } from '../../../fixtures/sshd-fleet';
import { isReady, realKnownHosts, recorder } from './helpers';

describe('twenty real hosts at once', () => {
  let sshd: SshdFleet;
  beforeAll(async () => {
    sshd = await startSshdFleet({ count: 20, firstAddress: 150 });
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('connects all through the fan-out, and one broadcast reaches every shell, each answering with its own name', async () => {
    const rec = recorder();
    const fleet = new Fleet({ catalog: loadHostCatalog({ sshConfigFile: sshd.sshConfigPath }), knownHosts: realKnownHosts(), events: rec, agentSocket: '', fanout: 8 });
    try {
      const infos = fleet.connect(sshd.hosts.map((h) => h.alias), 80, 24);
      for (const i of infos) await rec.waitState(i.sessionId, isReady, 'ready', 60_000);
      expect(fleet.write(infos.map((i) => i.sessionId), 'echo "name=$(hostname)"\n')).toBe(20);
      for (const [n, i] of infos.entries()) await rec.waitOutput(i.sessionId, (t) => t.includes(`name=${sshd.hosts[n]!.hostname}`), `name of ${sshd.hosts[n]!.alias}`, 30_000);
      expect(rec.states.filter((s) => s.state === 'down')).toEqual([]);
    } finally {
      await fleet.close();
    }
  });
});
