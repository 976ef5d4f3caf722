/**
 * Builds the simulated hosts of one practice fleet: healthy machines by role, plus the scripted
 * incident on one web host (a runaway debug log fills /, and nginx cannot restart).
 */
import { faultyHost, type PracticeHostSpec } from '../layout';
import { nginxTime, seededRandom, syslogTime } from './clock';
import * as logs from './logs';
import { PracticeHost, type HostListener, type Service } from './model';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
/** nginx creates temp directories at start; below this much free space it cannot. */
const NGINX_MIN_FREE = 64 * MiB;

type ServiceSeed = Omit<Service, 'status' | 'since' | 'pid' | 'journal'>;

function commonServices(): ServiceSeed[] {
  return [
    { name: 'ssh', description: 'OpenBSD Secure Shell server', docs: 'man:sshd(8)\nman:sshd_config(5)', tasks: 1, memory: '5.9M', cpu: '1.804s',
      execStart: '/usr/sbin/sshd -D $SSHD_OPTS', processes: ['"sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"'] },
    { name: 'cron', description: 'Regular background program processing daemon', docs: 'man:cron(8)', tasks: 1, memory: '1.1M', cpu: '2.933s',
      execStart: '/usr/sbin/cron -f $EXTRA_OPTS', processes: ['/usr/sbin/cron -f'] },
    { name: 'rsyslog', description: 'System Logging Service', docs: 'man:rsyslogd(8)\nman:rsyslog.conf(5)\nhttps://www.rsyslog.com/doc/', tasks: 4, memory: '3.2M', cpu: '12.081s',
      execStart: '/usr/sbin/rsyslogd -n -iNONE', processes: ['/usr/sbin/rsyslogd -n -iNONE'] },
  ];
}

function roleServices(spec: PracticeHostSpec): ServiceSeed[] {
  switch (spec.role) {
    case 'web':
      return [
        { name: 'nginx', description: 'A high performance web server and a reverse proxy server', docs: 'man:nginx(8)', tasks: 3, memory: '9.4M', cpu: '41.512s',
          execStartPre: '/usr/sbin/nginx -t -q -g daemon on; master_process on;',
          execStart: '/usr/sbin/nginx -g daemon on; master_process on;',
          processes: ['"nginx: master process /usr/sbin/nginx -g daemon on; master_process on;"', '"nginx: worker process"', '"nginx: worker process"'],
          startBlocker: (host) => (host.availBytes() < NGINX_MIN_FREE
            ? ['nginx: [emerg] mkdir() "/var/lib/nginx/proxy" failed (28: No space left on device)', 'nginx: configuration file /etc/nginx/nginx.conf test failed']
            : null),
          startLog: { path: '/var/log/nginx/error.log', line: (ts, pid) => `${nginxTime(ts)} [notice] ${pid}#${pid}: start worker processes` } },
        { name: 'checkout-api', description: 'Checkout API (gunicorn)', docs: 'https://wiki.example.internal/checkout', tasks: 5, memory: '212.6M', cpu: '31min 2.118s',
          execStart: '/opt/checkout/venv/bin/gunicorn --workers 4 --bind 127.0.0.1:8080 checkout.wsgi',
          processes: ['/opt/checkout/venv/bin/python3 /opt/checkout/venv/bin/gunicorn --workers 4 --bind 127.0.0.1:8080 checkout.wsgi',
            ...[1, 2, 3, 4].map(() => '/opt/checkout/venv/bin/python3 /opt/checkout/venv/bin/gunicorn --workers 4 --bind 127.0.0.1:8080 checkout.wsgi')] },
      ];
    case 'db':
      return [{ name: 'postgresql', description: 'PostgreSQL Cluster 16-main', docs: 'man:postgres(1)', tasks: 7, memory: '1.2G', cpu: '2h 11min 4.271s',
        execStart: '/usr/bin/pg_ctlcluster --skip-systemctl-redirect 16-main start',
        processes: ['/usr/lib/postgresql/16/bin/postgres -D /var/lib/postgresql/16/main -c config_file=/etc/postgresql/16/main/postgresql.conf',
          '"postgres: 16/main: checkpointer "', '"postgres: 16/main: background writer "', '"postgres: 16/main: walwriter "',
          '"postgres: 16/main: autovacuum launcher "', '"postgres: 16/main: logical replication launcher "'] }];
    case 'cache':
      return [{ name: 'redis-server', description: 'Advanced key-value store', docs: 'http://redis.io/documentation\nman:redis-server(1)', tasks: 5, memory: '1.8G', cpu: '48min 9.022s',
        execStart: '/usr/bin/redis-server /etc/redis/redis.conf --supervised systemd --daemonize no',
        processes: ['"/usr/bin/redis-server 127.0.0.1:6379"'] }];
    case 'lb':
      return [{ name: 'haproxy', description: 'HAProxy Load Balancer', docs: 'man:haproxy(1)\nfile:/usr/share/doc/haproxy/configuration.txt.gz', tasks: 3, memory: '38.0M', cpu: '19min 40.180s',
        execStart: '/usr/sbin/haproxy -Ws -f $CONFIG -p $PIDFILE $EXTRAOPTS',
        processes: ['/usr/sbin/haproxy -Ws -f /etc/haproxy/haproxy.cfg -p /run/haproxy.pid -S /run/haproxy-master.sock', '/usr/sbin/haproxy -Ws -f /etc/haproxy/haproxy.cfg -p /run/haproxy.pid -S /run/haproxy-master.sock'] }];
  }
}

