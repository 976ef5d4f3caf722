import { appendFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Fleet } from '../../../../electron/fleet/fleet';
import type { ResolvedHost } from '../../../../electron/fleet/types';
import { startSshdFleet, type SshdFleet } from '../../../fixtures/sshd-fleet';
import { catalogOf, isDown, isReady, realKnownHosts, recorder, resolvedHost, type Recorder } from './helpers';
import { startNetnsHost, type NetnsHost } from './netns-host';

const FAST = { maxAttempts: 30, baseMs: 200, maxMs: 800 };

describe('staying connected to real OpenSSH: keepalive and reconnect', () => {
  let sshd: SshdFleet;
  let netns: NetnsHost | undefined;
  let fleet: Fleet | undefined;
  beforeAll(async () => {
    sshd = await startSshdFleet({ count: 2, hostnames: ['rc-one', 'rc-two'] });
  });
  afterEach(async () => {
    await fleet?.close();
    fleet = undefined;
  });
  afterAll(async () => {
    await netns?.stop();
    await sshd?.stop();
  });

  const open = (hosts: ResolvedHost[], reconnect: typeof FAST | false = FAST): Recorder => {
    const rec = recorder();
    fleet = new Fleet({ catalog: catalogOf(hosts), knownHosts: realKnownHosts(), events: rec, agentSocket: '', reconnect });
    return rec;
  };
  const hostnameIs = async (rec: Recorder, id: string, name: string, tag: string): Promise<void> => {
    fleet!.write([id], `echo "${tag}=$(hostname)"\n`);
    await rec.waitOutput(id, (t) => t.includes(`${tag}=${name}`), `${tag}=${name}`);
  };

  it('reconnects with backoff after sshd is killed, and comes back when it restarts', async () => {
    const h = sshd.hosts[0]!;
    const rec = open([resolvedHost(sshd, h)]);
    const [s] = fleet!.connect([h.alias], 80, 24);
    const id = s!.sessionId;
    await rec.waitState(id, isReady);
    await hostnameIs(rec, id, h.hostname, 'before');
    const mark = rec.states.length;
    await sshd.stopHost(h.alias);
    const r1 = await rec.waitState(id, (x) => x.state === 'reconnecting' && x.attempt === 1, 'reconnecting 1');
    expect(r1.reason).toContain(`connection to ${h.alias} (${h.address}:${h.port}) lost`);
    await rec.waitState(id, (x) => x.state === 'reconnecting' && (x.attempt ?? 0) >= 2, 'reconnecting 2');
    await sshd.startHost(h.alias);
    const back = await rec.waitState(id, (x) => x.state === 'ready' && rec.states.indexOf(x) > mark, 'ready again');
    expect(back.attempt).toBeUndefined();
    await hostnameIs(rec, id, h.hostname, 'after');
    const attempts = rec.states.slice(mark).filter((x) => x.state === 'reconnecting').map((x) => x.attempt);
    expect(attempts).toEqual([...attempts].sort((a, b) => a! - b!));
  });

  it('gives up after the last attempt and says why; a manual reconnect brings it back', async () => {
    const h = sshd.hosts[1]!;
    const rec = open([resolvedHost(sshd, h)], { maxAttempts: 2, baseMs: 100, maxMs: 200 });
    const [s] = fleet!.connect([h.alias], 80, 24);
    const id = s!.sessionId;
    await rec.waitState(id, isReady);
    await sshd.stopHost(h.alias);
    const down = await rec.waitState(id, isDown, 'down');
    expect(down.reason).toContain('connection refused');
    expect(rec.states.filter((x) => x.sessionId === id && x.state === 'reconnecting').map((x) => x.attempt)).toEqual([1, 2]);
    await sshd.startHost(h.alias);
    fleet!.reconnect([id]);
    await rec.waitState(id, (x) => x.state === 'ready' && rec.states.indexOf(x) > rec.states.indexOf(down), 'ready after manual reconnect');
    await hostnameIs(rec, id, h.hostname, 'manual');
  });

  it('reconnects a shell that exited only when asked, and never retries a trust failure', async () => {
    const h = sshd.hosts[0]!;
    const good = resolvedHost(sshd, h);
    const stranger = { ...resolvedHost(sshd, h, { identityFiles: [] }), alias: 'nokey' };
    const rec = open([good, stranger]);
    const [s, t] = fleet!.connect([h.alias, 'nokey'], 80, 24);
    await rec.waitState(s!.sessionId, isReady);
    fleet!.write([s!.sessionId], 'exit\n');
    const closed = await rec.waitState(s!.sessionId, (x) => x.state === 'closed');
    // Nothing reconnects on its own: the user ended that shell.
    await new Promise((r) => setTimeout(r, 500));
    expect(fleet!.session(s!.sessionId)?.state).toBe('closed');
    fleet!.reconnect([s!.sessionId]);
    await rec.waitState(s!.sessionId, (x) => x.state === 'reconnecting' && x.attempt === 1);
    await rec.waitState(s!.sessionId, (x) => x.state === 'ready' && rec.states.indexOf(x) > rec.states.indexOf(closed));
    await hostnameIs(rec, s!.sessionId, h.hostname, 'again');

    const down = await rec.waitState(t!.sessionId, isDown);
    expect(down.reason).toContain('authentication failed');
    expect(rec.states.some((x) => x.sessionId === t!.sessionId && x.state === 'reconnecting')).toBe(false);
  });

  it('notices a cut link through ServerAliveInterval and reconnects when it returns', async () => {
    netns = await startNetnsHost(sshd, { name: 'wrfc1', subnet: 77, hostname: 'ns-host' });
    appendFileSync(sshd.knownHostsPath, `${netns.address} ${sshd.hosts[0]!.hostKeyPub}\n`);
    const host: ResolvedHost = {
      ...resolvedHost(sshd, sshd.hosts[0]!),
      alias: 'ns-host', hostname: netns.address, port: 22, serverAliveInterval: 1, serverAliveCountMax: 2, connectTimeout: 4,
    };
    const rec = open([host]);
    const [s] = fleet!.connect(['ns-host'], 80, 24);
    const id = s!.sessionId;
    await rec.waitState(id, isReady);
    await hostnameIs(rec, id, 'ns-host', 'pre');
    const mark = rec.states.length;
    netns.cut();
    const r = await rec.waitState(id, (x) => x.state === 'reconnecting', 'reconnecting after the cut', 30_000);
    expect(r.reason).toContain('2 keepalives unanswered (ServerAliveInterval 1s)');
    // Attempts keep failing while the link is down.
    await rec.waitState(id, (x) => x.state === 'reconnecting' && (x.attempt ?? 0) >= 2, 'a second attempt', 30_000);
    netns.restore();
    await rec.waitState(id, (x) => x.state === 'ready' && rec.states.indexOf(x) > mark, 'ready after restore', 60_000);
    await hostnameIs(rec, id, 'ns-host', 'post');
  });
});
