/**
 * Browser mode: the same renderer and the same handlers as the desktop app, over HTTP and a
 * WebSocket on loopback. A per-launch token guards both, and the socket also checks Host and Origin
 * so that no other page in the user's browser (or a DNS-rebinding attacker) can drive the fleet.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { TOKEN_PARAM, WS_PATH, type ClientFrame, type ServerFrame } from '../../shared/wire';
import { MAX_ATTACHMENT_BYTES } from '../../shared/contract';
import { dispatch, type EventHub, type Handlers } from '../rpc/handlers';
import { contentSecurityPolicy, readStatic } from './static';

export interface WebServerOptions {
  handlers: Handlers;
  hub: EventHub;
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
  /** Called when a window goes away, so per-client state (flow control) can be released. */
  onClientClosed?: (clientId: string) => void;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'warroom_token';
const HOST = '127.0.0.1';

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const allowedHosts = () => new Set([`${HOST}:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://${HOST}:${port}`, `http://localhost:${port}`]);

  const authorized = (req: IncomingMessage, url: URL) =>
    allowedHosts().has(req.headers.host ?? '') &&
    (sameToken(url.searchParams.get(TOKEN_PARAM) ?? undefined, token) || sameToken(cookieToken(req), token));

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', `http://${HOST}`);
      const headers: Record<string, string> = {
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        // The token is in the page URL: never let it leave in a Referer.
        'Referrer-Policy': 'no-referrer',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Resource-Policy': 'same-origin',
      };
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, headers).end('method not allowed\n');
        return;
      }
      if (!authorized(req, url)) {
        res.writeHead(401, { ...headers, 'Content-Type': 'text/plain' }).end('warroom: missing or wrong token; open the URL printed at launch\n');
        return;
      }
      const file = await readStatic(opts.rendererDir, url.pathname);
      if (!file) {
        res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found\n');
        return;
      }
      headers['Content-Type'] = file.type;
      if (file.type.startsWith('text/html')) {
        headers['Content-Security-Policy'] = contentSecurityPolicy(`'self' ws://${HOST}:${port} ws://localhost:${port}`);
        // The cookie lets the page's own assets and socket authenticate without the token in every URL.
        headers['Set-Cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      }
      res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : file.body);
    })();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 2 * MAX_ATTACHMENT_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const origin = req.headers.origin;
    if (url.pathname !== WS_PATH || !authorized(req, url) || !origin || !allowedOrigins().has(origin)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws));
  });

  let clients = 0;
  const serveSocket = (ws: WebSocket) => {
    const clientId = `web-${++clients}`;
    const send = (frame: ServerFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const unsubscribe = opts.hub.subscribe((name, payload) => send({ t: 'evt', name, payload }));
    ws.on('message', (raw, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only');
      const frame = parseClientFrame(raw.toString());
      if (!frame) return ws.close(1007, 'malformed frame');
      void dispatch(opts.handlers, frame.name, frame.input, { clientId }).then((reply) => send({ t: 'res', id: frame.id, reply }));
    });
    ws.on('close', () => {
      unsubscribe();
      opts.onClientClosed?.(clientId);
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HOST, () => resolve());
  });
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
