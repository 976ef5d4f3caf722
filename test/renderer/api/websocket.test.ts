import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { ClientFrame, type ServerFrame } from '../../../shared/wire';
import { RpcRequestError } from '../../../renderer/api/reply';
import { WsClient, backoffDelay, socketUrl, type LinkState, type SocketLike } from '../../../renderer/api/websocket';

interface Server {
  wss: WebSocketServer;
  url: string;
  frames: ClientFrame[];
  sockets: ServerSocket[];
}

const servers: WebSocketServer[] = [];
const clients: WsClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.stop();
  for (const s of servers.splice(0)) {
    for (const ws of s.clients) ws.terminate();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

/** A real socket server on loopback; `answer` decides each reply (undefined: no reply). */
async function startServer(answer: (frame: ClientFrame, ws: ServerSocket) => ServerFrame | undefined): Promise<Server> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(wss);
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const frames: ClientFrame[] = [];
  const sockets: ServerSocket[] = [];
  wss.on('connection', (ws) => {
    sockets.push(ws);
    ws.on('message', (raw) => {
      const frame = ClientFrame.parse(JSON.parse(raw.toString()));
      frames.push(frame);
      const reply = answer(frame, ws);
      if (reply) ws.send(JSON.stringify(reply));
    });
  });
  return { wss, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws?token=t`, frames, sockets };
}

function client(url: string, bad: string[] = []): WsClient {
  const c = new WsClient({
    url,
    createSocket: (u) => new WebSocket(u) as unknown as SocketLike,
    onBadEvent: (m) => bad.push(m),
    minDelayMs: 20,
    maxDelayMs: 100,
  });
  clients.push(c);
  return c;
}

function untilState(c: WsClient, kind: LinkState['kind']): Promise<LinkState> {
  return new Promise((resolve) => {
    const off = c.onState((s) => {
      if (s.kind === kind) {
        queueMicrotask(() => off());
        resolve(s);
      }
    });
  });
}

const INFO = { version: '1.2.3', mode: 'web', practice: true, dataDir: '/d', screenReader: false };

describe('WsClient', () => {
  it('frames requests with increasing ids and matches replies that come back out of order', async () => {
    const held: ClientFrame[] = [];
    const server = await startServer((frame, ws) => {
      held.push(frame);
      if (held.length === 2) {
        // Answer the second request first.
        for (const f of [...held].reverse()) {
          const value = f.name === 'app.info' ? INFO : { delivered: 2 };
          ws.send(JSON.stringify({ t: 'res', id: f.id, reply: { ok: true, value } } satisfies ServerFrame));
        }
      }
      return undefined;
    });
    const c = client(server.url);
    c.start();
    await untilState(c, 'open');
    const [info, input] = await Promise.all([
      c.request('app.info', {}),
      c.request('fleet.input', { sessionIds: ['a', 'b'], data: 'ls\r' }),
    ]);
    expect(info.version).toBe('1.2.3');
    expect(input.delivered).toBe(2);
    expect(server.frames.map((f) => [f.t, f.name])).toEqual([
      ['req', 'app.info'],
      ['req', 'fleet.input'],
    ]);
    expect(server.frames[1]!.id).toBeGreaterThan(server.frames[0]!.id);
    expect(server.frames[1]!.input).toEqual({ sessionIds: ['a', 'b'], data: 'ls\r' });
  });

  it('throws the server message for a rejected request, and refuses replies that break the contract', async () => {
    const server = await startServer((frame) =>
      frame.name === 'incident.note'
        ? { t: 'res', id: frame.id, reply: { ok: false, error: { code: 'failed', message: 'no active incident: declare one first' } } }
        : { t: 'res', id: frame.id, reply: { ok: true, value: { version: 42 } } },
    );
    const c = client(server.url);
    c.start();
    await untilState(c, 'open');
    const rejected = c.request('incident.note', { text: 'x' });
    await expect(rejected).rejects.toThrow('no active incident: declare one first');
    await expect(rejected).rejects.toBeInstanceOf(RpcRequestError);
    await expect(c.request('app.info', {})).rejects.toThrow(/does not fit the contract/);
  });

  it('delivers contract events and reports malformed or unknown ones', async () => {
    const bad: string[] = [];
    const server = await startServer(() => undefined);
    const c = client(server.url, bad);
    const got: string[] = [];
    c.on('term.data', (p) => got.push(`${p.sessionId}:${p.data}`));
    c.start();
    await untilState(c, 'open');
    const ws = server.sockets[0]!;
    ws.send(JSON.stringify({ t: 'evt', name: 'term.data', payload: { sessionId: 's1', data: 'héllo' } }));
    ws.send(JSON.stringify({ t: 'evt', name: 'term.data', payload: { sessionId: 's1' } }));
    ws.send(JSON.stringify({ t: 'evt', name: 'no.such.event', payload: {} }));
    ws.send('not json');
    ws.send(JSON.stringify({ t: 'evt', name: 'term.data', payload: { sessionId: 's1', data: 'after' } }));
    await expect.poll(() => got.length).toBe(2);
    expect(got).toEqual(['s1:héllo', 's1:after']);
    expect(bad).toHaveLength(3);
    expect(bad[0]).toContain('term.data');
    expect(bad[1]).toContain('no.such.event');
  });

  it('fails pending requests when the connection drops, refuses keys while down, and reconnects', async () => {
    const server = await startServer((frame, ws) => {
      if (frame.name === 'fleet.sessions') ws.terminate();
      return frame.name === 'app.info' ? { t: 'res', id: frame.id, reply: { ok: true, value: INFO } } : undefined;
    });
    const c = client(server.url);
    const states: string[] = [];
    c.onState((s) => states.push(s.kind));
    c.start();
    await untilState(c, 'open');
    const closed = untilState(c, 'closed');
    await expect(c.request('fleet.sessions', {})).rejects.toThrow(/connection to Warroom was lost/);
    await closed;
    await expect(c.request('fleet.input', { sessionIds: ['a'], data: 'x' })).rejects.toThrow(/not connected/);
    await untilState(c, 'open');
    expect((await c.request('app.info', {})).mode).toBe('web');
    expect(server.sockets).toHaveLength(2);
    expect(states).toEqual(['connecting', 'open', 'closed', 'connecting', 'open']);
  });

  it('keeps retrying with a growing delay while nothing listens', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const port = (wss.address() as AddressInfo).port;
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    const c = client(`ws://127.0.0.1:${port}/ws`);
    const attempts: number[] = [];
    c.onState((s) => {
      if (s.kind === 'closed') attempts.push(s.attempt);
    });
    c.start();
    await expect.poll(() => attempts.length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    expect(attempts.slice(0, 3)).toEqual([1, 2, 3]);
  });

  it('says what to do when the connection keeps failing, if it was told', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, verifyClient: () => false });
    servers.push(wss);
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const c = new WsClient({
      url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws?token=`,
      createSocket: (u) => new WebSocket(u) as unknown as SocketLike,
      onBadEvent: () => undefined,
      minDelayMs: 20,
      maxDelayMs: 100,
      hint: 'open the URL that warroom web printed',
    });
    clients.push(c);
    c.start();
    const state = await untilState(c, 'closed');
    expect(state).toMatchObject({ kind: 'closed', reason: 'connection lost; open the URL that warroom web printed' });
  });
});

describe('socket URL and backoff', () => {
  it('carries the page token to the socket, on ws or wss like the page', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:4321' }, 'a+b')).toBe('ws://127.0.0.1:4321/ws?token=a%2Bb');
    expect(socketUrl({ protocol: 'https:', host: 'h:1' }, '')).toBe('wss://h:1/ws?token=');
  });

  it('doubles up to the cap', () => {
    expect([1, 2, 3, 4, 10, 100].map((n) => backoffDelay(n, 250, 10_000))).toEqual([250, 500, 1000, 2000, 10_000, 10_000]);
  });
});
