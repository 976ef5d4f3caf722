/**
 * The window at 64 hosts (issue 10 §7), measured in Debian's Chromium on `warroom web --practice 64`
 * (the built CLI in a process of its own), against a floor page: bare xterm.js fed by a bare ssh2
 * client over a bare WebSocket (window/floor-server.ts), on the same practice hosts.
 *
 * 1. 64 sessions connected, the panes the window shows on screen (the floor shows as many), 4 of
 *    them on `tail -f` of a file appended every 50 ms: p95 frame interval, against the floor in alternated
 *    rounds, and keystroke to paint in a quiet pane (keydown to the frame after the echo is drawn).
 * 2. `yes` on 50 hosts: input latency in a quiet pane and frames while flooding, the server's RSS at
 *    the start and end of the flood, then one Ctrl-C to the prompt in every host's buffer.
 * 3. The grouping verdict after a line on 64 hosts (from the last prompt in the window to the verdict
 *    drawn), and a search over 64 scrollbacks of 10,000 lines (Enter to the results drawn).
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Client } from 'ssh2';
import { CHROMIUM, CHROMIUM_ARGS } from '../fixtures/chromium';
import { rssOf, startTracked, stopTracked } from './proc';
import { info, percentile, row, within, type PartResult, type Row, type Verdict } from './report';
import { hostsFromSshConfig, startFloorServer, type FloorHost, type FloorServer } from './window/floor-server';
import { focusPane, keyToPaint, paneText, sampleFrames, typeLine } from './window/page-probes';

const CLI = path.resolve('dist/cli/warroom.cjs');
const HOSTS = 64;
const STREAMS = 4;
const ROUNDS = Number(process.env.WINDOW_ROUNDS ?? 3);
const FRAME_MS = 4000;
const KEYS_PER_ROUND = 12;
const KEY_GAP_MS = 250;
/** The streaming panes follow this file; the bench appends a line to it on each host every STREAM_MS. */
const STREAM_FILE = '/tmp/window-bench.log';
const STREAM_MS = 50;
const FLOOD_HOSTS = 50;
const FLOOD_S = Number(process.env.WINDOW_FLOOD_S ?? 60);
const MB = 2 ** 20;
const VIEWPORT = { width: 1600, height: 1000 };
const TYPED = 'qxzjvkqxzjvk';
const PROMPT = /^sre@[a-z]+-\d+:~\$$/;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pad = (n: number) => String(n).padStart(2, '0');
/** --practice 64: 32 web, 16 db, 8 cache, 8 lb (electron/practice/layout.ts). */
const ALIASES = [
  ...Array.from({ length: 32 }, (_, i) => `web-${pad(i + 1)}`),
  ...Array.from({ length: 16 }, (_, i) => `db-${pad(i + 1)}`),
  ...Array.from({ length: 8 }, (_, i) => `cache-${pad(i + 1)}`),
  ...Array.from({ length: 8 }, (_, i) => `lb-${pad(i + 1)}`),
];

interface Side {
  name: 'warroom' | 'floor';
  page: Page;
  /** Aliases of the panes on screen, in grid order. */
  visible: string[];
}

/** `warroom web --practice 64 --screen-reader` in its own process; resolves with its URL. */
async function startWarroomWeb(home: string) {
  const child = startTracked(process.execPath, [CLI, 'web', '--port', '0', '--practice', String(HOSTS), '--screen-reader'], {
    env: { ...process.env, WARROOM_HOME: home },
  });
  let out = '';
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await within(
    60_000,
    'warroom web start',
    new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`warroom web exited ${code}: ${out.trim()}`)));
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(out);
        if (m) resolve(m[1] as string);
      });
    }),
  );
  return { child, url };
}

/** Panes at least half on screen, in grid order. */
function visiblePanes(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-testid="terminal"]'))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const h = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
        const w = Math.min(r.right, innerWidth) - Math.max(r.left, 0);
        return h > r.height / 2 && w > r.width / 2;
      })
      .map((el) => el.dataset.host ?? ''),
  );
}