const DISK_GIB = { web: 40, db: 200, cache: 20, lb: 20 } as const;
const MEM_MIB = { web: 3915, db: 15991, cache: 7941, lb: 1967 } as const;

export function buildHost(spec: PracticeHostSpec, now: number, faulty: boolean): PracticeHost {
  const rand = seededRandom(spec.alias);
  const bootAt = now - Math.floor((20 + rand() * 60) * 86400_000 + rand() * 86400_000);
  const total = MEM_MIB[spec.role];
  const used = Math.floor(total * (spec.role === 'cache' ? 0.31 : spec.role === 'db' ? 0.22 : 0.18 + rand() * 0.1));
  const host = new PracticeHost(
    spec, bootAt, Math.floor((5.2 + rand() * 2.5) * GiB), DISK_GIB[spec.role] * GiB,
    { totalMiB: total, usedMiB: used, cacheMiB: Math.floor(total * 0.41), sharedMiB: 1 + Math.floor(rand() * 20), swapMiB: 0 },
    faulty ? [0.41, 0.62, 0.58] : [Number((rand() * 0.3).toFixed(2)), Number((rand() * 0.25).toFixed(2)), Number((rand() * 0.2).toFixed(2))],
    20000 + Math.floor(rand() * 4000),
  );
  const fault = faulty ? { fullAt: now - 21 * 60_000 - 13_000, nginxFailedAt: now - 17 * 60_000 - 41_000 } : undefined;
  const ctx: logs.LogContext = { hostname: spec.alias, address: spec.address, bootAt, now, fault };
  const recent = now - Math.floor(rand() * 60_000);
  const mb = (n: number): number => Math.floor(n * MiB);

  for (const d of ['/bin', '/boot', '/dev', '/etc', '/home/sre', '/opt', '/proc', '/root', '/run', '/srv', '/sys', '/tmp', '/usr', '/var/cache', '/var/lib', '/var/tmp']) host.addDir(d);
  host.addFile('/etc/hostname', { size: spec.alias.length + 1, mtime: bootAt, lines: [spec.alias] });
  host.addFile('/etc/os-release', { size: textSize(logs.OS_RELEASE), mtime: bootAt, lines: [...logs.OS_RELEASE] });
  host.addFile('/home/sre/RUNBOOK.md', { size: textSize(logs.RUNBOOK), mtime: bootAt, lines: [...logs.RUNBOOK] });
  host.addFile('/var/log/syslog', { size: mb(2 + rand() * 6), mtime: fault?.fullAt ?? recent, make: () => logs.syslog(ctx, spec.role) });
  host.addFile('/var/log/auth.log', { size: mb(0.2 + rand()), mtime: recent, make: () => logs.authLog(ctx) });
  host.addFile('/var/log/kern.log', { size: mb(0.1 + rand() * 0.4), mtime: bootAt, make: () => [] });
  host.addFile('/var/log/dpkg.log', { size: mb(0.3 + rand() * 0.2), mtime: bootAt, make: () => [] });
  host.addFile(`/var/log/journal/${machineId(rand)}/system.journal`, { size: mb(fault ? 1700 : 180 + rand() * 600), mtime: recent, make: () => [] });

  if (spec.role === 'web') {
    // The root cause, for whoever asks "why": debug logging left on after an earlier investigation.
    const env = faulty
      ? ['# checkout-api environment', 'LOG_LEVEL=DEBUG   # temporary, for INC-4412 -- revert after', 'LOG_FILE_DEBUG=/var/log/checkout/debug.log', 'WORKERS=4']
      : ['# checkout-api environment', 'LOG_LEVEL=INFO', 'WORKERS=4'];
    host.addFile('/etc/checkout/checkout.env', { size: textSize(env), mtime: faulty ? now - 9 * 86400_000 : bootAt, lines: env });
    host.addFile('/var/log/nginx/access.log', { size: mb(120 + rand() * 300), mtime: fault?.fullAt ?? recent, make: () => logs.nginxAccessLog(ctx) });
    host.addFile('/var/log/nginx/error.log', { size: mb(0.02 + rand() * 0.1), mtime: fault?.nginxFailedAt ?? bootAt, make: () => logs.nginxErrorLog(ctx) });
    host.addFile('/var/log/checkout/app.log', { size: mb(30 + rand() * 40), mtime: fault?.fullAt ?? recent, make: () => logs.checkoutAppLog(ctx) });
  } else if (spec.role === 'db') {
    host.addFile('/var/log/postgresql/postgresql-16-main.log', { size: mb(4 + rand() * 20), mtime: recent, make: () => logs.serviceLog(ctx, 'postgresql') });
  } else if (spec.role === 'cache') {
    host.addFile('/var/log/redis/redis-server.log', { size: mb(1 + rand() * 3), mtime: recent, make: () => logs.serviceLog(ctx, 'redis') });
  } else {
    host.addFile('/var/log/haproxy.log', { size: mb(60 + rand() * 90), mtime: recent, make: () => logs.serviceLog(ctx, 'haproxy') });
  }
  if (fault) {
    // The runaway file takes exactly what is left, so / reads 100% with 0 available.
    host.addFile('/var/log/checkout/debug.log', { size: 0, mtime: fault.fullAt, make: () => logs.checkoutDebugLog(ctx) });
    const debug = host.files.get('/var/log/checkout/debug.log');
    if (debug) debug.size = host.diskBytes - host.usedBytes();
  }

  for (const seed of [...commonServices(), ...roleServices(spec)]) {
    const startedAt = bootAt + 3000 + Math.floor(rand() * 3000);
    const service: Service = { ...seed, status: 'active', since: startedAt, pid: 500 + Math.floor(rand() * 700), journal: [] };
    const what = `${service.name}.service - ${service.description}`;
    host.journal(service, startedAt - 200, 'systemd[1]', `Starting ${what}...`);
    host.journal(service, startedAt, 'systemd[1]', `Started ${what}.`);
    host.services.set(service.name, service);
  }
  const nginx = host.services.get('nginx');
  if (fault && nginx) {
    // The 09:48 deploy restarted nginx; the restart met a full disk.
    const what = `nginx.service - ${nginx.description}`;
    host.journal(nginx, fault.nginxFailedAt - 2000, 'systemd[1]', `Stopping ${what}...`);
    host.journal(nginx, fault.nginxFailedAt - 1000, 'systemd[1]', 'nginx.service: Deactivated successfully.');
    host.journal(nginx, fault.nginxFailedAt - 1000, 'systemd[1]', `Stopped ${what}.`);
    host.journal(nginx, fault.nginxFailedAt - 900, 'systemd[1]', `Starting ${what}...`);
    host.journal(nginx, fault.nginxFailedAt, 'nginx[23817]', 'nginx: [emerg] mkdir() "/var/lib/nginx/proxy" failed (28: No space left on device)');
    host.journal(nginx, fault.nginxFailedAt, 'nginx[23817]', 'nginx: configuration file /etc/nginx/nginx.conf test failed');
    host.journal(nginx, fault.nginxFailedAt, 'systemd[1]', 'nginx.service: Control process exited, code=exited, status=1/FAILURE');
    host.journal(nginx, fault.nginxFailedAt, 'systemd[1]', "nginx.service: Failed with result 'exit-code'.");
    host.journal(nginx, fault.nginxFailedAt, 'systemd[1]', `Failed to start ${what}.`);
    nginx.status = 'failed';
    nginx.since = fault.nginxFailedAt;
    nginx.failure = { pid: 23817, command: nginx.execStartPre ?? nginx.execStart, status: '1/FAILURE' };
  }
  return host;
}

