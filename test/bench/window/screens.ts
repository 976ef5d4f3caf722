/**
 * Grouping and search over 64 sessions: the grouping verdict after a broadcast line (from the last
 * host's prompt drawn back in the window to the verdict drawn), and a search over 64 scrollbacks of
 * 10,000 lines (Enter to the results drawn).
 */
import type { Page } from 'playwright-core';
import { info, percentile, row, type Row, type Verdict } from '../report';
import { ALIASES, HOSTS, PROMPT, setBroadcast, waitFor, type Log } from './pages';
import { focusPane } from './page-probes';

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

export async function screensPart(page: Page, rows: Row[], verdicts: Verdict[], log: Log): Promise<void> {
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
  // Negative: the verdict (settled on the Node side) was drawn before the window's own buffers showed every prompt.
  const lag = afterShort < 0 ? ' (negative: drawn before the window had drawn every prompt; its buffers lag the Node side)' : '';
  verdicts.push({ what: 'grouping verdict for 64 hosts drawn within 100 ms of the output settling (window)', met: afterShort < 100, detail: `median ${afterShort.toFixed(0)} ms${lag}; ${long.afterPrompts.toFixed(0)} ms after 10,000 lines each` });
  verdicts.push({ what: 'scrollback search over 64 × 10,000 lines, Enter to results drawn, under 200 ms (window)', met: search < 200, detail: `median ${search.toFixed(0)} ms, worst ${Math.max(...searches).toFixed(0)} ms` });
}
