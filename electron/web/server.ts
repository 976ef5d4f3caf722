/**
 * Browser mode: the same renderer and the same handlers as the desktop app, over HTTP and a
 * WebSocket on loopback. A per-launch token guards the socket, which also checks Host and Origin
 * so that no other page in the user's browser (or a DNS-rebinding attacker) can drive the fleet.
 * Nothing a peer sends may end the process: every parse is guarded and every socket has an
 * 'error' listener.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { TOKEN_PARAM, WS_PATH, type ClientFrame, type ServerFrame } from '../../shared/wire';
import { MAX_INPUT_CHARS } from '../../shared/contract';
import { dispatch, type EventHub, type Handlers } from '../rpc/handlers';
import { contentSecurityPolicy, readStatic } from './static';

export interface WebServerOptions {
  handlers: Handlers;
  hub: EventHub;
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
  /** Called when a window goes away (after the hub has released its flow-control debt). */
  onClientClosed?: (clientId: string) => void;
  /** Where refused sockets and server faults are reported; stderr by default. */
  log?: (line: string) => void;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * The largest frame a window can need: a paste of MAX_INPUT_CHARS characters that are all control
 * characters (JSON writes each as a six-byte escape), plus room for 2000 session ids and the
 * envelope. Attachments travel in chunks well below this. A larger frame closes its socket (1009).
 */
export const MAX_FRAME_BYTES = MAX_INPUT_CHARS * 6 + 2 * 1024 * 1024;

const BASE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  // The token is in the page URL until the page drops it: never let it leave in a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sameToken(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The request target is whatever the peer wrote: `GET http://a:b:c/` is not a URL at all. */
function requestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', `http://${HOST}`);
  } catch {
    return undefined;
  }
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Authentication: the token is never put in a cookie, because cookies are not port-scoped and every
 * other local server on 127.0.0.1 would receive it. The page reads it from `?token=` once, keeps
 * it in sessionStorage (which is scoped to this origin, port included), drops it from the address
 * bar, and presents it on the socket URL. Every request that can act goes over that socket.
 *
 * The static files (index.html and the bundle) are served without the token: they are the public
 * build, hold no secret and no data, and the page must be able to boot again after a reload, when
 * the address bar no longer carries the token. The Host check still applies to them (DNS rebinding).
 */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const log = opts.log ?? ((line: string) => void process.stderr.write(`warroom: ${line}\n`));
  let port = 0;
  const allowedHosts = () => new Set([`${HOST}:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://${HOST}:${port}`, `http://localhost:${port}`]);
  const loopbackHost = (req: IncomingMessage) => allowedHosts().has(req.headers.host ?? '');

  const serveHttp = async (req: IncomingMessage, res: ServerResponse) => {
    const headers: Record<string, string> = { ...BASE_HEADERS, 'Content-Type': 'text/plain' };
    const url = requestUrl(req);
    if (!url) {
      res.writeHead(400, headers).end('bad request target\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end('method not allowed\n');
      return;
    }
    if (!loopbackHost(req)) {
      res.writeHead(401, headers).end('warroom: wrong Host; open the URL printed at launch\n');
      return;
    }
    const file = await readStatic(opts.rendererDir, url.pathname);
    if (!file) {
      res.writeHead(404, headers).end('not found\n');
      return;
    }
    headers['Content-Type'] = file.type;
    if (file.type.startsWith('text/html')) {
      headers['Content-Security-Policy'] = contentSecurityPolicy(`'self' ws://${HOST}:${port} ws://localhost:${port}`);
    }
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : file.body);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    serveHttp(req, res).catch((err: unknown) => {
      log(`browser mode: ${req.method ?? '?'} failed: ${messageOf(err)}`);
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { ...BASE_HEADERS, 'Content-Type': 'text/plain' }).end('internal error\n');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  wss.on('error', (err) => log(`browser mode: socket server: ${messageOf(err)}`));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A peer that resets mid-handshake must not become an uncaught 'error'.
    socket.on('error', () => socket.destroy());
    const url = requestUrl(req);
    if (!url) return refuseUpgrade(socket, '400 Bad Request');
    const origin = req.headers.origin;
    if (
      url.pathname !== WS_PATH ||
      !loopbackHost(req) ||
      !sameToken(url.searchParams.get(TOKEN_PARAM), token) ||
      !origin ||
      !allowedOrigins().has(origin)
    ) {
      return refuseUpgrade(socket, '401 Unauthorized');
    }
    try {
      wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, socket));
    } catch (err) {
      log(`browser mode: upgrade failed: ${messageOf(err)}`);
      socket.destroy();
    }
  });

  let clients = 0;
  const serveSocket = (ws: WebSocket, socket: Duplex) => {
    const clientId = `web-${++clients}`;
    // The first frame of an I/O turn (a keystroke's echo, most often) is written at once; the
    // frames sent after it in the same turn (the echoes of a keystroke sent to N panes, each read
    // from its own SSH socket, and the replies) leave together in one write: the socket stays
    // corked until the turn's I/O callbacks have run. One write per frame was N syscalls per
    // keystroke; holding the first one too put the rest of the turn's work on the echo's path.
    let corked = false;
    const uncork = () => {
      corked = false;
      socket.uncork();
    };
    const send = (frame: ServerFrame) => {
      if (ws.readyState !== ws.OPEN) return;
      ws.send(JSON.stringify(frame));
      if (!corked) {
        corked = true;
        socket.cork();
        setImmediate(uncork);
      }
    };
    // bufferedAmount: what this window has not taken off the socket yet; the hub drops a window
    // that lets it grow from the streams it reads, so it is never buffered without bound.
    const detach = opts.hub.attach(clientId, { send: (name, payload) => send({ t: 'evt', name, payload }), bufferedAmount: () => ws.bufferedAmount });
    // ws has already closed the socket with the matching code (1009 too large, 1007 not UTF-8,
    // 1002 bad framing) when it reports this; without a listener it would end the process.
    ws.on('error', (err) => log(`browser mode: closed window ${clientId}: ${messageOf(err)}`));
    ws.on('message', (raw, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only');
      const frame = parseClientFrame(raw.toString());
      if (!frame) return ws.close(1007, 'malformed frame');
      dispatch(opts.handlers, frame.name, frame.input, { clientId })
        .then((reply) => send({ t: 'res', id: frame.id, reply }))
        // dispatch answers every handler error itself; this is a fault below it (a schema walk
        // blowing the stack on absurd nesting), answered rather than left to end the process.
        .catch((err: unknown) => {
          log(`browser mode: ${frame.name} from ${clientId} failed: ${messageOf(err)}`);
          send({ t: 'res', id: frame.id, reply: { ok: false, error: { code: 'failed', message: `${frame.name}: the request could not be handled` } } });
        });
    });
    ws.on('close', () => {
      detach();
      opts.onClientClosed?.(clientId);
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HOST, () => resolve());
  });
  server.on('error', (err) => log(`browser mode: server: ${messageOf(err)}`));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The frame's envelope, checked by hand: this runs on every keystroke, and the payload itself is
 * checked against the contract by dispatch() anyway. Same rules as the ClientFrame schema.
 */
export function parseClientFrame(text: string): ClientFrame | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { t, id, name, input } = value as Record<string, unknown>;
  if (t !== 'req' || typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return undefined;
  if (typeof name !== 'string' || name.length > 128) return undefined;
  return { t, id, name, input };
}
