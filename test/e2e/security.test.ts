/** Browser mode's guards, probed from outside the way an attacker on the same machine would. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request } from 'node:http';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import WebSocket from 'ws';
import { launchChromium, startWeb, type WebApp } from './harness';
import { rawExchange } from '../fixtures/rawHttp';

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

  it('serves the public shell with a CSP and without any cookie; the token guards the socket only', async () => {
    const ok = await get(app.url);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<div id="root"');
    expect(ok.body).not.toContain(app.token);
    expect(ok.headers['set-cookie']).toBeUndefined();
    // Without the token it is the same public shell (a reload after the page dropped ?token=).
    expect((await get(`${app.origin}/`)).body).toBe(ok.body);
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

  it('survives a request target that is not a URL, on a plain request and on an upgrade', async () => {
    const port = Number(new URL(app.origin).port);
    const host = `Host: 127.0.0.1:${port}\r\n`;
    expect(await rawExchange(port, `GET http://a:b:c/ HTTP/1.1\r\n${host}Connection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400 /);
    const upgrade = `GET http://a:b:c/ws HTTP/1.1\r\n${host}Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
    expect(await rawExchange(port, upgrade)).toMatch(/^HTTP\/1\.1 400 /);
    expect(app.child.exitCode).toBeNull();
    expect(await openSocket(`${app.origin.replace('http', 'ws')}/ws?token=${app.token}`, app.origin)).toBe('open');
  });

  it('in Chromium: drops the token from the address bar, sets no cookie, and never shows it to another local port', async () => {
    const seen: string[] = [];
    const other = createServer((req, res) => {
      seen.push(req.headers.cookie ?? '');
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>another local app</p>');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(app.url);
      await page.getByTestId('connect-all').waitFor();
      await expect.poll(() => page.url()).toBe(`${app.origin}/`);
      expect(await context.cookies()).toEqual([]);
      // The window reconnects after a reload without the token in the URL: sessionStorage holds it.
      await page.reload();
      await page.getByTestId('connect-all').waitFor();
      await expect.poll(() => page.getByTestId('connection-banner').count(), { timeout: 10_000 }).toBe(0);
      await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      // The page and its favicon: whatever the browser sends to another port carries no token.
      expect(seen.length).toBeGreaterThan(0);
      for (const cookie of seen) expect(cookie).not.toContain(app.token);
      // A fresh tab on the bare address has no token anywhere: it says how to get in.
      const bare = await (await browser.newContext()).newPage();
      await bare.goto(`${app.origin}/`);
      await expect.poll(() => bare.getByTestId('connection-banner').innerText().catch(() => ''), { timeout: 15_000 }).toContain('open the URL that warroom web printed');
    } finally {
      await browser.close();
      await new Promise((r) => other.close(r));
    }
  });

  it("in Chromium: the window refuses a 16 MB attachment by name and size, sends a large one in chunks, and the server stays up", async () => {
    const ws = new WebSocket(`${app.origin.replace('http', 'ws')}/ws?token=${app.token}`, { origin: app.origin });
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ t: 'req', id: 1, name: 'incident.declare', input: { title: 'attachments', severity: 'SEV3' } }));
    await new Promise((r) => ws.once('message', r));
    ws.close();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(app.url);
      const attach = page.getByTestId('incident-attach');
      // Files on disk: the browser reads them itself, as from a real file picker.
      const pcap = path.join(app.home, 'capture.pcap');
      const heap = path.join(app.home, 'heap.bin');
      writeFileSync(pcap, Buffer.alloc(16 * 1024 * 1024, 1));
      writeFileSync(heap, Buffer.alloc(9 * 1024 * 1024, 7));
      await attach.setInputFiles(pcap);
      await expect
        .poll(() => page.locator('.errors .msg').allInnerTexts(), { timeout: 15_000 })
        .toContainEqual(expect.stringContaining('capture.pcap is 16.0 MiB (16777216 bytes); attachments are limited to 10.0 MiB'));
      // Several chunks, and more than the old single frame would have carried comfortably.
      await attach.setInputFiles(heap);
      const row = page.locator('[data-testid="timeline-event"][data-type="attachment"]').filter({ hasText: 'heap.bin' });
      await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
      expect(app.child.exitCode).toBeNull();
    } finally {
      await browser.close();
    }
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
