/**
 * A real browser-mode server over the real composed app (no hosts, a private data folder), and the
 * raw-socket probes the hardening tests throw at it.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createWarroom, type Warroom } from '../../../electron/app/warroom';
import { startWebServer, type WebServer } from '../../../electron/web/server';

export { rawExchange } from '../../fixtures/rawHttp';

export interface Served {
  app: Warroom;
  server: WebServer;
  home: string;
  origin: string;
  wsUrl: string;
  /** What the server reported (refused sockets, faults). */
  log: string[];
  stop(): Promise<void>;
}

export async function serve(): Promise<Served> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'warroom-web-'));
  writeFileSync(path.join(home, 'ssh_config'), '');
  const rendererDir = path.join(home, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div><script src="/assets/app.js"></script>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("boot")');
  const app = await createWarroom({ dataDir: home, mode: 'web', sshConfigFile: path.join(home, 'ssh_config'), practice: false });
  const log: string[] = [];
  const server = await startWebServer({ handlers: app.handlers, hub: app.hub, rendererDir, onClientClosed: (id) => app.clientClosed(id), log: (l) => log.push(l) });
  const origin = `http://127.0.0.1:${server.port}`;
  return {
    app,
    server,
    home,
    origin,
    wsUrl: `ws://127.0.0.1:${server.port}/ws?token=${server.token}`,
    log,
    stop: async () => {
      await server.close();
      await app.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Opens the real socket with the page's Origin; resolves once open. */
export function openSocket(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`socket refused with HTTP ${res.statusCode}`)));
  });
}

/** Resolves with the close code and reason the server gave. */
export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    ws.on('error', () => undefined);
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

/** One real request/reply over a fresh socket: the server is up and serving the contract. */
export async function appInfo(s: Pick<Served, 'wsUrl' | 'origin'>): Promise<unknown> {
  const ws = await openSocket(s.wsUrl, s.origin);
  try {
    return await new Promise((resolve) => {
      ws.on('message', (raw) => {
        const frame = JSON.parse(raw.toString()) as { t: string; id?: number; reply?: unknown };
        if (frame.t === 'res' && frame.id === 1) resolve(frame.reply);
      });
      ws.send(JSON.stringify({ t: 'req', id: 1, name: 'app.info', input: {} }));
    });
  } finally {
    ws.close();
  }
}