/** Each host's last non-blank line in the window's buffers (renderer/app/benchProbe.ts). */
async function lastLines(page: Page, aliases: readonly string[]): Promise<string[]> {
  return page.evaluate((a) => (window as unknown as { warroomProbe: { tails(x: readonly string[], n: number): string[][] } }).warroomProbe.tails(a, 1).map((t) => t[0] ?? ''), aliases);
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

/** One round on one side: 4 panes stream, frames are sampled, keys typed into a quiet pane are timed. */
async function streamRound(side: Side, frames: number[], keys: number[]): Promise<{ longTasks: number }> {
  const { page, visible } = side;
  // Both pages are tabs of one browser: only the tab in front gets animation frames.
  await page.bringToFront();
  const streaming = visible.slice(0, STREAMS);
  const quiet = visible[STREAMS] as string;
  for (const alias of streaming) await typeLine(page, alias, `tail -f ${STREAM_FILE}`);
  await waitFor(`${side.name}: streams running`, async () => (await Promise.all(streaming.map((a) => paneText(page, a)))).every((t) => /stream line \d+\s*$/.test(t)), 60_000);
  await focusPane(page, quiet);
  const sampled = sampleFrames(page, FRAME_MS);
  let typed = '';
  const started = Date.now();
  for (let i = 0; i < KEYS_PER_ROUND && Date.now() - started < FRAME_MS - KEY_GAP_MS; i++) {
    const key = TYPED[i % TYPED.length] as string;
    typed += key;
    const ms = await keyToPaint(page, quiet, key, `$ ${typed}`);
    if (!Number.isNaN(ms)) keys.push(ms);
    await sleep(KEY_GAP_MS);
  }
  const result = await sampled;
  frames.push(...result.intervals);
  await page.keyboard.press('Control+u');
  for (const alias of streaming) {
    await focusPane(page, alias);
    await page.keyboard.press('Control+c');
  }
  await waitFor(`${side.name}: streams stopped`, async () => (await Promise.all(streaming.map((a) => paneText(page, a)))).every((t) => /\$\s*$/.test(t.trimEnd())), 60_000);
  return { longTasks: result.longTasks };
}

/**
 * One bare ssh2 shell per streaming host appending a line to STREAM_FILE every STREAM_MS: the practice
 * shell runs no loops and sleeps only at the end of a line, so the pace comes from here.
 */
async function startWriters(hosts: FloorHost[], keyFile: string): Promise<() => void> {
  const key = readFileSync(keyFile);
  const clients: Client[] = [];
  const timers: NodeJS.Timeout[] = [];
  await Promise.all(
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
  return () => {
    timers.forEach(clearInterval);
    clients.forEach((c) => c.end());
  };
}

async function streamingPart(warroom: Side, floor: Side, rows: Row[], verdicts: Verdict[], log: (line: string) => void): Promise<void> {
  const frames = { warroom: [] as number[], floor: [] as number[] };
  const keys = { warroom: [] as number[], floor: [] as number[] };
  const longTasks = { warroom: 0, floor: 0 };
  const sides = [warroom, floor];
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < sides.length; k++) {
      const side = sides[(k + r) % sides.length] as Side;
      const { longTasks: n } = await streamRound(side, frames[side.name], keys[side.name]);
      longTasks[side.name] += n;
      log(`window: round ${r + 1} ${side.name}: ${frames[side.name].length} frames, ${keys[side.name].length} keys so far`);
    }
  }
  const p95 = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 95);
  const fw = p95(frames.warroom);
  const ff = p95(frames.floor);
  const kw = [...keys.warroom].sort((a, b) => a - b);
  const kf = [...keys.floor].sort((a, b) => a - b);
  const n = warroom.visible.length;
  rows.push(row(`window: p95 frame interval, 64 connected, ${n} on screen, ${STREAMS} streaming`, fw, 'ms', 'floor (bare xterm + ssh2 + ws)', ff));
  rows.push(row(`window: keystroke to paint in a quiet pane while ${STREAMS} stream, p50`, percentile(kw, 50), 'ms', 'floor (bare xterm + ssh2 + ws)', percentile(kf, 50)));
  rows.push(row(`window: keystroke to paint in a quiet pane while ${STREAMS} stream, p95`, percentile(kw, 95), 'ms', 'floor (bare xterm + ssh2 + ws)', percentile(kf, 95)));
  rows.push(info(`window: long tasks while streaming, warroom (floor ${longTasks.floor})`, longTasks.warroom, 'tasks'));
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

