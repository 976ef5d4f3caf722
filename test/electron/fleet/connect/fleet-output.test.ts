import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Fleet } from '../../../../electron/fleet/fleet';
import { startSshdFleet, type SshdFleet } from '../../../fixtures/sshd-fleet';
import { catalogOf, isReady, realKnownHosts, recorder, resolvedHost, type Recorder } from './helpers';

const HIGH = 100_000;
// A batch is flushed once it reaches 32 KiB, and the chunk that crosses the cap can be one more SSH
// packet (up to 32 KiB): what is emitted before the pause takes hold is bounded by this.
const OVERSHOOT = 2 * 32_768 + 4096;

describe('output from real OpenSSH: flow control and UTF-8', () => {
  let sshd: SshdFleet;
  let fleet: Fleet | undefined;
  beforeAll(async () => {
    sshd = await startSshdFleet({ count: 1, hostnames: ['flood'] });
  });
  afterEach(async () => {
    await fleet?.close();
    fleet = undefined;
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  const open = async (flowControl?: false): Promise<{ rec: Recorder; id: string; batches: string[] }> => {
    const base = recorder();
    const batches: string[] = [];
    const rec: Recorder = {
      ...base,
      data(id, d) {
        batches.push(d);
        base.data(id, d);
      },
    };
    const opts = { catalog: catalogOf([resolvedHost(sshd, sshd.hosts[0]!)]), knownHosts: realKnownHosts(), events: rec, agentSocket: '' };
    fleet = new Fleet(flowControl === false ? { ...opts, flowControl: false } : opts);
    const [s] = fleet.connect(['flood'], 80, 24);
    await base.waitState(s!.sessionId, isReady);
    return { rec: base, id: s!.sessionId, batches };
  };
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  const emitted = (rec: Recorder, id: string): number => rec.output.get(id)?.length ?? 0;

  it('pauses a `yes` flood while nothing is acknowledged, and resumes when it is', async () => {
    const { rec, id } = await open();
    fleet!.write([id], 'yes\n');
    await rec.waitOutput(id, (t) => t.length > HIGH, 'more than the high watermark');
    // Without acks the flood stops: the emitted total stays put however long we wait.
    await sleep(300);
    const stalled = emitted(rec, id);
    expect(fleet!.flowState(id)).toEqual({ unacked: stalled, paused: true });
    await sleep(700);
    expect(emitted(rec, id)).toBe(stalled);
    expect(stalled).toBeLessThanOrEqual(HIGH + OVERSHOOT);

    // Acknowledge everything: the stream resumes and more arrives, again bounded.
    fleet!.ack(id, stalled);
    await rec.waitOutput(id, (t) => t.length > stalled + HIGH / 2, 'output after the ack');
    await sleep(300);
    const state = fleet!.flowState(id)!;
    expect(state.paused).toBe(true);
    expect(state.unacked).toBeLessThanOrEqual(HIGH + OVERSHOOT);
    // Acking as it comes (as the window does) keeps it flowing well past any watermark.
    const target = emitted(rec, id) + 2_000_000;
    while (emitted(rec, id) < target) {
      fleet!.ack(id, fleet!.flowState(id)!.unacked);
      await sleep(5);
    }
    fleet!.write([id], '\x03');
  });

  it('never pauses when flow control is off (CLI use)', async () => {
    const { rec, id } = await open(false);
    fleet!.write([id], 'yes | head -c 3000000; echo FLOOD""DONE\n');
    await rec.waitOutput(id, (t) => t.includes('FLOODDONE'), 'the end of 3 MB', 60_000);
    expect(fleet!.flowState(id)!.paused).toBe(false);
    expect(emitted(rec, id)).toBeGreaterThan(3_000_000);
  });

  it('delivers multi-byte characters intact though SSH packets split them', async () => {
    const { rec, id, batches } = await open(false);
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
