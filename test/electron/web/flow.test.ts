/**
 * Flow control per window through the real browser-mode server, the real composed app and the
 * practice fleet over real SSH, with `ws` clients playing the windows: a `yes` flood, a window that
 * stops reading, one that closes mid-flood, and Ctrl-C while the output is far behind.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWarroom, type Warroom } from '../../../electron/app/warroom';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import { DEFAULT_FLOW_LIMITS } from '../../../electron/rpc/flow-ledger';
import { openFlowClient, type FlowClient } from './flow-client';

const HIGH = DEFAULT_FLOW_LIMITS.highWatermark;
// After a hold, at most one batch (32 KiB) and one SSH packet (32 KiB) more are emitted.
const OVERSHOOT = 2 * 32_768 + 4096;
const TAIL = 8192;

interface Rig {
  app: Warroom;
  server: WebServer;
  clients: FlowClient[];
  open(): Promise<FlowClient>;
  stop(): Promise<void>;
}

async function rig(stallMs: number, hosts: number): Promise<Rig> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'warroom-flow-'));
  writeFileSync(path.join(home, 'ssh_config'), '');
  const rendererDir = path.join(home, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
  const app = await createWarroom({ dataDir: home, mode: 'web', sshConfigFile: path.join(home, 'ssh_config'), practice: hosts, hub: { flow: { stallMs } } });
  const server = await startWebServer({ handlers: app.handlers, hub: app.hub, rendererDir, onClientClosed: (id) => app.clientClosed(id), log: () => undefined });
  const clients: FlowClient[] = [];
  return {
    app,
    server,
    clients,
    async open() {
      const c = await openFlowClient(server.port, server.token);
      clients.push(c);
      return c;
    },
    async stop() {
      for (const c of clients) c.thaw();
      await Promise.all(clients.map((c) => c.close()));
      await server.close();
      await app.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

async function connectAll(r: Rig, via: FlowClient): Promise<string[]> {
  const aliases = r.app.practice!.hosts.map((h) => h.alias);
  const { sessions } = await via.call<{ sessions: Array<{ sessionId: string }> }>('fleet.connect', { aliases, cols: 80, rows: 24 });
  const ids = sessions.map((s) => s.sessionId);
  await via.until('sessions ready', () => ids.every((id) => via.states.get(id)?.state === 'ready'));
  // The login banner and first prompt.
  await via.until('first prompts', () => ids.every((id) => /\$ $/.test(via.recent.get(id) ?? '')));
  return ids;
}

const got = (c: FlowClient, id: string) => c.received.get(id) ?? 0;

describe('flow control per window, over the real WebSocket server', () => {
  let r: Rig | undefined;
  afterEach(async () => {
    await r?.stop();
    r = undefined;
  });

  it('a window that stops reading is dropped and told to repaint; the other keeps receiving', async () => {
    r = await rig(1000, 1);
    const a = await r.open();
    const b = await r.open();
    const [id] = await connectAll(r, a);
    await b.until('b has the prompt', () => /\$ $/.test(b.recent.get(id!) ?? ''));
    const bBefore = got(b, id!);
    b.repaints = false; // repainted by hand below
    b.freeze();
    await a.call('fleet.input', { sessionIds: [id], data: 'yes\n' });
    // Held by b until b is found stalled and dropped; then a alone paces the flood.
    await a.until('a reads 3 MB of the flood', () => got(a, id!) > 3_000_000, 60_000);
    expect(r.app.hub.flow.reading('web-2', id!)).toBe(false);
    expect(r.app.hub.flow.debt('web-2', id!)).toBe(0);

    // What b was sent while it did not read is bounded by the high watermark, not by the flood.
    let atResync = -1;
    b.thaw();
    await b.until('term.resync', () => {
      if (b.resyncs.includes(id!) && atResync < 0) atResync = got(b, id!);
      return atResync >= 0;
    });
    expect(atResync - bBefore).toBeLessThanOrEqual(HIGH + OVERSHOOT);

    // Repainting from scrollback lets b read the stream again.
    const { data } = await b.call<{ data: string }>('fleet.scrollback', { sessionId: id });
    expect(data).toContain('y\r\ny\r\n');
    expect(r.app.hub.flow.reading('web-2', id!)).toBe(true);
    const resumedAt = got(b, id!);
    await b.until('b reads the stream again', () => got(b, id!) > resumedAt + 500_000, 30_000);

    await a.call('fleet.input', { sessionIds: [id], data: '\x03' });
    await a.until('the prompt after Ctrl-C', () => /\$ $/.test(a.recent.get(id!) ?? ''));
  });

  it('a window closed mid-flood releases its debt at once: the other stream does not freeze', async () => {
    r = await rig(600_000, 1); // no stall drop in this test: only the close can release the hold
    const a = await r.open();
    const b = await r.open();
    const [id] = await connectAll(r, a);
    b.acking = false;
    await a.call('fleet.input', { sessionIds: [id], data: 'yes\n' });
    await a.until('b holds the flood', () => r!.app.flowState(id!)?.paused === true, 30_000);
    const atHold = got(a, id!);
    await b.close();
    await a.until('a reads on after b closed', () => got(a, id!) > atHold + 2_000_000, 30_000);
    expect(r.app.hub.flow.debt('web-2', id!)).toBe(0);
    await a.call('fleet.input', { sessionIds: [id], data: '\x03' });
    await a.until('the prompt after Ctrl-C', () => /\$ $/.test(a.recent.get(id!) ?? ''));
  });

  it('one fleet.ack carries every session: it pays each debt and releases every held source', async () => {
    r = await rig(600_000, 3);
    const a = await r.open();
    const ids = await connectAll(r, a);
    a.acking = false;
    await a.call('fleet.input', { sessionIds: ids, data: 'yes\n' });
    await a.until('every session held', () => ids.every((id) => r!.app.flowState(id)?.paused === true), 30_000);
    // What the window could not ack fails as a whole, naming the field; nothing of it is applied.
    const owed = ids.map((id) => r!.app.hub.flow.debt('web-1', id));
    await expect(a.call('fleet.ack', { acks: [{ sessionId: ids[0], chars: 5 }, { sessionId: ids[1], chars: 0 }] })).rejects.toThrow(/acks/);
    await expect(a.call('fleet.ack', { acks: [] })).rejects.toThrow(/acks/);
    expect(ids.map((id) => r!.app.hub.flow.debt('web-1', id))).toEqual(owed);
    // One request for all three, as the window's AckBatcher sends it.
    const atAck = new Map(ids.map((id) => [id, got(a, id)]));
    await a.call('fleet.ack', { acks: ids.map((id) => ({ sessionId: id, chars: r!.app.hub.flow.debt('web-1', id) })) });
    // Held, a session sends at most OVERSHOOT more; released, up to the high watermark again.
    await a.until('every source flows again', () => ids.every((id) => got(a, id) > atAck.get(id)! + OVERSHOOT), 30_000);
    await a.call('fleet.input', { sessionIds: ids, data: '\x03' });
    await a.until('the prompt after Ctrl-C on every host', () => ids.every((id) => /\$ $/.test(a.recent.get(id) ?? '')));
  });

  it('Ctrl-C during a flood that is far behind skips what nobody can read and shows the prompt', async () => {
    r = await rig(600_000, 3);
    const a = await r.open();
    const ids = await connectAll(r, a);
    a.acking = false; // xterm far behind: every session ends up held at the high watermark
    const beforeFlood = new Map(ids.map((id) => [id, got(a, id)]));
    await a.call('fleet.input', { sessionIds: ids, data: 'yes\n' });
    await a.until('every session held', () => ids.every((id) => r!.app.flowState(id)?.paused === true), 30_000);
    await a.call('fleet.input', { sessionIds: ids, data: '\x03' });
    await a.until('a skip notice and the prompt on every host', () =>
      ids.every((id) => a.skipped.some((s) => s.sessionId === id) && /\^C[^]*\$ $/.test(a.recent.get(id) ?? '')),
    );
    for (const id of ids) {
      const skipped = a.skipped.filter((s) => s.sessionId === id).reduce((n, s) => n + s.chars, 0);
      // What the channel window (256 KiB, channel-window.ts) let the host send behind the hold: most of it is skipped, not shown.
      expect(skipped).toBeGreaterThan(TAIL);
      // Nothing was acknowledged: all this window was ever sent of the flood is one watermark's
      // worth, and after Ctrl-C one kept tail per skip (a backlog building again skips again).
      const skips = a.skipped.filter((s) => s.sessionId === id).length;
      expect(got(a, id) - beforeFlood.get(id)!).toBeLessThanOrEqual(HIGH + OVERSHOOT + skips * TAIL);
      // The scrollback (and so the recording, fed the same way) says what was skipped.
      const { data } = await a.call<{ data: string }>('fleet.scrollback', { sessionId: id });
      expect(data).toMatch(/\[warroom: [\d.]+ (B|KB|MB) of output skipped after an interrupt\]/);
    }
  });
});