async function setBroadcast(page: Page, on: boolean): Promise<void> {
  const toggle = page.getByTestId('broadcast-toggle');
  if (((await toggle.getAttribute('aria-pressed')) === 'true') !== on) await toggle.click();
}

async function floodPart(side: Side, pid: number, rows: Row[], verdicts: Verdict[], notes: string[], log: (line: string) => void): Promise<void> {
  const { page } = side;
  const targets = ALIASES.slice(0, FLOOD_HOSTS);
  const spared = ALIASES.slice(FLOOD_HOSTS);
  const quiet = spared.at(-1) as string;
  await setBroadcast(page, true);
  await page.locator('[data-testid="broadcast-group"][data-group=""]').click();
  for (const alias of spared) await page.locator(`[data-testid="terminal"][data-host="${alias}"] [data-testid="broadcast-include"]`).uncheck();
  await waitFor('broadcast to 50', async () => (await page.getByTestId('broadcast-count').innerText()).includes(`Broadcast to ${FLOOD_HOSTS} of ${HOSTS}`), 15_000);
  const rssStart = rssOf(pid);
  // Typed, not pasted: a paste while broadcasting asks for confirmation first (BroadcastGuards).
  await focusPane(page, targets[0] as string);
  await page.keyboard.type('yes');
  await page.keyboard.press('Enter');
  await setBroadcast(page, false);
  await waitFor('the flood on every target', async () => (await lastLines(page, targets)).every((l) => l === 'y'), 60_000);
  const rssSamples: number[] = [];
  const keys: number[] = [];
  const frames: number[] = [];
  await focusPane(page, quiet);
  const started = Date.now();
  let typed = '';
  while (Date.now() - started < FLOOD_S * 1000) {
    rssSamples.push(rssOf(pid));
    const sampled = sampleFrames(page, 1000);
    for (let i = 0; i < 2; i++) {
      if (typed.length >= 20) {
        await page.keyboard.press('Control+u');
        typed = '';
        await sleep(KEY_GAP_MS);
      }
      const key = TYPED[typed.length % TYPED.length] as string;
      typed += key;
      const ms = await keyToPaint(page, quiet, key, `$ ${typed}`);
      keys.push(Number.isNaN(ms) ? 10_000 : ms);
      await sleep(KEY_GAP_MS);
    }
    frames.push(...(await sampled).intervals);
  }
  await page.keyboard.press('Control+u');
  const rssEnd = rssOf(pid);
  await setBroadcast(page, true);
  await focusPane(page, targets[0] as string);
  await page.evaluate(() => document.addEventListener('keydown', () => ((window as unknown as { ctrlC: number }).ctrlC = performance.now()), { capture: true, once: true }));
  await page.keyboard.press('Control+c');
  await page.waitForFunction(
    ({ aliases, prompt }) => {
      const w = window as unknown as { warroomProbe: { tails(a: readonly string[], n: number): string[][] }; promptsAt?: number };
      const re = new RegExp(prompt);
      if (!w.warroomProbe.tails(aliases, 1).every((t) => re.test(t[0] ?? ''))) return false;
      w.promptsAt = performance.now();
      return true;
    },
    { aliases: targets, prompt: PROMPT.source },
    { polling: 'raf', timeout: 120_000 },
  );
  const ctrlC = await page.evaluate(() => {
    const w = window as unknown as { promptsAt: number; ctrlC: number };
    return w.promptsAt - w.ctrlC;
  });
  await setBroadcast(page, false);
  await sleep(5000);
  const rssAfter = rssOf(pid);
  const k = [...keys].sort((a, b) => a - b);
  const f = [...frames].sort((a, b) => a - b);
  log(`window: flood on ${FLOOD_HOSTS}: Ctrl-C to every prompt ${ctrlC.toFixed(0)} ms; keys p50 ${percentile(k, 50).toFixed(1)} max ${(k.at(-1) ?? NaN).toFixed(1)} ms; RSS ${(rssStart / MB).toFixed(0)} → ${(rssEnd / MB).toFixed(0)} MB`);
  rows.push(row(`window: Ctrl-C on a ${FLOOD_HOSTS}-host \`yes\` flood to the prompt in every pane`, ctrlC, 'ms', 'target', 1000));
  rows.push(row(`window: keystroke to paint in a quiet pane during the flood, p50`, percentile(k, 50), 'ms', 'target', 50));
  rows.push(row(`window: keystroke to paint in a quiet pane during the flood, p95`, percentile(k, 95), 'ms', 'target', 50));
  rows.push(info(`window: p95 frame interval during the flood`, percentile(f, 95), 'ms'));
  rows.push(info(`window: server RSS at the start of the flood`, rssStart / MB, 'MB'));
  rows.push(info(`window: server RSS after ${FLOOD_S} s of flood`, rssEnd / MB, 'MB'));
  rows.push(info(`window: server RSS peak during the flood`, Math.max(...rssSamples, rssEnd) / MB, 'MB'));
  rows.push(info(`window: server RSS 5 s after Ctrl-C`, rssAfter / MB, 'MB'));
  verdicts.push({ what: `Ctrl-C on a ${FLOOD_HOSTS}-host flood shows the prompt in every pane under 1 s (window)`, met: ctrlC < 1000, detail: `${ctrlC.toFixed(0)} ms` });
  verdicts.push({
    what: 'window answers input within 50 ms while 50 hosts flood (p95)',
    met: percentile(k, 95) < 50,
    detail: `p50 ${percentile(k, 50).toFixed(1)}, p95 ${percentile(k, 95).toFixed(1)}, max ${(k.at(-1) ?? NaN).toFixed(1)} ms over ${k.length} keys`,
  });
  // Flat: the end of the flood no higher than its first samples' peak plus a 10% margin.
  const early = Math.max(...rssSamples.slice(0, 5));
  verdicts.push({
    what: `server RSS flat during a ${FLOOD_S} s flood`,
    met: rssEnd <= early * 1.1,
    detail: `${(rssStart / MB).toFixed(0)} MB at start, ${(early / MB).toFixed(0)} MB in the first 5 s, ${(rssEnd / MB).toFixed(0)} MB at the end, ${(rssAfter / MB).toFixed(0)} MB 5 s after Ctrl-C`,
  });
  if (FLOOD_S !== 60) notes.push(`window: the flood ran ${FLOOD_S} s (WINDOW_FLOOD_S), not 60 s.`);
}

