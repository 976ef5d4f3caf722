/**
 * Text of the simulated log files. Each generator is called once, on first read, and returns the
 * tail of the file: enough lines for tail, grep and a practised eye, never the whole (virtual) size.
 */
import { nginxTime, seededRandom, syslogTime } from './clock';

export interface LogContext {
  hostname: string;
  address: string;
  bootAt: number;
  now: number;
  /** When the disk filled and nginx fell over, on the faulty host only. */
  fault?: { fullAt: number; nginxFailedAt: number };
}

const CLIENTS = ['10.0.3.7', '10.0.3.8', '10.0.4.21', '10.0.4.22'];
const PATHS = ['/api/cart', '/api/products?page=2', '/api/checkout', '/healthz', '/static/app.9f3c1.js', '/api/session'];
const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0', 'haproxy-healthcheck/2.6', 'curl/7.88.1'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

function accessTime(ms: number): string {
  const d = new Date(ms);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export function nginxAccessLog(c: LogContext): string[] {
  const rand = seededRandom(`${c.hostname}/access`);
  const end = c.fault ? c.fault.fullAt : c.now;
  const lines: string[] = [];
  for (let i = 60; i > 0; i -= 1) {
    const ts = end - i * 1700 - Math.floor(rand() * 900);
    const path = pick(rand, PATHS);
    const status = path === '/healthz' ? 200 : rand() < 0.96 ? 200 : 404;
    const agent = path === '/healthz' ? AGENTS[1] : pick(rand, AGENTS);
    lines.push(`${pick(rand, CLIENTS)} - - [${accessTime(ts)}] "GET ${path} HTTP/1.1" ${status} ${200 + Math.floor(rand() * 9000)} "-" "${agent}"`);
  }
  return lines;
}

export function nginxErrorLog(c: LogContext): string[] {
  const rand = seededRandom(`${c.hostname}/error`);
  const lines = [
    `${nginxTime(c.bootAt + 4000)} [notice] 741#741: using the "epoll" event method`,
    `${nginxTime(c.bootAt + 4000)} [notice] 741#741: nginx/1.22.1`,
    `${nginxTime(c.bootAt + 4000)} [notice] 741#741: OS: Linux 6.1.0-27-amd64`,
    `${nginxTime(c.bootAt + 4000)} [notice] 741#741: start worker processes`,
    `${nginxTime(c.now - 3 * 86400_000 + 3_600_000)} [warn] 742#742: *88213 upstream server temporarily disabled while reading response header from upstream, client: 10.0.3.7, server: shop.example.internal, request: "GET /api/products?page=2 HTTP/1.1", upstream: "http://127.0.0.1:8080/api/products?page=2", host: "shop.example.internal"`,
  ];
  if (!c.fault) return lines;
  const { fullAt, nginxFailedAt } = c.fault;
  for (let i = 0; i < 14; i += 1) {
    const ts = fullAt + i * 15_000 + Math.floor(rand() * 9000);
    const conn = 183342 + i * 23;
    if (i % 3 === 2) {
      lines.push(`${nginxTime(ts)} [crit] 742#742: *${conn} pwrite() "/var/lib/nginx/body/00000018${40 + i}" failed (28: No space left on device), client: ${pick(rand, CLIENTS)}, server: shop.example.internal, request: "POST /api/checkout HTTP/1.1", host: "shop.example.internal"`);
    } else {
      lines.push(`${nginxTime(ts)} [alert] 743#743: *${conn} write() to "/var/log/nginx/access.log" failed (28: No space left on device) while logging request, client: ${pick(rand, CLIENTS)}, server: shop.example.internal, request: "GET ${pick(rand, PATHS)} HTTP/1.1", upstream: "http://127.0.0.1:8080", host: "shop.example.internal"`);
    }
  }
  lines.push(`${nginxTime(nginxFailedAt - 1000)} [notice] 741#741: signal 15 (SIGTERM) received from 1, exiting`);
  lines.push(`${nginxTime(nginxFailedAt)} [emerg] 23817#23817: mkdir() "/var/lib/nginx/proxy" failed (28: No space left on device)`);
  return lines;
}

export function syslog(c: LogContext, role: string): string[] {
  const rand = seededRandom(`${c.hostname}/syslog`);
  const h = c.hostname;
  const entries: Array<[number, string]> = [];
  const add = (ts: number, text: string): void => {
    entries.push([ts, `${syslogTime(ts)} ${h} ${text}`]);
  };
  const base = c.now - 50 * 60_000;
  for (let i = 0; i < 10; i += 1) {
    const ts = base + i * 5 * 60_000 + Math.floor(rand() * 20_000);
    add(ts, `CRON[${20100 + i * 37}]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)`);
    if (i % 3 === 0) add(ts + 1200, 'systemd[1]: Starting sysstat-collect.service - system activity accounting tool...');
    if (i % 3 === 0) add(ts + 1300, 'systemd[1]: sysstat-collect.service: Deactivated successfully.');
  }
  if (role === 'web') add(base + 1000, 'gunicorn[1022]: [INFO] Booting worker with pid: 1187');
  if (c.fault) {
    const { fullAt, nginxFailedAt } = c.fault;
    add(fullAt, "rsyslogd[588]: file '/var/log/syslog': write error: No space left on device [v8.2302.0 try https://www.rsyslog.com/e/2027 ]");
    add(fullAt + 40_000, "checkout-api[1022]: OSError: [Errno 28] No space left on device: '/var/log/checkout/debug.log'");
    add(nginxFailedAt - 2000, 'systemd[1]: Stopping nginx.service - A high performance web server and a reverse proxy server...');
    add(nginxFailedAt, 'nginx[23817]: nginx: [emerg] mkdir() "/var/lib/nginx/proxy" failed (28: No space left on device)');
    add(nginxFailedAt, 'nginx[23817]: nginx: configuration file /etc/nginx/nginx.conf test failed');
    add(nginxFailedAt, 'systemd[1]: nginx.service: Control process exited, code=exited, status=1/FAILURE');
    add(nginxFailedAt, "systemd[1]: nginx.service: Failed with result 'exit-code'.");
    add(nginxFailedAt, 'systemd[1]: Failed to start nginx.service - A high performance web server and a reverse proxy server.');
  }
  // A stable sort keeps same-second lines in the order they were logged.
  return entries.sort((a, b) => a[0] - b[0]).map((e) => e[1]).slice(-40);
}

export function authLog(c: LogContext): string[] {
  const h = c.hostname;
  const t = c.now - 25 * 60_000;
  return [
    `${syslogTime(t)} ${h} sshd[19920]: Accepted publickey for sre from 10.0.9.4 port 51514 ssh2: ED25519 SHA256:Gm0pUq3b0x5Yt7t4Xw1r8bM2cJtX9fKq8Lw3u6m1aQk`,
    `${syslogTime(t)} ${h} sshd[19920]: pam_unix(sshd:session): session opened for user sre(uid=1000) by (uid=0)`,
    `${syslogTime(t + 60_000)} ${h} sudo:      sre : TTY=pts/0 ; PWD=/home/sre ; USER=root ; COMMAND=/usr/bin/systemctl status nginx`,
    `${syslogTime(t + 240_000)} ${h} sshd[19920]: pam_unix(sshd:session): session closed for user sre`,
  ];
}

export function checkoutAppLog(c: LogContext): string[] {
  const rand = seededRandom(`${c.hostname}/checkout`);
  const end = c.fault ? c.fault.fullAt : c.now;
  const lines: string[] = [];
  for (let i = 30; i > 0; i -= 1) {
    const ts = new Date(end - i * 4100 - Math.floor(rand() * 2000)).toISOString().replace('T', ' ').replace('Z', '');
    lines.push(`${ts} INFO checkout.api order_id=${840000 + Math.floor(rand() * 9999)} status=ok duration_ms=${20 + Math.floor(rand() * 180)}`);
  }
  if (c.fault) {
    const ts = new Date(c.fault.fullAt + 40_000).toISOString().replace('T', ' ').replace('Z', '');
    lines.push(`${ts} ERROR checkout.logging OSError: [Errno 28] No space left on device: '/var/log/checkout/debug.log'`);
  }
  return lines;
}

/** The runaway file: a debug flag left on after an investigation, logging every request body. */
export function checkoutDebugLog(c: LogContext): string[] {
  const rand = seededRandom(`${c.hostname}/debug`);
  const end = c.fault ? c.fault.fullAt : c.now;
  const lines: string[] = [];
  for (let i = 40; i > 0; i -= 1) {
    const ts = new Date(end - i * 37).toISOString().replace('T', ' ').replace('Z', '');
    lines.push(`${ts} DEBUG checkout.trace request_id=${(Math.floor(rand() * 0xffffffff)).toString(16)} body={"cart":[{"sku":"SKU-${1000 + Math.floor(rand() * 9000)}","qty":${1 + Math.floor(rand() * 3)}}],"currency":"EUR","note":"Grüße"} headers={...}`);
  }
  return lines;
}

export function serviceLog(c: LogContext, kind: 'postgresql' | 'redis' | 'haproxy'): string[] {
  const t = c.now - 30 * 60_000;
  if (kind === 'postgresql') {
    return [
      `${new Date(c.bootAt + 6000).toISOString().replace('T', ' ').replace(/\.\d+Z/, '.000 UTC')} [812] LOG:  database system is ready to accept connections`,
      `${new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z/, '.114 UTC')} [20331] LOG:  checkpoint starting: time`,
      `${new Date(t + 95_000).toISOString().replace('T', ' ').replace(/\.\d+Z/, '.902 UTC')} [20331] LOG:  checkpoint complete: wrote 1843 buffers (11.2%); 0 WAL file(s) added, 0 removed, 2 recycled; write=89.921 s, sync=0.011 s, total=95.402 s`,
    ];
  }
  if (kind === 'redis') {
    return [
      `901:M ${syslogTime(c.bootAt + 5000).replace(/^(\w+) (\d+)/, '$2 $1')} * Server initialized`,
      `901:M ${syslogTime(c.bootAt + 5000).replace(/^(\w+) (\d+)/, '$2 $1')} * Ready to accept connections tcp`,
      `901:M ${syslogTime(t).replace(/^(\w+) (\d+)/, '$2 $1')} * 10000 changes in 60 seconds. Saving...`,
      `901:M ${syslogTime(t + 200).replace(/^(\w+) (\d+)/, '$2 $1')} * Background saving started by pid 20417`,
      `20417:C ${syslogTime(t + 900).replace(/^(\w+) (\d+)/, '$2 $1')} * DB saved on disk`,
    ];
  }
  return [
    `${syslogTime(c.bootAt + 5000)} ${c.hostname} haproxy[655]: [NOTICE]   (655) : New worker (657) forked`,
    `${syslogTime(c.bootAt + 5000)} ${c.hostname} haproxy[655]: [NOTICE]   (655) : Loading success.`,
  ];
}

export const OS_RELEASE = [
  'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
  'NAME="Debian GNU/Linux"',
  'VERSION_ID="12"',
  'VERSION="12 (bookworm)"',
  'VERSION_CODENAME=bookworm',
  'ID=debian',
  'HOME_URL="https://www.debian.org/"',
];

export const RUNBOOK = [
  '# Practice incident: checkout is returning 502s',
  '',
  'This is a Warroom practice host. Nothing here is real; break what you like.',
  '',
  'Triage on every host at once (turn broadcast on first):',
  '  systemctl status nginx        # which web host is unhealthy?',
  '  df -h /                       # is a disk full?',
  '  du -sh /var/log/*             # what is eating it?',
  '  tail -n 20 /var/log/nginx/error.log',
  '',
  'Then repair the one host that needs it, confirm, and write it down in the timeline.',
  'Type `help` for the commands this practice shell knows.',
];
