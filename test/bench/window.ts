/**
 * The window at 64 hosts (issue 10 §7), measured in Debian's Chromium on `warroom web --practice 64`
 * (the built CLI in a process of its own), against a floor page: bare xterm.js fed by a bare ssh2
 * client over a bare WebSocket (window/floor-server.ts), on the same practice hosts.
 *
 * 1. Connect-all of 64 on both pages: time and long tasks (window/connect.ts).
 * 2. 16 panes on screen, 4 streaming: p95 frame interval against the floor in alternated rounds, and
 *    keystroke to paint in a quiet pane (window/streaming.ts).
 * 3. Scrolling the grid of 64 while 4 stream: frame intervals and long tasks (window/scroll.ts).
 * 4. The grouping verdict after a line on 64 hosts, and a search over 64 scrollbacks of 10,000 lines
 *    (window/screens.ts).
 * The `yes` flood and Ctrl-C are measured by the `flood` part (its window side by the flood work), not here.
 *
 * Every step has a time limit and a name, so a run on a loaded 2-core machine either completes or
 * fails saying which step did not finish (with screenshots of both pages in the temp directory).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../fixtures/chromium';
import { stopTracked } from './proc';
import { within, type PartResult, type Row, type Verdict } from './report';
import { connectFloor, connectRows, connectWarroom } from './window/connect';
import { hostsFromSshConfig, startFloorServer, type FloorServer } from './window/floor-server';
import { ALIASES, CLI, HOSTS, VIEWPORT, WANT_VISIBLE, startWarroomWeb, step, type Log } from './window/pages';
import { scrollPart } from './window/scroll';
import { screensPart } from './window/screens';
import { startWriters, streamingPanes, streamingPart } from './window/streaming';

/** The whole part, beyond which it fails rather than hold up the rest of `npm run bench`. */
const PART_LIMIT_MS = Number(process.env.WINDOW_LIMIT_S ?? 1500) * 1000;

async function run(log: Log, home: string, cleanup: Array<() => Promise<void>>): Promise<PartResult> {
  const rows: Row[] = [];
  const verdicts: Verdict[] = [];
  const notes: string[] = [];
  const web = await step(log, 'warroom web --practice 64 started', 90_000, () => startWarroomWeb(home));
  cleanup.push(() => stopTracked(web.child));
  const browser: Browser = await step(log, 'Chromium started', 60_000, () => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true }));
  cleanup.push(async () => {
    // What the pages looked like when a step failed, for the log reader; then the browser goes.
    for (const [i, page] of browser.contexts().flatMap((c) => c.pages()).entries()) {
      await page.screenshot({ path: path.join(os.tmpdir(), `window-bench-last-${i}.png`) }).catch(() => undefined);
    }
    await browser.close().catch(() => undefined);
  });

  const warroom = await step(log, `connect-all of ${HOSTS}`, 420_000, () => connectWarroom(browser, `${web.url}&probe`));
  const size = await warroom.side.page.evaluate(
    (a) => (window as unknown as { warroomProbe: { size(x: string): { cols: number; rows: number } | undefined } }).warroomProbe.size(a),
    warroom.side.visible[0] as string,
  );
  if (!size) throw new Error('window: no pane size from the window');
  log(`window: warroom shows ${warroom.side.visible.length} panes of ${size.cols}×${size.rows}`);
  if (warroom.side.visible.length < WANT_VISIBLE) throw new Error(`window: ${warroom.side.visible.length} panes on screen, not ${WANT_VISIBLE}`);

  const practiceHosts = hostsFromSshConfig(path.join(home, 'practice', 'ssh_config'));
  const keyFile = path.join(home, 'practice', 'id_ed25519');
  const floorServer: FloorServer = await step(log, 'floor server started', 60_000, () => startFloorServer({ hosts: practiceHosts, user: 'sre', keyFile, ...size }));
  let floorOpen = true;
  cleanup.push(() => (floorOpen ? floorServer.close() : Promise.resolve()));
  const q = new URLSearchParams({ hosts: ALIASES.join(','), visible: String(warroom.side.visible.length), cols: String(size.cols), rows: String(size.rows), sr: '1' });
  const floor = await step(log, `floor: connect ${HOSTS}`, 300_000, () => connectFloor(browser, `${floorServer.url}?${q}`));
  log(`window: floor shows ${floor.side.visible.length} panes`);
  connectRows(warroom, floor, rows, verdicts);

  const streams = streamingPanes(warroom.side.visible);
  const streamHosts = practiceHosts.filter((h) => streams.includes(h.alias));
  const floorStreams = streamingPanes(floor.side.visible);
  if (floorStreams.join() !== streams.join()) throw new Error(`window: the floor streams ${floorStreams.join(', ')}, the window ${streams.join(', ')}`);
  // A section that fails is reported as not measured, with its reason; the next one still runs.
  let failed = 0;
  const section = (what: string, ms: number, work: () => Promise<void>) =>
    step(log, what, ms, work).catch((e: unknown) => {
      failed += 1;
      const message = e instanceof Error ? e.message : String(e);
      log(`window: ${what} failed: ${message}`);
      verdicts.push({ what: `window: ${what}`, met: 'not measured', detail: `failed: ${message.split('\n')[0]}` });
    });
  const stopWriters = await step(log, 'stream writers started', 120_000, () => startWriters(streamHosts, keyFile));
  try {
    await section('streaming rounds', 900_000, () => streamingPart(warroom.side, floor.side, rows, verdicts, log));
    await floor.side.page.close();
    await floorServer.close();
    floorOpen = false;
    await section('scrolling the grid while streaming', 300_000, () => scrollPart(warroom.side, rows, verdicts, log));
  } finally {
    stopWriters();
  }
  await section('grouping verdicts and searches', 900_000, () => screensPart(warroom.side.page, rows, verdicts, log));
  if (failed > 0) notes.push(`window: ${failed} section(s) failed; see the NOT MEASURED lines and /tmp/window-bench-last-*.png.`);
  notes.push(
    `window: Chromium ${browser.version()} headless (software rendering), ${VIEWPORT.width}×${VIEWPORT.height} with the window's side columns folded; the floor shows as many panes as the window (${warroom.side.visible.length}) of the same size, ` +
      `with screen-reader mode on both sides (keystroke to paint is the echo in xterm's row text, then the next frame); hosts' prompts are read from the window's xterm buffers (renderer/app/benchProbe.ts, on ?probe).`,
  );
  return { rows, verdicts, notes };
}

export async function windowBench(log: Log): Promise<PartResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const home = mkdtempSync(path.join(os.tmpdir(), 'wr-bench-window-'));
  const cleanup: Array<() => Promise<void>> = [];
  try {
    return await within(PART_LIMIT_MS, 'window part (WINDOW_LIMIT_S)', run(log, home, cleanup));
  } finally {
    for (const undo of cleanup.reverse()) await within(30_000, 'window cleanup', undo()).catch((e: unknown) => log(`window: cleanup: ${e instanceof Error ? e.message : String(e)}`));
    rmSync(home, { recursive: true, force: true });
  }
}