const textSize = (lines: readonly string[]): number => Buffer.byteLength(`${lines.join('\n')}\n`);

function machineId(rand: () => number): string {
  let id = '';
  for (let i = 0; i < 32; i += 1) id += Math.floor(rand() * 16).toString(16);
  return id;
}

/** The load balancers notice web hosts going down and coming back, as haproxy would log it. */
class FleetWatcher implements HostListener {
  constructor(private readonly balancers: PracticeHost[], private readonly web: PracticeHost[]) {}

  serviceChanged(host: PracticeHost, service: { name: string; status: string }, ts: number): void {
    if (host.role !== 'web' || service.name !== 'nginx') return;
    for (const lb of this.balancers) {
      const up = service.status === 'active';
      const online = this.web.filter((w) => w.service('nginx')?.status === 'active').length;
      const line = up
        ? `${syslogTime(ts)} ${lb.hostname} haproxy[657]: Server web_backend/${host.hostname} is UP, reason: Layer7 check passed, code: 200, check duration: 2ms. ${online} active and 0 backup servers online. 0 sessions requeued, 0 total in queue.`
        : `${syslogTime(ts)} ${lb.hostname} haproxy[657]: Server web_backend/${host.hostname} is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. ${online} active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.`;
      lb.appendLine('/var/log/haproxy.log', line, ts);
    }
  }
}

/** All hosts of one fleet, with the fault placed and the load balancers listening for changes. */
export function buildFleetHosts(specs: readonly PracticeHostSpec[], now: number): Map<string, PracticeHost> {
  const faulty = faultyHost(specs);
  const hosts = new Map<string, PracticeHost>();
  for (const spec of specs) hosts.set(spec.alias, buildHost(spec, now, spec === faulty));
  const balancers = [...hosts.values()].filter((h) => h.role === 'lb');
  const watcher = new FleetWatcher(balancers, [...hosts.values()].filter((h) => h.role === 'web'));
  for (const h of hosts.values()) {
    h.listener = watcher;
    h.peers = hosts;
  }
  const broken = faulty ? hosts.get(faulty.alias) : undefined;
  const nginx = broken?.service('nginx');
  if (broken && nginx) watcher.serviceChanged(broken, nginx, nginx.since);
  return hosts;
}
