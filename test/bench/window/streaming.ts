/**
 * 64 connected, the panes on screen, 4 of them on `tail -f` of a file the bench appends a line to
 * every 50 ms: p95 frame interval against the floor in alternated rounds, and keystroke to paint in a
 * quiet pane (keydown to the frame after the echo is drawn).
 */
import { readFileSync } from 'node:fs';
import { Client } from 'ssh2';
import { info, percentile, row, within, type Row, type Verdict } from '../report';
import type { FloorHost } from './floor-server';
import { sleep, waitFor, type Log, type Side } from './pages';
import { focusPane, keyToPaint, paneText, sampleFrames, typeLine } from './page-probes';

export const STREAMS = 4;
const ROUNDS = Number(process.env.WINDOW_ROUNDS ?? 3);
const FRAME_MS = 4000;
const KEYS_PER_ROUND = 12;
const KEY_GAP_MS = 250;
/** The streaming panes follow this file; the bench appends a line to it on each host every STREAM_MS. */
const STREAM_FILE = '/tmp/window-bench.log';
const STREAM_MS = 50;
const TYPED = 'qxzjvkqxzjvk';
const BASE = 'floor (bare xterm + ssh2 + ws)';

const texts = (side: Side, aliases: readonly string[]) => Promise.all(aliases.map((a) => paneText(side.page, a)));

/**
 * The panes that stream: the first STREAMS on screen but web-02, whose disk the practice fleet fills
 * (its fault), so appends to the followed file fail there.
 */
export function streamingPanes(visible: readonly string[]): string[] {
  return visible.filter((a) => a !== 'web-02').slice(0, STREAMS);
}

/** A pane on screen that does not stream, for the keys. */
export function quietPane(visible: readonly string[]): string {
  const streaming = streamingPanes(visible);
  const quiet = visible.find((a) => !streaming.includes(a));
  if (!quiet) throw new Error('window: no quiet pane on screen');
  return quiet;
}

/** `tail -f` in the side's streaming panes, until each shows a streamed line. */
export async function startStreams(side: Side): Promise<string[]> {
  const streaming = streamingPanes(side.visible);
  for (const alias of streaming) await typeLine(side.page, alias, `tail -f ${STREAM_FILE}`);
  await waitFor(`${side.name}: streams running`, async () => (await texts(side, streaming)).every((t) => /stream line \d+\s*$/.test(t)), 60_000);
  return streaming;
}

/** Ctrl-C in each streaming pane, until each shows its prompt again. */
export async function stopStreams(side: Side, streaming: readonly string[]): Promise<void> {
  for (const alias of streaming) {
    await focusPane(side.page, alias);
    await side.page.keyboard.press('Control+c');
  }
  await waitFor(`${side.name}: streams stopped`, async () => (await texts(side, streaming)).every((t) => /\$\s*$/.test(t.trimEnd())), 60_000);
}

/** One round on one side: 4 panes stream, frames are sampled, keys typed into a quiet pane are timed. */
async function streamRound(side: Side, frames: number[], keys: number[]): Promise<{ longTasks: number; longTaskMax: number }> {
  const { page, visible } = side;
  // Both pages are tabs of one browser: only the tab in front gets animation frames.
  await page.bringToFront();
  const streaming = await startStreams(side);
  const quiet = quietPane(visible);
  await focusPane(page, quiet);
  const sampled = within(FRAME_MS + 30_000, `${side.name}: frames`, sampleFrames(page, FRAME_MS));
  let typed = '';
  const started = Date.now();
  for (let i = 0; i < KEYS_PER_ROUND && Date.now() - started < FRAME_MS - KEY_GAP_MS; i++) {
    const key = TYPED[i % TYPED.length] as string;
    typed += key;
    const ms = await within(30_000, `${side.name}: key ${i + 1}`, keyToPaint(page, quiet, key, `$ ${typed}`));
    // A key whose echo was not drawn within 10 s counts as never: it shows in the p95, not as a gap.
    keys.push(Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms);
    await sleep(KEY_GAP_MS);
  }
  const result = await sampled;
  frames.push(...result.intervals);
  await page.keyboard.press('Control+u');
  await stopStreams(side, streaming);
  return { longTasks: result.count, longTaskMax: result.max };
}

