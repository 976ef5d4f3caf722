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
 * WINDOW_SECTIONS=connect,streaming,scroll,screens runs only the named sections (the window's
 * connect-all always runs); WINDOW_TRACE=dir records a Chromium trace of connect-all and of scrolling.
 *
 * Every step has a time limit and a name, so a run on a loaded 2-core machine either completes or
 * fails saying which step did not finish (with screenshots of both pages in the temp directory).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../fixtures/chromium';
import { stopTracked } from './proc';
import { within, type PartResult, type Row, type Verdict } from './report';
import { connectFloor, connectRows, connectWarroom } from './window/connect';
import { floorGeometry, geometryDifferences, windowGeometry } from './window/geometry';
import { hostsFromSshConfig, startFloorServer, type FloorServer } from './window/floor-server';
import { ALIASES, CLI, HOSTS, VIEWPORT, WANT_VISIBLE, startWarroomWeb, step, type Log } from './window/pages';
import { scrollPart } from './window/scroll';
import { screensPart } from './window/screens';
import { startWriters, streamingPanes, streamingPart } from './window/streaming';

/** The whole part, beyond which it fails rather than hold up the rest of `npm run bench`. */
const PART_LIMIT_MS = Number(process.env.WINDOW_LIMIT_S ?? 1500) * 1000;

/** The sections a run measures (WINDOW_SECTIONS, comma-separated; all by default). */
const SECTIONS = ['connect', 'streaming', 'scroll', 'screens'] as const;
type Section = (typeof SECTIONS)[number];

function wantedSections(): ReadonlySet<Section> {
  const raw = process.env.WINDOW_SECTIONS;
  if (!raw) return new Set(SECTIONS);
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`WINDOW_SECTIONS: unknown ${unknown.join(', ')} (known: ${SECTIONS.join(', ')})`);
  return new Set(names as Section[]);
}

/** With WINDOW_TRACE=dir, a Chromium trace of the window's page around connect-all and around scrolling. */
function tracer(browser: Browser, log: Log): { around(name: string): { before(page: Page): Promise<void>; after(): Promise<void> } } {
  const dir = process.env.WINDOW_TRACE;
  return {
    around: (name) => ({
      before: async (page) => {
        if (!dir) return;
        await browser.startTracing(page, { path: path.join(dir, `window-${name}.json`), screenshots: false });
      },
      after: async () => {
        if (!dir) return;
        await browser.stopTracing();
        log(`window: trace of ${name} in ${path.join(dir, `window-${name}.json`)}`);
      },
    }),
  };
}

async function run(log: Log, home: string, cleanup: Array<() => Promise<void>>): Promise<PartResult> {
  const rows: Row[] = [];
  const verdicts: Verdict[] = [];
  const notes: string[] = [];
  const sections = wantedSections();
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
  const trace = tracer(browser, log);

  // Every section measures the window after its connect-all: it always runs.
  const warroom = await step(log, `connect-all of ${HOSTS}`, 420_000, () => connectWarroom(browser, `${web.url}&probe`, trace.around('connect-all')));
  const geometry = await windowGeometry(warroom.side.page);
  const first = geometry.panes[0];
  if (!first) throw new Error('window: no pane size from the window');
  log(`window: warroom shows ${warroom.side.visible.length} panes on screen, ${geometry.panes.length} open, of ${first.cols}×${first.rows} at ${geometry.font.size} px`);
  if (geometry.unopened.length > 0) log(`window: reaching into the grid without an open terminal: ${geometry.unopened.join(', ')}`);
  if (warroom.side.visible.length < WANT_VISIBLE) throw new Error(`window: ${warroom.side.visible.length} panes on screen, not ${WANT_VISIBLE}`);

  const practiceHosts = hostsFromSshConfig(path.join(home, 'practice', 'ssh_config'));
  const keyFile = path.join(home, 'practice', 'id_ed25519');
  // A section that fails is reported as not measured, with its reason; the next one still runs.
  let failed = 0;
  const section = (what: string, ms: number, work: () => Promise<void>) =>
    step(log, what, ms, work).catch((e: unknown) => {
      failed += 1;
      const message = e instanceof Error ? e.message : String(e);
      log(`window: ${what} failed: ${message}`);
      verdicts.push({ what: `window: ${what}`, met: 'not measured', detail: `failed: ${message.split('\n')[0]}` });
    });

  if (sections.has('connect') || sections.has('streaming')) {
    const floorServer: FloorServer = await step(log, 'floor server started', 60_000, () => startFloorServer({ hosts: practiceHosts, user: 'sre', keyFile, cols: first.cols, rows: first.rows }));
    let floorOpen = true;
    cleanup.push(() => (floorOpen ? floorServer.close() : Promise.resolve()));
    const q = new URLSearchParams({ hosts: ALIASES.join(','), layout: JSON.stringify({ grid: geometry.grid, font: geometry.font, panes: geometry.panes }), sr: '1' });
    const floor = await step(log, `floor: connect ${HOSTS}`, 300_000, () => connectFloor(browser, `${floorServer.url}?${q}`));
    // Both pages must draw the same terminals in the same boxes, or the ratios compare different work.
    const differences = geometryDifferences(geometry.panes, await floorGeometry(floor.side.page));
    if (differences.length > 0) throw new Error(`window: the floor page's grid differs from the window's: ${differences.slice(0, 6).join('; ')}`);
    if (floor.side.visible.join() !== warroom.side.visible.join()) throw new Error(`window: panes on screen differ: window ${warroom.side.visible.join(' ')}, floor ${floor.side.visible.join(' ')}`);
    log(`window: floor shows the same ${floor.side.visible.length} panes on screen, ${geometry.panes.length} open`);
    if (sections.has('connect')) connectRows(warroom, floor, rows, verdicts);
    if (sections.has('streaming')) {
      const streams = streamingPanes(warroom.side.visible);
      const streamHosts = practiceHosts.filter((h) => streams.includes(h.alias));
      const stopWriters = await step(log, 'stream writers started', 120_000, () => startWriters(streamHosts, keyFile));
      try {
        await section('streaming rounds', 900_000, () => streamingPart(warroom.side, floor.side, rows, verdicts, log));
      } finally {
        stopWriters();
      }
    }
    await floor.side.page.close();
    await floorServer.close();
    floorOpen = false;
  }
  if (sections.has('scroll')) {
    const streams = streamingPanes(warroom.side.visible);
    const stopWriters = await step(log, 'stream writers started', 120_000, () => startWriters(practiceHosts.filter((h) => streams.includes(h.alias)), keyFile));
    try {
      await section('scrolling the grid while streaming', 300_000, () => scrollPart(warroom.side, rows, verdicts, log, trace.around('scroll')));
    } finally {
      stopWriters();
    }
  }
  if (sections.has('screens')) await section('grouping verdicts and searches', 900_000, () => screensPart(warroom.side.page, rows, verdicts, log));
  if (failed > 0) notes.push(`window: ${failed} section(s) failed; see the NOT MEASURED lines and /tmp/window-bench-last-*.png.`);
  if (sections.size < SECTIONS.length) notes.push(`window: only ${[...sections].join(', ')} (WINDOW_SECTIONS).`);
  notes.push(
    `window: Chromium ${browser.version()} headless (software rendering), ${VIEWPORT.width}×${VIEWPORT.height} with the window's side columns folded; the floor page copies the window's grid (${geometry.panes.length} terminals open, ${warroom.side.visible.length} on screen, ${first.cols}×${first.rows} cells at ${geometry.font.size} px, each box in the same place), ` +
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
