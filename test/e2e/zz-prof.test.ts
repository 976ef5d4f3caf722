import { it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launchChromium, startWeb } from './harness';
import { ROOT, bundle } from '../fixtures/bundle';

it('prof', async () => {
  const home = process.env.PROF_HOME ?? mkdtempSync(path.join(os.tmpdir(), 'warroom-prof-'));
  if (!process.env.PROF_HOME) {
    const w = await bundle(path.join(ROOT, 'test/electron/incident/fixtures/write-big-incident.ts'), path.join(home, 'w.cjs'));
    execFileSync(process.execPath, [w, home, '100000']);
  }
  const app = await startWeb([], { WARROOM_HOME: home });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  await page.goto(app.url);
  await page.waitForSelector('[data-testid="timeline-event"]', { timeout: 60000 });
  console.log('first rows', Date.now() - t0);
  await page.waitForFunction(() => !document.querySelector('[data-testid="timeline-loading"]'), undefined, { timeout: 120000 });
  console.log('all', Date.now() - t0);
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const n = byId.get(id)!;
    const k = `${n.callFrame.functionName}@${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
    self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${v.toFixed(0)} ${k}`).join('\n'));
  writeFileSync('/tmp/tl-prof.json', JSON.stringify(profile));
  console.log('home', home);
  await browser.close();
  await app.stop();
}, 300000);
