/**
 * 500 idle interactive sessions (#3 §7): the practice fleet's servers run in one child process, and
 * each client (Warroom's Fleet, or a bare ssh2 client per host as the anchor) in a fresh child of
 * its own, alternated, so that the figure is the client's alone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MemoryLine, PracticeHostsLine } from './children';
import { firstLine, rssOf, startTracked, stopTracked } from './proc';
import { info, median, row, type PartResult } from './report';

const SESSIONS = 500;
const ROUNDS = 2;
const TARGET_MB = 300;
const MB = 2 ** 20;

async function client(kind: 'product' | 'bare' | 'together', hostsFile: string): Promise<MemoryLine> {
  const child = startTracked(process.execPath, ['--expose-gc', process.argv[1] as string, '__child', 'memory-client', kind, hostsFile]);
  try {
    return JSON.parse(await firstLine(child, `memory-client ${kind}`, 240_000)) as MemoryLine;
  } finally {
    await stopTracked(child, 25_000);
  }
}

export async function memoryBench(log: (line: string) => void): Promise<PartResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wr-bench-memory-'));
  const server = startTracked(process.execPath, [process.argv[1] as string, '__child', 'practice-server', String(SESSIONS), dir]);
  try {
    const fleet = JSON.parse(await firstLine(server, 'practice fleet', 120_000)) as PracticeHostsLine;
    const hostsFile = path.join(dir, 'hosts.json');
    writeFileSync(hostsFile, JSON.stringify(fleet));
    log(`memory: practice fleet of ${fleet.hosts.length} hosts up (server process RSS ${(rssOf(server.pid as number) / MB).toFixed(0)} MB)`);
    const runs: Record<'product' | 'bare', MemoryLine[]> = { product: [], bare: [] };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so neither always meets a warmer server.
      const order: Array<'product' | 'bare'> = round % 2 === 0 ? ['product', 'bare'] : ['bare', 'product'];
      for (const kind of order) {
        const m = await client(kind, hostsFile);
        runs[kind].push(m);
        log(`memory: ${kind} ${m.sessions} sessions ready in ${(m.readyMs / 1000).toFixed(1)} s: RSS ${(m.rss / MB).toFixed(0)} MB, heap +${((m.heap - m.heapBefore) / MB).toFixed(1)} MB`);
      }
    }
    const both = await client('together', path.join(dir, 'together'));
    log(`memory: practice fleet and Warroom's Fleet in one process: RSS ${(both.rss / MB).toFixed(0)} MB, heap +${((both.heap - both.heapBefore) / MB).toFixed(1)} MB`);
    const pick = (kind: 'product' | 'bare', f: (m: MemoryLine) => number) => median(runs[kind].map(f));
    const rss = pick('product', (m) => m.rss) / MB;
    const bareRss = pick('bare', (m) => m.rss) / MB;
    const heap = pick('product', (m) => m.heap - m.heapBefore) / MB;
    const bareHeap = pick('bare', (m) => m.heap - m.heapBefore) / MB;
    const serverRss = rssOf(server.pid as number) / MB;
    return {
      rows: [
        row(`memory: ${SESSIONS} idle sessions, client RSS`, rss, 'MB', 'bare ssh2', bareRss),
        row(`memory: ${SESSIONS} idle sessions, client RSS vs target`, rss, 'MB', 'target', TARGET_MB),
        row(`memory: ${SESSIONS} idle sessions, heap delta`, heap, 'MB', 'bare ssh2', bareHeap),
        row(`memory: ${SESSIONS} sessions ready (connect all, fan-out 32)`, pick('product', (m) => m.readyMs) / 1000, 's', 'bare ssh2', pick('bare', (m) => m.readyMs) / 1000),
        row(`memory: ${SESSIONS} idle sessions, practice fleet and Fleet in one process, RSS`, both.rss / MB, 'MB', 'target', TARGET_MB),
        info(`memory: practice fleet server process RSS (${SESSIONS} hosts, after the runs)`, serverRss, 'MB'),
      ],
      verdicts: [{ what: `${SESSIONS} idle sessions < ${TARGET_MB} MB`, met: rss < TARGET_MB && both.rss / MB < TARGET_MB, detail: `client ${rss.toFixed(0)} MB RSS (bare ssh2 ${bareRss.toFixed(0)} MB); with the practice servers in the same process ${(both.rss / MB).toFixed(0)} MB` }],
      notes: [],
    };
  } finally {
    await stopTracked(server, 15_000);
    rmSync(dir, { recursive: true, force: true });
  }
}
