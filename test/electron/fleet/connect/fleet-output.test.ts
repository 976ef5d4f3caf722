import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Fleet, type FleetEvents } from '../../../../electron/fleet/fleet';
import { startSshdFleet, type SshdFleet } from '../../../fixtures/sshd-fleet';
import { catalogOf, isReady, realKnownHosts, recorder, resolvedHost, type Recorder } from './helpers';

// A hold takes effect between ssh2 'data' events: at most one batch (32 KiB) and one SSH packet
// (32 KiB) are emitted after it.
const OVERSHOOT = 2 * 32_768 + 4096;

describe('output from real OpenSSH: flow control and UTF-8', () => {
  let sshd: SshdFleet;
  let fleet: Fleet | undefined;
  let behindNow = 0;
  beforeAll(async () => {
    sshd = await startSshdFleet({ count: 1, hostnames: ['flood'] });
  });
  afterEach(async () => {
    await fleet?.close();
    fleet = undefined;
    behindNow = 0;
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  const open = async (): Promise<{ rec: Recorder; id: string; batches: string[]; skipped: number[] }> => {
    const base = recorder();
    const batches: string[] = [];
    const skipped: number[] = [];
    const rec: FleetEvents = {
      ...base,
      data(id, d) {
        batches.push(d);
        base.data(id, d);
      },
      skipped: (_id, n) => void skipped.push(n),
    };
    const opts = { catalog: catalogOf([resolvedHost(sshd, sshd.hosts[0]!)]), knownHosts: realKnownHosts(), events: rec, agentSocket: '' };
    fleet = new Fleet({ ...opts, behind: () => behindNow, skip: { quietMs: 50 } });
    const [s] = fleet.connect(['flood'], 80, 24);
    await base.waitState(s!.sessionId, isReady);
    return { rec: base, id: s!.sessionId, batches, skipped };
  };
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  const emitted = (rec: Recorder, id: string): number => rec.output.get(id)?.length ?? 0;

  it('a hold pauses a `yes` flood, and releasing it lets the flood run again', async () => {
    const { rec, id } = await open();
    fleet!.write([id], 'yes\n');
    await rec.waitOutput(id, (t) => t.length > 200_000, 'a flood');
    fleet!.hold(id, true);
    const atHold = emitted(rec, id);
    await sleep(300);
    const stalled = emitted(rec, id);
    expect(fleet!.flowState(id)).toMatchObject({ paused: true, skipping: false });
    await sleep(700);
    expect(emitted(rec, id)).toBe(stalled);
    expect(stalled - atHold).toBeLessThanOrEqual(OVERSHOOT);

    fleet!.hold(id, false);
    await rec.waitOutput(id, (t) => t.length > stalled + 1_000_000, 'output after the release');
    fleet!.write([id], '\x03');
  });

  it('Ctrl-C to a held flood skips what is queued and shows the prompt', async () => {
    const { rec, id, skipped } = await open();
    fleet!.write([id], 'PS1="READY> "; yes\n');
    await rec.waitOutput(id, (t) => t.length > 200_000, 'a flood');
    fleet!.hold(id, true);
    await sleep(200);
    const before = emitted(rec, id);
    behindNow = 200_000;
    fleet!.write([id], '\x03');
    expect(fleet!.flowState(id)!.skipping).toBe(true);
    await rec.waitOutput(id, (t) => t.slice(before).includes('READY> '), 'the prompt after Ctrl-C', 10_000);
    // Held all along: what reached the window after Ctrl-C is the bounded tail, not the queue.
    // The channel's window (256 KiB, channel-window.ts) was queued behind the hold: that is what was skipped.
    // A backlog building again right after the input skips again, each skip keeping one tail.
    expect(skipped.length).toBeGreaterThanOrEqual(1);
    expect(skipped.reduce((a, b) => a + b, 0)).toBeGreaterThan(8192);
    expect(emitted(rec, id) - before).toBeLessThanOrEqual(skipped.length * 8192 + OVERSHOOT);
  });

  it('never pauses unless held', async () => {
    const { rec, id } = await open();
    fleet!.write([id], 'yes | head -c 3000000; echo FLOOD""DONE\n');
    await rec.waitOutput(id, (t) => t.includes('FLOODDONE'), 'the end of 3 MB', 60_000);
    expect(fleet!.flowState(id)!.paused).toBe(false);
    expect(emitted(rec, id)).toBeGreaterThan(3_000_000);
  });

  it('delivers multi-byte characters intact though SSH packets split them', async () => {
    const { rec, id, batches } = await open();
    // 2-, 3- and 4-byte characters in a run long enough to cross many packets and batches.
    const unit = 'é€😀ж';
    const count = 30_000;
    fleet!.write([id], `stty -echo; i=0; while [ $i -lt ${count} ]; do printf '${unit}'; i=$((i+1)); done; echo; echo UTF""END\n`);
    const text = await rec.waitOutput(id, (t) => t.includes('UTFEND'), 'the end of the run', 60_000);
    expect(text).toContain(unit.repeat(count));
    expect(text).not.toContain('\uFFFD');
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) {
      // No batch starts or ends inside a surrogate pair.
      expect(/^[\uDC00-\uDFFF]/.test(b)).toBe(false);
      expect(/[\uD800-\uDBFF]$/.test(b)).toBe(false);
    }
  });

  it('knows when the shell waits for a secret', async () => {
    const { rec, id } = await open();
    fleet!.write([id], "printf 'plain> '\n");
    await rec.waitOutput(id, (t) => t.includes('plain> '), 'a plain prompt');
    await sleep(50);
    expect(fleet!.atSecretPrompt(id)).toBe(false);
    fleet!.write([id], "read -r -s -p '[sudo] password for root: ' x\n");
    await rec.waitOutput(id, (t) => t.endsWith('[sudo] password for root: '), 'the password prompt');
    expect(fleet!.atSecretPrompt(id)).toBe(true);
    fleet!.write([id], 'hunter2\r');
    await sleep(300);
    fleet!.write([id], 'echo done-$((1+1))\n');
    await rec.waitOutput(id, (t) => t.includes('done-2'), 'the next command');
    expect(fleet!.atSecretPrompt(id)).toBe(false);
  });
});