/**
 * Broadcasts `line; echo MARK` to all 64 and times, in the page: Enter to the verdict drawn, and the
 * last host's prompt back in the window (after MARK) to the verdict drawn.
 */
async function verdictAfter(page: Page, line: string, mark: string, timeoutMs: number): Promise<{ total: number; afterPrompts: number }> {
  const full = `${line}; echo ${mark}`;
  // Typed, not pasted: a paste while broadcasting asks for confirmation first (BroadcastGuards).
  await focusPane(page, 'web-01');
  await page.keyboard.type(full);
  await page.evaluate(() => {
    const w = window as unknown as Record<string, number | undefined>;
    w.enterAt = w.promptsAt = w.verdictAt = undefined;
    document.addEventListener('keydown', (e) => e.key === 'Enter' && (w.enterAt = performance.now()), { capture: true, once: true });
  });
  const done = page.waitForFunction(
    ({ aliases, want, marker, prompt }) => {
      const w = window as unknown as { warroomProbe: { tails(a: readonly string[], n: number): string[][] }; enterAt?: number; promptsAt?: number; verdictAt?: number };
      if (w.enterAt === undefined) return false;
      const re = new RegExp(prompt);
      const now = performance.now();
      if (w.promptsAt === undefined && w.warroomProbe.tails(aliases, 2).every((t) => t[0] === marker && re.test(t[1] ?? ''))) w.promptsAt = now;
      if (w.verdictAt === undefined && document.querySelector('[data-testid="screen-groups"]')?.getAttribute('title')?.includes(want)) w.verdictAt = now;
      return w.promptsAt !== undefined && w.verdictAt !== undefined;
    },
    { aliases: ALIASES, want: full, marker: mark, prompt: PROMPT.source },
    { polling: 'raf', timeout: timeoutMs },
  );
  await page.keyboard.press('Enter');
  await done;
  return page.evaluate(() => {
    const w = window as unknown as { enterAt: number; promptsAt: number; verdictAt: number };
    return { total: w.verdictAt - w.enterAt, afterPrompts: w.verdictAt - w.promptsAt };
  });
}

