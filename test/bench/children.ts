/**
 * The processes the memory part measures, each started from this same bundle as `__child KIND ...`:
 *
 * - `practice-server N DATADIR`: the practice fleet's N servers; prints the hosts as one JSON line,
 *   then serves until its stdin closes (the parent went away) or SIGTERM.
 * - `memory-client product|bare HOSTSFILE`: opens one interactive pty shell per host, waits until
 *   all are ready and idle, collects garbage and prints its memory as one JSON line. `product` is
 *   Warroom's Fleet; `bare` is a plain ssh2 client per host, the anchor.
 * - `memory-client together DATADIR`: the practice fleet and Warroom's Fleet in one process, as
 *   `warroom web --practice 500` runs them.
 */
import { readFileSync } from 'node:fs';
import { Client } from 'ssh2';
import type { ResolvedHost } from '../../electron/fleet/types';
import { Fleet } from '../../electron/fleet/fleet';
import { createKnownHosts } from '../../electron/fleet/config/index';
import { staticCatalog } from '../../electron/app/catalog';
import { startPracticeFleet } from '../../electron/practice/index';
import { sleep, within } from './report';

export interface PracticeHostsLine {
  hosts: ResolvedHost[];
  groups: Record<string, string[]>;
  clientKeyPath: string;
}

export interface MemoryLine {
  sessions: number;
  readyMs: number;
  rssBefore: number;
  rss: number;
  heapBefore: number;
  heap: number;
}

const READY_TIMEOUT_MS = 180_000;
export const TOGETHER_COUNT = 500;
const IDLE_MS = 3000;

async function practiceServer(count: number, dataDir: string): Promise<number> {
  const fleet = await startPracticeFleet({ count, dataDir });
  const line: PracticeHostsLine = { hosts: fleet.hosts, groups: fleet.groups, clientKeyPath: fleet.clientKeyPath };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  await new Promise<void>((resolve) => {
    process.stdin.on('end', resolve);
    process.stdin.on('close', resolve);
    process.once('SIGTERM', resolve);
    process.stdin.resume();
  });
  await within(10_000, 'practice fleet close', fleet.close()).catch(() => undefined);
  return 0;
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('memory-client needs node --expose-gc');
  collect();
  collect();
}

async function productSessions(hosts: ResolvedHost[], groups: Record<string, string[]>): Promise<() => Promise<void>> {
  const ready = new Set<string>();
  let failed: string | undefined;
  let fleet: Fleet | undefined;
  await new Promise<void>((resolve, reject) => {
    fleet = new Fleet({
      catalog: staticCatalog(hosts, groups),
      knownHosts: createKnownHosts(),
      reconnect: false,
      events: {
        // No window reads here, so nothing holds the output (flow control lives in the hub).
        data: () => undefined,
        state: (s) => {
          if (s.state === 'ready') ready.add(s.sessionId);
          if (s.state === 'down' || s.state === 'closed') failed ??= `${s.alias}: ${s.reason ?? s.state}`;
          if (failed) reject(new Error(failed));
          else if (ready.size === hosts.length) resolve();
        },
        hostKeyPrompt: (p) => reject(new Error(`unexpected host key prompt for ${p.alias}`)),
        hostKeySettled: () => undefined,
      },
    });
    fleet.connect(hosts.map((h) => h.alias), 80, 24);
  });
  return async () => {
    await fleet?.close();
  };
}

/** The anchor: what ssh2 itself costs for the same shells, with the same fan-out of 32. */
async function bareSessions(hosts: ResolvedHost[], clientKeyPath: string): Promise<() => Promise<void>> {
  const key = readFileSync(clientKeyPath);
  const clients: Client[] = [];
  let next = 0;
  const one = (h: ResolvedHost) =>
    new Promise<void>((resolve, reject) => {
      const c = new Client();
      clients.push(c);
      c.on('error', (e) => reject(new Error(`${h.alias}: ${e.message}`)));
      c.on('ready', () => {
        c.shell({ term: 'xterm-256color', cols: 80, rows: 24 }, (err, stream) => {
          if (err) return reject(err);
          stream.on('data', () => undefined);
          stream.stderr.on('data', () => undefined);
          resolve();
        });
      });
      c.connect({ host: h.hostname, port: h.port, username: h.user, privateKey: key, readyTimeout: 60_000 });
    });
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < hosts.length) await one(hosts[next++] as ResolvedHost);
    }),
  );
  return async () => {
    for (const c of clients) c.end();
    await sleep(200);
  };
}

async function together(count: number, dataDir: string): Promise<() => Promise<void>> {
  const practice = await startPracticeFleet({ count, dataDir });
  try {
    const close = await productSessions(practice.hosts, practice.groups);
    return async () => {
      await close();
      await practice.close();
    };
  } catch (e) {
    await practice.close();
    throw e;
  }
}

async function memoryClient(kind: string, arg: string): Promise<number> {
  const { hosts, groups, clientKeyPath } =
    kind === 'together' ? { hosts: Array.from({ length: TOGETHER_COUNT }), groups: {}, clientKeyPath: '' } : (JSON.parse(readFileSync(arg, 'utf8')) as PracticeHostsLine);
  gc();
  const before = process.memoryUsage();
  const t0 = Date.now();
  const open =
    kind === 'together'
      ? together(TOGETHER_COUNT, arg)
      : kind === 'product'
        ? productSessions(hosts as ResolvedHost[], groups)
        : bareSessions(hosts as ResolvedHost[], clientKeyPath);
  const close = await within(READY_TIMEOUT_MS, `${kind}: ${hosts.length} sessions ready`, open);
  const readyMs = Date.now() - t0;
  await sleep(IDLE_MS);
  gc();
  const after = process.memoryUsage();
  const line: MemoryLine = {
    sessions: hosts.length,
    readyMs,
    rssBefore: before.rss,
    rss: after.rss,
    heapBefore: before.heapUsed,
    heap: after.heapUsed,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  await within(20_000, `${kind}: close`, close()).catch(() => undefined);
  return 0;
}

export async function runChild(args: string[]): Promise<number> {
  const [kind, a, b] = args;
  if (kind === 'practice-server' && a && b) return practiceServer(Number(a), b);
  if (kind === 'memory-client' && (a === 'product' || a === 'bare' || a === 'together') && b) return memoryClient(a, b);
  process.stderr.write(`bench child: unknown ${args.join(' ')}\n`);
  return 2;
}
