import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_BYTES } from '../../../../electron/fleet/connect/channel-window';
import { DEFAULT_SKIP } from '../../../../electron/fleet/connect/output-pump';
import { Fleet, type FleetEvents } from '../../../../electron/fleet/fleet';
import { startSshdFleet, type SshdFleet } from '../../../fixtures/sshd-fleet';
import { catalogOf, isReady, realKnownHosts, recorder, resolvedHost } from './helpers';

// A `yes` flood on real OpenSSH hosts: what each channel holds for the pump, flowing or held, stays
// within the window the channel grants (ssh2's own is 2 MiB, topped up while paused), and Ctrl-C on
// every held host brings every prompt back with the queue skipped, not delivered.
const HOSTS = 3;
// A hold takes effect between ssh2 'data' events: one batch and one SSH packet may follow it.
const OVERSHOOT = 2 * 32_768 + 4096;

async function until(what: string, cond: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a flood on real OpenSSH hosts', () => {
  let sshd: SshdFleet;
  let fleet: Fleet | undefined;
  beforeAll(async () => {
    sshd = await startSshdFleet({ count: HOSTS });
  });
  afterAll(async () => {
    await fleet?.close();
    await sshd?.stop();
  });

  it('queues at most one channel window per host, and Ctrl-C on every host brings every prompt back', async () => {
    const base = recorder();
    const skipped = new Map<string, number[]>();
    const events: FleetEvents = { ...base, skipped: (id, n) => void skipped.set(id, [...(skipped.get(id) ?? []), n]) };
    const held = new Set<string>();
    const hosts = sshd.hosts.map((h) => resolvedHost(sshd, h));
    fleet = new Fleet({ catalog: catalogOf(hosts), knownHosts: realKnownHosts(), events, agentSocket: '', behind: (id) => (held.has(id) ? 1_000_000 : 0) });
    const f = fleet;
    const ids = f.connect(hosts.map((h) => h.alias), 80, 24).map((s) => s.sessionId);
    for (const id of ids) await base.waitState(id, isReady);
    const emitted = (id: string) => base.output.get(id)?.length ?? 0;
    const state = (id: string) => f.flowState(id)!;

    // The window granted at open is ours too, not ssh2's 2 MiB.
    for (const id of ids) expect(state(id).grantedBytes).toBeGreaterThanOrEqual(0);
    for (const id of ids) expect(state(id).queuedBytes + state(id).grantedBytes).toBeLessThanOrEqual(DEFAULT_WINDOW_BYTES);

    f.write(ids, 'PS1="READY> "; yes\n');
    // Flowing: sampled while each host streams several windows' worth.
    let most = 0;
    await until('3 MB from every host', () => {
      for (const id of ids) most = Math.max(most, state(id).queuedBytes + state(id).grantedBytes);
      return ids.every((id) => emitted(id) > 3_000_000);
    }, 120_000);
    expect(most).toBeLessThanOrEqual(DEFAULT_WINDOW_BYTES);

    // Held: the host uses up what it was granted and gets nothing more.
    for (const id of ids) {
      held.add(id);
      f.hold(id, true);
    }
    const atHold = new Map(ids.map((id) => [id, emitted(id)]));
    await until('every host to use up its window', () => ids.every((id) => state(id).grantedBytes === 0));
    for (const id of ids) {
      expect(state(id)).toMatchObject({ paused: true, grantedBytes: 0 });
      expect(state(id).queuedBytes).toBeLessThanOrEqual(DEFAULT_WINDOW_BYTES);
      expect(emitted(id) - atHold.get(id)!).toBeLessThanOrEqual(OVERSHOOT);
    }

    const beforeCtrlC = new Map(ids.map((id) => [id, emitted(id)]));
    f.write(ids, '\x03');
    for (const id of ids) {
      await base.waitOutput(id, (t) => /\^C[^]*READY> $/.test(t.slice(beforeCtrlC.get(id)!)), `the prompt after Ctrl-C on ${id}`, 30_000);
      // What reached the window after Ctrl-C is the kept tails, not the queue.
      const skips = skipped.get(id) ?? [];
      expect(skips.length).toBeGreaterThanOrEqual(1);
      expect(emitted(id) - beforeCtrlC.get(id)!).toBeLessThanOrEqual(skips.length * DEFAULT_SKIP.tailChars + OVERSHOOT);
    }
    // Every prompt is back, and nothing is held or buffered for the pump any more.
    for (const id of ids) {
      held.delete(id);
      f.hold(id, false);
    }
    await until('every queue to drain', () => ids.every((id) => state(id).queuedBytes === 0 && !state(id).paused));
  }, 240_000);
});