/** Enter in the search box to "64 of 64 hosts match" drawn. */
async function searchTime(page: Page, query: string, timeoutMs: number): Promise<number> {
  const box = page.getByTestId('scrollback-search');
  await box.fill('');
  await box.press('Escape');
  await waitFor('search closed', async () => (await page.getByTestId('scrollback-summary').count()) === 0, 15_000);
  await box.fill(query);
  await page.evaluate(() => {
    const w = window as unknown as Record<string, number | undefined>;
    w.enterAt = undefined;
    document.addEventListener('keydown', (e) => e.key === 'Enter' && (w.enterAt = performance.now()), { capture: true, once: true });
  });
  const done = page.waitForFunction(
    (want) => {
      const w = window as unknown as { enterAt?: number; foundAt?: number };
      if (w.enterAt === undefined || !document.querySelector('[data-testid="scrollback-summary"]')?.textContent?.includes(want)) return false;
      w.foundAt = performance.now();
      return true;
    },
    `${HOSTS} of ${HOSTS} hosts match`,
    { polling: 'raf', timeout: timeoutMs },
  );
  await box.press('Enter');
  await done;
  return page.evaluate(() => {
    const w = window as unknown as { enterAt: number; foundAt: number };
    return w.foundAt - w.enterAt;
  });
}

async function screensPart(page: Page, rows: Row[], verdicts: Verdict[], log: (line: string) => void): Promise<void> {
  await setBroadcast(page, true);
  await page.locator('[data-testid="broadcast-group"][data-group=""]').click();
  await waitFor('broadcast to 64', async () => (await page.getByTestId('broadcast-count').innerText()).includes(`Broadcast to ${HOSTS} of ${HOSTS}`), 15_000);
  const short: Array<{ total: number; afterPrompts: number }> = [];
  for (let i = 0; i < 3; i++) short.push(await verdictAfter(page, 'systemctl is-active nginx', `mark-a${i}`, 60_000));
  // 10,000 lines in every scrollback, then the verdict on that line and searches over them.
  const long = await verdictAfter(page, 'seq 1 10000', 'mark-seq', 300_000);
  await setBroadcast(page, false);
  const searches: number[] = [];
  for (const q of ['9999', '1234', '5678', '4321', '8765']) searches.push(await searchTime(page, q, 60_000));
  const med = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
  const afterShort = med(short.map((s) => s.afterPrompts));
  const search = med(searches);
  log(`window: verdict ${short.map((s) => `${s.afterPrompts.toFixed(0)}/${s.total.toFixed(0)}`).join(', ')} ms (after last prompt / after Enter); after seq 10000 ${long.afterPrompts.toFixed(0)}/${long.total.toFixed(0)} ms; searches ${searches.map((x) => x.toFixed(0)).join(', ')} ms`);
  rows.push(row(`window: last prompt drawn to grouping verdict drawn, 64 hosts (median of ${short.length})`, afterShort, 'ms', 'target', 100));
  rows.push(info(`window: Enter to grouping verdict drawn, 64 hosts (median of ${short.length})`, med(short.map((s) => s.total)), 'ms'));
  rows.push(info(`window: last prompt to verdict after \`seq 1 10000\` on 64 hosts`, long.afterPrompts, 'ms'));
  rows.push(row(`window: Enter to search results drawn, 64 × 10,000 scrollback lines (median of ${searches.length})`, search, 'ms', 'target', 200));
  verdicts.push({ what: 'grouping verdict for 64 hosts drawn within 100 ms of the output settling (window)', met: afterShort < 100, detail: `median ${afterShort.toFixed(0)} ms; ${long.afterPrompts.toFixed(0)} ms after 10,000 lines each` });
  verdicts.push({ what: 'scrollback search over 64 × 10,000 lines, Enter to results drawn, under 200 ms (window)', met: search < 200, detail: `median ${search.toFixed(0)} ms, worst ${Math.max(...searches).toFixed(0)} ms` });
}

async function openSide(browser: Browser, name: Side['name'], url: string): Promise<Side> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  page.setDefaultTimeout(30_000);
  await page.goto(url);
  return { name, page, visible: [] };
}

