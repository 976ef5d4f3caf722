/** Just enough networking to check a repair from the host itself: curl against the local nginx. */
import type { PracticeHost } from '../../host/model';
import { fail, ok, type Command } from '../types';

const LOCAL = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function parseUrl(raw: string): { host: string; port: number; path: string } | null {
  const withScheme = /^[a-z]+:\/\//i.test(raw) ? raw : `http://${raw}`;
  try {
    const u = new URL(withScheme);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return { host: u.hostname, port: Number(u.port || (u.protocol === 'https:' ? 443 : 80)), path: `${u.pathname}${u.search}` };
  } catch {
    return null;
  }
}

/** A fleet host by alias, FQDN or address, as the fleet's DNS would resolve it. */
function findHost(from: PracticeHost, name: string): PracticeHost | undefined {
  const alias = name.replace(/\.example\.internal$/, '');
  if (alias === from.hostname || name === from.spec.address) return from;
  return from.peers?.get(alias) ?? [...(from.peers?.values() ?? [])].find((p) => p.spec.address === name);
}

function nginxUp(host: PracticeHost): boolean {
  return host.service('nginx')?.status === 'active';
}

const curl: Command = ({ args, host }) => {
  const flags = args.filter((a) => a.startsWith('-'));
  const url = args.find((a) => !a.startsWith('-'));
  const head = flags.some((f) => /^-[a-zA-Z]*I/.test(f) || f === '--head');
  const silent = flags.some((f) => /^-[a-zA-Z]*s/.test(f) || f === '--silent');
  const showErr = flags.some((f) => /^-[a-zA-Z]*S/.test(f) || f === '--show-error');
  if (!url) return fail("curl: try 'curl --help' or 'curl --manual' for more information\n", 2);
  const target = parseUrl(url);
  if (!target) return fail(`curl: (3) URL using bad/illegal format or missing URL\n`, 3);
  const quietFail = (code: number, msg: string) => fail(silent && !showErr ? '' : `curl: (${code}) ${msg}\n`, code);
  const server = LOCAL.has(target.host) ? host : findHost(host, target.host);
  if (!server) return quietFail(6, `Could not resolve host: ${target.host}`);
  // Load balancers answer on :80 while any web host behind them does.
  const serves = target.port === 80 && (server.role === 'web'
    ? nginxUp(server)
    : server.role === 'lb' && server.service('haproxy')?.status === 'active' && [...(server.peers?.values() ?? [])].some((p) => p.role === 'web' && nginxUp(p)));
  if (!serves) return quietFail(7, `Failed to connect to ${target.host} port ${target.port} after 0 ms: Couldn't connect to server`);
  const date = new Date().toUTCString();
  const healthy = target.path === '/healthz';
  const body = healthy ? 'ok\n' : '<!doctype html><html><head><title>Shop</title></head><body>checkout</body></html>\n';
  if (head) {
    return ok(`HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: ${date}\r\nContent-Type: ${healthy ? 'text/plain' : 'text/html'}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n`);
  }
  return ok(body);
};

/** Which service listens where, when it runs. */
const LISTENERS: Record<string, Array<[string, string]>> = {
  ssh: [['0.0.0.0:22', 'sshd']],
  nginx: [['0.0.0.0:80', 'nginx']],
  'checkout-api': [['127.0.0.1:8080', 'gunicorn']],
  postgresql: [['127.0.0.1:5432', 'postgres']],
  'redis-server': [['127.0.0.1:6379', 'redis-server']],
  haproxy: [['0.0.0.0:80', 'haproxy'], ['0.0.0.0:443', 'haproxy']],
};

/** ss -tlnp (and netstat -tlnp): listening TCP sockets of the running services. */
const ss: Command = ({ host, args }) => {
  const processes = args.some((a) => /^-[a-zA-Z]*p/.test(a));
  const rows = ['State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process'];
  for (const s of host.services.values()) {
    if (s.status !== 'active') continue;
    for (const [addr, proc] of LISTENERS[s.name] ?? []) {
      rows.push(`LISTEN 0      511    ${addr.padEnd(19)} 0.0.0.0:*${processes ? `         users:(("${proc}",pid=${s.pid},fd=6))` : ''}`);
    }
  }
  return ok(`${rows.join('\n')}\n`);
};

export const networkCommands: Record<string, Command> = { curl, ss, netstat: ss };
