/**
 * The floor of the `window` benchmark: a tiny Node server with a bare ssh2 client per WebSocket
 * (one pty shell per host of the practice fleet, keys in, bytes out, nothing else) serving a page
 * with bare xterm.js, bundled here with esbuild. What Warroom adds on top of this is what the bench
 * measures.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';
import { Client } from 'ssh2';
import { WebSocketServer, type WebSocket } from 'ws';

export interface FloorHost {
  alias: string;
  address: string;
  port: number;
}

export interface FloorServer {
  url: string;
  close(): Promise<void>;
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>floor</title>
<link rel="stylesheet" href="/xterm.css">
<style>body{margin:0;background:#0d1117}</style>
<div id="grid"></div><script src="/floor.js"></script>`;

/** Reads `Host`/`HostName`/`Port` from an OpenSSH config as the practice fleet writes it. */
export function hostsFromSshConfig(file: string): FloorHost[] {
  const hosts: FloorHost[] = [];
  let current: FloorHost | undefined;
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const [key, value] = raw.trim().split(/\s+/, 2);
    if (!key || !value) continue;
    if (key.toLowerCase() === 'host') hosts.push((current = { alias: value, address: '', port: 22 }));
    else if (current && key.toLowerCase() === 'hostname') current.address = value;
    else if (current && key.toLowerCase() === 'port') current.port = Number(value);
  }
  return hosts.filter((h) => h.address !== '' && h.alias !== '*');
}

export async function startFloorServer(opts: { hosts: FloorHost[]; user: string; keyFile: string; cols: number; rows: number }): Promise<FloorServer> {
  const root = path.resolve('.');
  const bundle = await build({
    entryPoints: [path.join(root, 'test/bench/window/floor-page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    minify: true,
    logLevel: 'warning',
  });
  const js = bundle.outputFiles[0]?.text ?? '';
  const css = readFileSync(path.join(root, 'node_modules/@xterm/xterm/css/xterm.css'), 'utf8');
  const key = readFileSync(opts.keyFile);
  const byAlias = new Map(opts.hosts.map((h) => [h.alias, h]));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://floor');
    const send = (type: string, body: string) => res.writeHead(200, { 'content-type': type }).end(body);
    if (url.pathname === '/floor.js') send('text/javascript', js);
    else if (url.pathname === '/xterm.css') send('text/css', css);
    else send('text/html', PAGE);
  });
  const wss = new WebSocketServer({ server, path: '/ssh' });
  const clients = new Set<Client>();
  wss.on('connection', (ws: WebSocket, req) => {
    const alias = new URL(req.url ?? '', 'http://floor').searchParams.get('host') ?? '';
    const host = byAlias.get(alias);
    if (!host) return ws.close(1008, `no host ${alias}`);
    const c = new Client();
    clients.add(c);
    c.on('error', () => ws.close());
    c.on('ready', () =>
      // Nagle off, as OpenSSH does for interactive sessions (see latency.ts).
      c.setNoDelay(true).shell({ term: 'xterm-256color', cols: opts.cols, rows: opts.rows }, (err, stream) => {
        if (err) return ws.close();
        stream.on('data', (d: Buffer) => ws.send(d));
        ws.on('message', (d: Buffer) => stream.write(d));
        ws.on('close', () => c.end());
        ws.send('ready');
      }),
    );
    c.connect({ host: host.address, port: host.port, username: opts.user, privateKey: key, readyTimeout: 60_000 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      for (const c of clients) c.end();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
