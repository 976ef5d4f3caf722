/**
 * Throws random bytes, malformed HTTP requests and random WebSocket frames at the real browser-mode
 * server for a bounded count, then checks it still answers a valid request. Seeded: a failure
 * names the seed, and FUZZ_SEED=<seed> replays the same inputs.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import WebSocket from 'ws';
import { contract } from '../../../shared/contract';
import { MAX_FRAME_BYTES } from '../../../electron/web/server';
import { appInfo, rawExchange, serve, type Served } from './helpers';
import { mulberry32 as prng } from '../../../electron/practice/host/clock';


const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RAW_CASES = 150;
const FRAME_CASES = 300;

class Gen {
  constructor(readonly next: () => number) {}
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
  text(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.pick([this.int(128), this.int(0x10000), 0xd800 + this.int(0x400)]));
    return s;
  }
  json(depth = 0): unknown {
    const kind = this.int(depth > 3 ? 4 : 7);
    if (kind === 0) return null;
    if (kind === 1) return this.int(3) === 0 ? -this.int(1e9) : this.next() * 1e12;
    if (kind === 2) return this.text(this.int(20));
    if (kind === 3) return this.int(2) === 0;
    if (kind === 4) return Array.from({ length: this.int(5) }, () => this.json(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = this.int(5); i > 0; i--) o[this.pick(['t', 'id', 'name', 'input', '__proto__', 'constructor', this.text(5)])] = this.json(depth + 1);
    return o;
  }
}

const TARGETS = ['/', '/ws', 'http://a:b:c/', 'http://a:b:c/ws', '//x', '*', '/%', '/%zz', '/..%2f..%2fetc/passwd', '/\u0000', 'http://[::1', '/ws?token=', '/?token=%ff'];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'CONNECT', 'G E T', ''];

function malformedRequest(g: Gen, port: number): string | Buffer {
  switch (g.int(4)) {
    case 0:
      return g.bytes(1 + g.int(2048));
    case 1: {
      const target = g.int(4) === 0 ? `/${'a'.repeat(g.int(20_000))}` : g.pick(TARGETS);
      const headers = [
        g.pick([`Host: 127.0.0.1:${port}`, 'Host: evil.example', '', 'Host:']),
        g.pick(['', 'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==']),
        g.pick(['', `Origin: http://127.0.0.1:${port}`, 'Origin: null']),
        g.pick(['', 'Content-Length: -1', 'Content-Length: 99999999', 'Transfer-Encoding: chunked', 'Transfer-Encoding: chunked\r\nContent-Length: 3']),
      ].filter(Boolean);
      return `${g.pick(METHODS)} ${target} HTTP/1.${g.int(3)}\r\n${headers.join('\r\n')}\r\n\r\n${g.text(g.int(64))}`;
    }
    case 2:
      return `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${g.text(g.int(200))}\r\n\r\n`;
    default:
      return `${g.text(g.int(100))}\r\n\r\n`;
  }
}

function randomFrame(g: Gen): { data: Buffer | string; binary: boolean } {
  const channels = Object.keys(contract.requests).filter((n) => !n.startsWith('export.'));
  switch (g.int(8)) {
    case 0:
      return { data: g.bytes(g.int(4096)), binary: true };
    case 1:
      // Invalid UTF-8 in a text frame.
      return { data: Buffer.concat([Buffer.from('{"t":"req"'), g.bytes(1 + g.int(64)), Buffer.from([0xff, 0xc0])]), binary: false };
    case 2:
      return { data: g.text(g.int(500)), binary: false };
    case 3: {
      const depth = 1000 + g.int(100_000);
      return { data: `{"t":"req","id":1,"name":"incident.note","input":${'['.repeat(depth)}${']'.repeat(depth)}}`, binary: false };
    }
    case 4:
      return { data: JSON.stringify({ t: 'req', id: g.int(1e6), name: `${g.pick(['', 'fs.', 'app.', '__proto__.'])}${g.text(10)}`, input: g.json() }), binary: false };
    case 5:
      return { data: JSON.stringify({ t: 'req', id: g.int(1e6), name: g.pick(channels), input: g.json() }), binary: false };
    case 6:
      return { data: JSON.stringify(g.json()), binary: false };
    default:
      return { data: JSON.stringify({ t: 'req', id: g.int(1e6), name: g.pick(channels), input: { text: g.text(10), sessionIds: [g.text(3)], data: g.text(5), seq: g.int(5), title: g.text(8) } }), binary: false };
  }
}

/** Sends frames on one socket until it is closed, opening a new one as needed. */
async function throwFrames(s: Served, frames: Array<{ data: Buffer | string; binary: boolean }>): Promise<void> {
  let ws: WebSocket | undefined;
  for (const frame of frames) {
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      ws = new WebSocket(s.wsUrl, { origin: s.origin });
      ws.on('error', () => undefined);
      await new Promise((r) => {
        ws!.once('open', r);
        ws!.once('close', r);
      });
      if (ws.readyState !== WebSocket.OPEN) continue;
    }
    await new Promise<void>((resolve) => ws!.send(frame.data, { binary: frame.binary }, () => resolve()));
  }
  ws?.close();
}

describe('browser-mode server under fuzzing', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serve();
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('stays up after random bytes, malformed requests and random frames', async () => {
    onTestFailed(() => console.error(`fuzz seed ${SEED}: rerun with FUZZ_SEED=${SEED}`));
    // The server runs in this process: what would have ended `warroom web` lands here.
    const crashes: string[] = [];
    const crashed = (err: unknown) => crashes.push(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.on('uncaughtException', crashed);
    process.on('unhandledRejection', crashed);
    try {
      const g = new Gen(prng(SEED));
      const port = s.server.port;
      for (let i = 0; i < RAW_CASES; i += 25) {
        await Promise.all(Array.from({ length: 25 }, () => rawExchange(port, malformedRequest(g, port), 300)));
      }
      const frames = Array.from({ length: FRAME_CASES }, () => randomFrame(g));
      // Over the limit, once each way.
      frames.splice(g.int(frames.length), 0, { data: Buffer.alloc(MAX_FRAME_BYTES + 1, 0x20), binary: false });
      frames.splice(g.int(frames.length), 0, { data: Buffer.alloc(MAX_FRAME_BYTES + 1), binary: true });
      await Promise.all([0, 1, 2].map((k) => throwFrames(s, frames.filter((_, i) => i % 3 === k))));
      expect(await appInfo(s), `fuzz seed ${SEED}`).toMatchObject({ ok: true, value: { mode: 'web' } });
    } finally {
      process.off('uncaughtException', crashed);
      process.off('unhandledRejection', crashed);
    }
    expect(crashes, `fuzz seed ${SEED}: uncaught errors`).toEqual([]);
  });
});