/**
 * One bare ssh2 shell per streaming host appending a line to STREAM_FILE every STREAM_MS: the practice
 * shell runs no loops and sleeps only at the end of a line, so the pace comes from here.
 */
export async function startWriters(hosts: FloorHost[], keyFile: string): Promise<() => void> {
  const key = readFileSync(keyFile);
  const clients: Client[] = [];
  const timers: NodeJS.Timeout[] = [];
  const stop = () => {
    timers.forEach(clearInterval);
    clients.forEach((c) => c.end());
  };
  const started = Promise.all(
    hosts.map(
      (h) =>
        new Promise<void>((resolve, reject) => {
          const c = new Client();
          clients.push(c);
          c.on('error', reject);
          c.on('ready', () =>
            c.shell({ term: 'dumb', cols: 200, rows: 24 }, (err, stream) => {
              if (err) return reject(err);
              stream.on('data', () => undefined);
              let n = 0;
              timers.push(setInterval(() => stream.write(`echo "${h.alias} stream line ${++n}" >> ${STREAM_FILE}\r`), STREAM_MS));
              resolve();
            }),
          );
          c.connect({ host: h.address, port: h.port, username: 'sre', privateKey: key, readyTimeout: 60_000 });
        }),
    ),
  );
  await within(90_000, 'stream writers connect', started).catch((e: unknown) => {
    stop();
    throw e;
  });
  return stop;
}

export async function streamingPart(warroom: Side, floor: Side, rows: Row[], verdicts: Verdict[], log: Log): Promise<void> {
  const frames = { warroom: [] as number[], floor: [] as number[] };
  const keys = { warroom: [] as number[], floor: [] as number[] };
  const longTasks = { warroom: { count: 0, max: 0 }, floor: { count: 0, max: 0 } };
  const sides = [warroom, floor];
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < sides.length; k++) {
      const side = sides[(k + r) % sides.length] as Side;
      const lt = await within(180_000, `window: streaming round ${r + 1} on ${side.name}`, streamRound(side, frames[side.name], keys[side.name]));
      longTasks[side.name].count += lt.longTasks;
      longTasks[side.name].max = Math.max(longTasks[side.name].max, lt.longTaskMax);
      log(`window: round ${r + 1} ${side.name}: ${frames[side.name].length} frames, ${keys[side.name].length} keys so far`);
    }
  }
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const fw = percentile(sorted(frames.warroom), 95);
  const ff = percentile(sorted(frames.floor), 95);
  const kw = sorted(keys.warroom);
  const kf = sorted(keys.floor);
  const n = warroom.visible.length;
  rows.push(row(`window: p95 frame interval, 64 connected, ${n} on screen, ${STREAMS} streaming`, fw, 'ms', BASE, ff));
  rows.push(row(`window: keystroke to paint in a quiet pane while ${STREAMS} stream, p50`, percentile(kw, 50), 'ms', BASE, percentile(kf, 50)));
  rows.push(row(`window: keystroke to paint in a quiet pane while ${STREAMS} stream, p95`, percentile(kw, 95), 'ms', BASE, percentile(kf, 95)));
  rows.push(row(`window: long tasks while ${STREAMS} stream (${ROUNDS} × ${FRAME_MS / 1000} s)`, longTasks.warroom.count, 'tasks', BASE, longTasks.floor.count));
  rows.push(info(`window: longest task while ${STREAMS} stream (floor ${longTasks.floor.max.toFixed(0)} ms)`, longTasks.warroom.max, 'ms'));
  verdicts.push({
    what: `p95 frame interval ≤ 1.2× the floor page (64 connected, ${n} on screen, ${STREAMS} streaming)`,
    met: fw <= 1.2 * ff,
    detail: `${fw.toFixed(1)} ms vs ${ff.toFixed(1)} ms, ${(fw / ff).toFixed(2)}×, ${frames.warroom.length}/${frames.floor.length} frames`,
  });
  verdicts.push({
    what: 'keystroke to paint in a quiet pane under 50 ms (p95)',
    met: percentile(kw, 95) < 50,
    detail: `p50 ${percentile(kw, 50).toFixed(1)} ms, p95 ${percentile(kw, 95).toFixed(1)} ms (floor ${percentile(kf, 50).toFixed(1)} / ${percentile(kf, 95).toFixed(1)} ms), ${kw.length} keys`,
  });
}
