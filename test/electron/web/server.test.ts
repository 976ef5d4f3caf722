/**
 * Browser mode must survive any input (a malformed request target, an oversized or invalid frame)
 * and must not hand its token to other local pages. Probed with raw TCP and the real `ws` client
 * against the real server over the real composed app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import WebSocket from 'ws';
import { MAX_INPUT_CHARS } from '../../../shared/contract';
import { MAX_FRAME_BYTES } from '../../../electron/web/server';
import { appInfo, closed, openSocket, rawExchange, serve, type Served } from './helpers';

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser-mode server hardening', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serve();
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('answers 400 to a request target that is not a URL, on plain requests and on upgrades, and goes on', async () => {
    const host = `Host: 127.0.0.1:${s.server.port}\r\n`;
    const plain = await rawExchange(s.server.port, `GET http://a:b:c/ HTTP/1.1\r\n${host}Connection: close\r\n\r\n`);
    expect(plain).toMatch(/^HTTP\/1\.1 400 /);
    const upgrade = await rawExchange(
      s.server.port,
      `GET http://a:b:c/ws HTTP/1.1\r\n${host}Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    );
    expect(upgrade).toMatch(/^HTTP\/1\.1 400 /);
    expect(await appInfo(s)).toMatchObject({ ok: true });
  });

  it('closes a socket that sends a frame over the limit (1009) or invalid UTF-8 (1007), and stays up', async () => {
    const big = await openSocket(s.wsUrl, s.origin);
    const bigClosed = closed(big);
    big.send(Buffer.alloc(MAX_FRAME_BYTES + 1, 0x61), { binary: false });
    expect((await bigClosed).code).toBe(1009);

    const bad = await openSocket(s.wsUrl, s.origin);
    const badClosed = closed(bad);
    bad.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await badClosed).code).toBe(1007);
    expect(s.log.join('\n')).toMatch(/Max payload size exceeded/);
    expect(s.log.join('\n')).toMatch(/invalid UTF-8/i);

    expect(await appInfo(s)).toMatchObject({ ok: true });
  });

  it('accepts the largest valid keystroke request: the limit is above what the contract allows', async () => {
    const ws = await openSocket(s.wsUrl, s.origin);
    // Control characters are the worst case of JSON's escaping: six bytes each.
    const data = '\u0001'.repeat(MAX_INPUT_CHARS);
    const reply = await new Promise((resolve) => {
      ws.on('message', (raw) => resolve((JSON.parse(raw.toString()) as { reply: unknown }).reply));
      ws.send(JSON.stringify({ t: 'req', id: 7, name: 'fleet.input', input: { sessionIds: ['none'], data } }));
    });
    expect(reply).toMatchObject({ ok: true });
    ws.close();
  });

  it('delivers every frame sent in one turn, whole and in order, and each later reply on its own', async () => {
    const ws = await openSocket(s.wsUrl, s.origin);
    const frames: Array<{ t: string; id?: number; name?: string; payload?: { data: string } }> = [];
    const waiters = new Set<() => void>();
    ws.on('message', (raw) => {
      frames.push(JSON.parse(raw.toString()) as (typeof frames)[number]);
      for (const w of waiters) w();
    });
    const until = (probe: () => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => probe() && (waiters.delete(check), resolve());
        waiters.add(check);
        check();
      });
    ws.send(JSON.stringify({ t: 'req', id: 1, name: 'app.info', input: {} }));
    await until(() => frames.some((f) => f.id === 1));
    // As the echoes of one keystroke on many panes: all sent in the same turn, while the socket is
    // held for it, with a large one among them (more than one TCP segment).
    const sent = Array.from({ length: 300 }, (_, i) => (i === 150 ? 'x'.repeat(200_000) : `key ${i}`));
    for (const data of sent) s.app.hub.emit('term.data', { sessionId: 'cork-test', data });
    await until(() => frames.filter((f) => f.name === 'term.data').length === sent.length);
    expect(frames.filter((f) => f.name === 'term.data').map((f) => f.payload!.data)).toEqual(sent);
    // A lone reply in a later turn is not left held.
    ws.send(JSON.stringify({ t: 'req', id: 2, name: 'app.info', input: {} }));
    await until(() => frames.some((f) => f.id === 2));
    ws.close();
  });

  it('keeps the token out of cookies: the shell is served without one and sets none, and a cookie opens nothing', async () => {
    const page = await get(`${s.origin}/?token=${s.server.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).not.toContain(s.server.token);
    const bare = await get(`${s.origin}/`);
    expect(bare.status).toBe(200);
    expect(String(bare.headers['content-security-policy'])).toContain("default-src 'self'");
    expect((await get(`${s.origin}/assets/app.js`)).status).toBe(200);
    // DNS rebinding: a foreign Host gets nothing, not even the public shell.
    expect((await get(`${s.origin}/`, { Host: `evil.example:${s.server.port}` })).status).toBe(401);

    const wsBase = `ws://127.0.0.1:${s.server.port}/ws`;
    const viaCookie = await new Promise<number | 'open'>((resolve) => {
      const ws = new WebSocket(wsBase, { origin: s.origin, headers: { Cookie: `warroom_token=${s.server.token}` } });
      ws.on('open', () => {
        ws.close();
        resolve('open');
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
    });
    expect(viaCookie).toBe(401);
  });
});
