/** The journal side of the real `warroom` binary: incident new, log, verify, export, incidents, search. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { IncidentService } from '../../../electron/incident/service';
import { IncidentStore } from '../../../electron/incident/store';
import { parseIncidentExport } from '../../../electron/export/json';
import { Incident } from '../../../shared/model/incident';
import { tempDir } from '../journal/helpers';
import { buildCli, runCli } from './cli';
import { incidentExporter } from '../../../electron/export/incident-exporter';

let dir: string;
let cleanup: () => void;
let cli: string;
let home: string;
const env = () => ({ WARROOM_HOME: home, WARROOM_ACTOR: 'cli-user' });

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('warroom-cli-'));
  home = path.join(dir, 'home');
  cli = await buildCli(dir);
});
afterAll(() => cleanup());

describe('warroom incident / log / verify / export', { timeout: 180_000 }, () => {
  let id = '';

  it('refuses to log when there is no incident, on stderr with a non-zero exit', async () => {
    const r = await runCli(cli, ['log', 'too early'], env());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no active incident/);
  });

  it('declares an incident, prints its id and makes it active', async () => {
    const r = await runCli(cli, ['incident', 'new', '--title', 'Checkout 502s', '--severity', 'SEV2'], env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    id = r.stdout.trim();
    expect(id).toMatch(/^\d{8}-\d{6}-checkout-502s-[0-9a-f]{4}$/);
    expect(await new IncidentStore(home).activeId()).toBe(id);
  });

  it('prints the incident as JSON with --json, and rejects a bad severity', async () => {
    const r = await runCli(cli, ['incident', 'new', '--title', 'other', '--json'], env());
    const incident = Incident.parse(JSON.parse(r.stdout));
    expect(incident).toMatchObject({ title: 'other', severity: 'SEV3', commander: 'cli-user', eventCount: 1 });
    const bad = await runCli(cli, ['incident', 'new', '--title', 'x', '--severity', 'SEV9'], env());
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/SEV1, SEV2, SEV3, SEV4/);
    // back to the first one for the rest of the tests
    await new IncidentStore(home).setActive(id);
  });

  it('logs a note to the active incident and prints its seq once durable', async () => {
    const r = await runCli(cli, ['log', 'web-3', 'disk', 'is', 'full'], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2\n');
    const { events } = await new IncidentStore(home).read(id);
    expect(events[1]).toMatchObject({ seq: 2, type: 'note', actor: 'cli-user', data: { text: 'web-3 disk is full' } });
  });

  it('logs one note per stdin line with -, printing each seq, while the app sees them live', async () => {
    const app = await IncidentService.open({ dataDir: home, actor: 'app', pollMs: 20, exporter: incidentExporter });
    try {
      const seen: string[] = [];
      app.onEvent((e) => seen.push(String(e.data.text)));
      const lines = Array.from({ length: 50 }, (_, i) => `ERROR line ${i}`);
      const r = await runCli(cli, ['log', '--incident', id, '-'], env(), `${lines.join('\n')}\n\n`);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(lines.map((_, i) => `${i + 3}\n`).join(''));
      await expect.poll(() => seen.length, { timeout: 5000 }).toBe(50);
      expect(seen).toEqual(lines);
      const mine = await app.note('from the window');
      expect(mine.seq).toBe(53);
    } finally {
      await app.close();
    }
  });

  it('verifies the chain: count and status, and the exit status says so', async () => {
    const ok = await runCli(cli, ['verify', id], env());
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`^${id}: 53 events, chain OK \\(head [0-9a-f]{64}\\)\\n$`));
    const json = await runCli(cli, ['verify', id, '--json'], env());
    expect(JSON.parse(json.stdout)).toMatchObject({ id, ok: true, count: 53 });
    const missing = await runCli(cli, ['verify', 'no-such-incident'], env());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no incident no-such-incident/);
  });

  it('exports Markdown and JSON, to a chosen file or the incident folder', async () => {
    const out = path.join(dir, 'writeup.md');
    const md = await runCli(cli, ['export', id, '--format', 'md', '--out', out], env());
    expect(md.code).toBe(0);
    expect(md.stdout.trim()).toBe(out);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('Checkout 502s');
    expect(text).toContain('web-3 disk is full');
    const json = await runCli(cli, ['export', id, '--format', 'json'], env());
    expect(json.code).toBe(0);
    const file = json.stdout.trim();
    expect(file).toBe(path.join(home, 'incidents', id, 'exports', `${id}.json`));
    const doc = parseIncidentExport(readFileSync(file, 'utf8'));
    expect(doc.events).toHaveLength(53); // the md export before it was not journalled
    expect(doc.events.some((e) => e.type === 'export')).toBe(false);
    const checked = await runCli(cli, ['verify', '--export', file], env());
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(new RegExp(`^${file}: 53 events, chain OK`));
    const bad = await runCli(cli, ['export', id, '--format', 'docx'], env());
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/md, html, pdf, json/);
  });

  it('reports a tampered journal with the line, exit status 2, and changes nothing', async () => {
    const file = new IncidentStore(home).journalFile(id);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = (lines[1] as string).replace('disk is full', 'disk is fine');
    writeFileSync(file, lines.join('\n'));
    const before = readFileSync(file);
    const r = await runCli(cli, ['verify', id], env());
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/chain BROKEN: 1 events verify, then .*journal\.jsonl:2: hash of seq 2 does not match/);
    const all = await runCli(cli, ['verify', '--all'], env());
    expect(all.code).toBe(2);
    expect(all.stdout).toMatch(new RegExp(`^${id}: chain BROKEN`, 'm'));
    expect(all.stdout).toMatch(/: 1 events, chain OK/);
    const log = await runCli(cli, ['log', '--incident', id, 'more'], env());
    expect(log.code).toBe(1);
    expect(log.stderr).toMatch(/journal\.jsonl:2: .*left untouched/);
    expect(readFileSync(file)).toEqual(before);
  });
});
