/**
 * Long words and long commands wrap on the window's timeline instead of running past its edge:
 * Debian's Chromium over browser mode on the practice fleet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot, startWeb, type WebApp } from './harness';
import { broadcastLine, connectAll, declareIncident } from './flow';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';

const ALIASES = ['web-01', 'web-02'];
const LONG_WORD = Array.from({ length: 5000 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz0123456789'[(i * 7) % 36]).join('');
const LONG_COMMAND = `echo ${'0123456789abcdef'.repeat(40)}`;
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('timeline wrapping in the browser', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startWeb(['--practice', String(ALIASES.length)]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows every character of a long note, a long command and a newer version\'s event, with nothing wider than the timeline', async () => {
    await connectAll(page, ALIASES);
    await declareIncident(page, 'Wrapping drill');
    await broadcastLine(page, ALIASES, LONG_COMMAND);
    const command = page.locator('[data-testid="timeline-event"][data-type="command.broadcast"]');
    await expect.poll(() => command.count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('note-input').fill(`token ${LONG_WORD} seen`);
    await page.getByTestId('note-submit').click();
    const note = page.locator('[data-testid="timeline-event"][data-type="note"]');
    await expect.poll(() => note.count(), { timeout: 10_000 }).toBe(1);

    // A newer Warroom's event, appended by another writer: shown as such, its data as the detail.
    const dir = path.join(app.home, 'incidents', readdirSync(path.join(app.home, 'incidents'))[0]!);
    const last = JSON.parse(readFileSync(path.join(dir, 'journal.jsonl'), 'utf8').trim().split('\n').at(-1)!) as { seq: number; hash: string };
    // Written as shared/schema/README.md specifies, as another program would: hash over prev and the canonical array.
    const [seq, ts, type, actor, data] = [last.seq + 1, new Date().toISOString(), 'postmortem.linked', 'newer', { blob: LONG_WORD }] as const;
    const hash = createHash('sha256').update(`${last.hash}\n${JSON.stringify([seq, ts, type, actor, data])}`).digest('hex');
    appendFileSync(path.join(dir, 'journal.jsonl'), `${JSON.stringify({ seq, ts, type, actor, data, prev: last.hash, hash })}\n`);
    const future = page.locator('[data-testid="timeline-event"][data-type="postmortem.linked"]');
    await expect.poll(() => future.count(), { timeout: 10_000 }).toBe(1);
    expect(await future.innerText()).toContain('unknown event type postmortem.linked (written by a newer Warroom)');
    expect(squeeze(await future.innerText())).toContain(LONG_WORD);

    expect(squeeze(await command.innerText())).toContain(squeeze(LONG_COMMAND));
    expect(squeeze(await note.innerText())).toContain(LONG_WORD);
    const scroll = page.locator('.timeline-scroll');
    const [scrollWidth, clientWidth] = await scroll.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    // Every part of each event fits its own box: nothing is cut at the right edge.
    const overflowing = await page.locator('[data-testid="timeline-event"], [data-testid="timeline-event"] *').evaluateAll((els) =>
      els.filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline').map((el) => `${el.tagName}.${el.className}`),
    );
    expect(overflowing).toEqual([]);
    await screenshot(page, 'timeline-wrap');
  });
});
