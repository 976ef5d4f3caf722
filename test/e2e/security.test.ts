/** Browser mode's guards, probed from outside the way an attacker on the same machine would. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import WebSocket from 'ws';
import { startWeb, type WebApp } from './harness';

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

function openSocket(url: string, origin?: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

describe('browser mode guards', () => {
  let app: WebApp;
  beforeAll(async () => {
    app = await startWeb(['--practice', '2']);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('listens on 127.0.0.1 and prints a URL with a fresh token', async () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
    const second = await startWeb(['--practice', '1']);
    try {
      expect(second.token).not.toBe(app.token);
    } finally {
      await second.stop();
    }
  });

  it('answers 401 without the token and serves the window with a CSP with it', async () => {
    expect((await get(`${app.origin}/`)).status).toBe(401);
    expect((await get(`${app.origin}/?token=wrong${app.token}`)).status).toBe(401);
    expect((await get(`${app.origin}/assets/`)).status).toBe(401);
    const ok = await get(app.url);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<div id="root"');
    const csp = String(ok.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(ok.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses a request whose Host is not loopback (DNS rebinding)', async () => {
    expect((await get(app.url, { Host: `evil.example:${new URL(app.url).port}` })).status).toBe(401);
  });

  it('refuses path traversal out of the renderer folder', async () => {
    const r = await get(`${app.origin}/..%2f..%2fpackage.json?token=${app.token}`);
    expect(r.status).toBe(404);
  });

  it('refuses a socket without the token or from a foreign origin, and accepts the real one', async () => {
    const ws = app.origin.replace('http', 'ws') + '/ws';
    expect(await openSocket(ws, app.origin)).toBe(401);
    expect(await openSocket(`${ws}?token=${app.token}`, 'http://evil.example')).toBe(401);
    expect(await openSocket(`${ws}?token=${app.token}`)).toBe(401);
    expect(await openSocket(`${ws}?token=${app.token}`, app.origin)).toBe('open');
  });

  it('rejects unknown channels and payloads that fail their schema, naming the problem', async () => {
    const ws = new WebSocket(`${app.origin.replace('http', 'ws')}/ws?token=${app.token}`, { origin: app.origin });
    await new Promise((r) => ws.once('open', r));
    const replies = new Map<number, { ok: boolean; error?: { code: string; message: string } }>();
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { t: string; id: number; reply: { ok: boolean; error?: { code: string; message: string } } };
      if (frame.t === 'res') replies.set(frame.id, frame.reply);
    });
    ws.send(JSON.stringify({ t: 'req', id: 1, name: 'fs.readFile', input: { path: '/etc/shadow' } }));
    ws.send(JSON.stringify({ t: 'req', id: 2, name: 'fleet.resize', input: { sessionId: 'x', cols: -5, rows: 10 } }));
    ws.send(JSON.stringify({ t: 'req', id: 3, name: 'fleet.input', input: { sessionIds: ['x'], data: 'a'.repeat(1024 * 1024 + 1) } }));
    ws.send(JSON.stringify({ t: 'req', id: 4, name: 'app.info', input: {} }));
    await expect.poll(() => replies.size, { timeout: 10_000 }).toBe(4);
    expect(replies.get(1)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(replies.get(2)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(replies.get(2)!.error!.message).toContain('cols');
    expect(replies.get(3)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(replies.get(4)).toMatchObject({ ok: true });
    ws.close();
  });
});
