import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Fleet } from '../../../../electron/fleet/fleet';
import { startSshdFleet, type SshdFleet } from '../../../fixtures/sshd-fleet';
import { catalogOf, isDown, isReady, realKnownHosts, recorder, resolvedHost, type Recorder } from './helpers';

describe('Fleet shells on real OpenSSH', () => {
  let sshd: SshdFleet;
  let fleet: Fleet | undefined;
  beforeAll(async () => {
    sshd = await startSshdFleet({ count: 3, hostnames: ['alpha-web', 'bravo-db', 'charlie-cache'] });
  });
  afterEach(async () => {
    await fleet?.close();
    fleet = undefined;
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  const make = (rec: Recorder, agentSocket = ''): Fleet =>
    new Fleet({
      catalog: catalogOf(sshd.hosts.map((h) => resolvedHost(sshd, h))),
      knownHosts: realKnownHosts(),
      events: rec,
      agentSocket,
    });

  it('opens a pty shell on each host with key auth, and each answers with its own hostname', async () => {
    const rec = recorder();
    fleet = make(rec);
    const infos = fleet.connect(sshd.hosts.map((h) => h.alias), 100, 30);
    expect(infos.map((i) => i.state)).toEqual(['connecting', 'connecting', 'connecting']);
    for (const i of infos) await rec.waitState(i.sessionId, isReady, 'ready');
    for (const i of infos) {
      const seen = rec.states.filter((s) => s.sessionId === i.sessionId).map((s) => s.state);
      expect(seen).toEqual(['connecting', 'verifying', 'authenticating', 'ready']);
    }
    const ids = infos.map((i) => i.sessionId);
    expect(fleet.write(ids, 'echo "[$(hostname)]:$TERM:$(stty size)"\n')).toBe(3);
    for (const [n, i] of infos.entries()) {
      const want = `[${sshd.hosts[n]!.hostname}]:xterm-256color:30 100`;
      await rec.waitOutput(i.sessionId, (t) => t.includes(want), want);
    }
    // Every host shows only its own name.
    for (const [n, i] of infos.entries()) {
      for (const [m, other] of sshd.hosts.entries()) {
        if (m !== n) expect(rec.output.get(i.sessionId)).not.toContain(`[${other.hostname}]`);
      }
    }
  });

  it('follows the pane size, writes huge input in full, and ignores writes to sessions that are not ready', async () => {
    const rec = recorder();
    fleet = make(rec);
    const [a] = fleet.connect([sshd.hosts[0]!.alias], 80, 24);
    await rec.waitState(a!.sessionId, isReady);
    fleet.resize(a!.sessionId, 132, 43);
    fleet.write([a!.sessionId], 'stty size\n');
    await rec.waitOutput(a!.sessionId, (t) => t.includes('43 132'), 'the new size');

    // 1 MB through `wc -c`: the pty must see every byte (raw mode so the line discipline keeps them).
    const big = 'x'.repeat(1_000_000);
    fleet.write([a!.sessionId], 'stty raw -echo; echo RAW""MODE; head -c 1000000 | wc -c; stty sane\n');
    await rec.waitOutput(a!.sessionId, (t) => t.includes('RAWMODE'), 'raw mode');
    fleet.write([a!.sessionId], big);
    await rec.waitOutput(a!.sessionId, (t) => /\b1000000\b/.test(t), 'wc -c of 1 MB', 40_000);

    const notReady = fleet.connect([sshd.hosts[1]!.alias], 80, 24);
    expect(fleet.write([notReady[0]!.sessionId, 'no-such-session'], 'echo hi\n')).toBe(0);
  });

  it('reports an unknown alias and an unreachable host as down with a reason, and disconnect as closed', async () => {
    const rec = recorder();
    const hosts = sshd.hosts.map((h) => resolvedHost(sshd, h));
    const dead = { ...hosts[0]!, alias: 'dead', hostname: '127.0.0.250' };
    fleet = new Fleet({ catalog: catalogOf([...hosts, dead]), knownHosts: realKnownHosts(), events: rec, agentSocket: '' });
    const [unknown, down, up] = fleet.connect(['nope', 'dead', hosts[2]!.alias], 80, 24);
    expect(unknown!.state).toBe('down');
    expect(unknown!.reason).toContain('"nope"');
    const d = await rec.waitState(down!.sessionId, isDown, 'down');
    expect(d.reason).toContain('dead (127.0.0.250');
    expect(d.reason).toContain('connection refused');
    await rec.waitState(up!.sessionId, isReady);
    fleet.disconnect([up!.sessionId]);
    const closed = await rec.waitState(up!.sessionId, (s) => s.state === 'closed', 'closed');
    expect(closed.reason).toBe('disconnected by the user');
    expect(fleet.session(up!.sessionId)).toBeUndefined();
  });

  it('reports a shell that exits as closed with its status', async () => {
    const rec = recorder();
    fleet = make(rec);
    const [a] = fleet.connect([sshd.hosts[1]!.alias], 80, 24);
    await rec.waitState(a!.sessionId, isReady);
    fleet.write([a!.sessionId], 'exit 3\n');
    const s = await rec.waitState(a!.sessionId, (x) => x.state === 'closed', 'closed');
    expect(s.reason).toContain('status 3');
  });
});