export async function windowBench(log: (line: string) => void): Promise<PartResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const home = mkdtempSync(path.join(os.tmpdir(), 'wr-bench-window-'));
  let web: Awaited<ReturnType<typeof startWarroomWeb>> | undefined;
  let browser: Browser | undefined;
  let floorServer: FloorServer | undefined;
  const rows: Row[] = [];
  const verdicts: Verdict[] = [];
  const notes: string[] = [];
  try {
    web = await startWarroomWeb(home);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const warroom = await openSide(browser, 'warroom', `${web.url}&probe`);
    await warroom.page.getByTestId('connect-all').click();
    await waitFor('64 sessions ready', async () => (await warroom.page.locator('[data-testid="terminal"][data-state="ready"]').count()) === HOSTS, 180_000);
    let missing: string[] = [];
    await waitFor(
      '64 prompts',
      async () => {
        const lines = await lastLines(warroom.page, ALIASES);
        missing = ALIASES.filter((_, i) => !PROMPT.test(lines[i] ?? ''));
        return missing.length === 0;
      },
      180_000,
    ).catch((e: unknown) => {
      throw new Error(`${e instanceof Error ? e.message : String(e)}: no prompt in ${missing.join(', ')}`);
    });
    warroom.visible = await visiblePanes(warroom.page);
    const size = await warroom.page.evaluate((a) => (window as unknown as { warroomProbe: { size(x: string): { cols: number; rows: number } | undefined } }).warroomProbe.size(a), ALIASES[0] as string);
    if (!size) throw new Error('no pane size from the window');
    log(`window: warroom shows ${warroom.visible.length} panes of ${size.cols}×${size.rows}`);

    const practiceHosts = hostsFromSshConfig(path.join(home, 'practice', 'ssh_config'));
    const keyFile = path.join(home, 'practice', 'id_ed25519');
    floorServer = await startFloorServer({ hosts: practiceHosts, user: 'sre', keyFile, ...size });
    const q = new URLSearchParams({ hosts: ALIASES.join(','), visible: String(warroom.visible.length), cols: String(size.cols), rows: String(size.rows), sr: '1' });
    const floor = await openSide(browser, 'floor', `${floorServer.url}?${q}`);
    await waitFor('floor: 64 sessions', () => floor.page.evaluate(() => (window as unknown as { floorReady(): number }).floorReady() === 64), 180_000);
    floor.visible = await visiblePanes(floor.page);
    await waitFor('floor: prompts', async () => (await Promise.all(floor.visible.map((a) => paneText(floor.page, a)))).every((t) => /\$\s*$/.test(t.trimEnd())), 60_000);
    log(`window: floor shows ${floor.visible.length} panes`);

    const streamHosts = practiceHosts.filter((h) => warroom.visible.slice(0, STREAMS).includes(h.alias));
    const stopWriters = await startWriters(streamHosts, keyFile);
    try {
      await streamingPart(warroom, floor, rows, verdicts, log);
    } finally {
      stopWriters();
    }
    await floor.page.close();
    await warroom.page.bringToFront();
    await floorServer.close();
    floorServer = undefined;
    await screensPart(warroom.page, rows, verdicts, log);
    await floodPart(warroom, web.child.pid as number, rows, verdicts, notes, log);
    notes.push(
      `window: Chromium ${browser.version()} headless (software WebGL), ${VIEWPORT.width}×${VIEWPORT.height}; the floor shows as many panes as the window (${warroom.visible.length}) of the same size, ` +
        `with screen-reader mode on both sides (keystroke to paint is the echo in xterm's row text, then the next frame); hosts' prompts are read from the window's xterm buffers (renderer/app/benchProbe.ts, on ?probe).`,
    );
    return { rows, verdicts, notes };
  } catch (e) {
    // What the window looked like when a step failed, for the log reader.
    for (const [i, page] of (browser?.contexts().flatMap((c) => c.pages()) ?? []).entries()) {
      await page.screenshot({ path: path.join(os.tmpdir(), `window-bench-failed-${i}.png`) }).catch(() => undefined);
    }
    throw e;
  } finally {
    await floorServer?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    if (web) await stopTracked(web.child);
    rmSync(home, { recursive: true, force: true });
  }
}
