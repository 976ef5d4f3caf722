import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { IncidentService } from '../../../electron/incident/service';
import { IncidentStore } from '../../../electron/incident/store';
import { createIncident } from '../../../electron/incident/declare';
import { Journal } from '../../../electron/journal/journal';
import { verifyJournal } from '../../../electron/journal/verify';
import { UserError } from '../../../electron/core/errors';
import { activeIncidentFile } from '../../../electron/core/data-layout';
import type { Incident, JournalEvent } from '../../../shared/model/incident';
import { tempDir } from '../journal/helpers';
import { incidentExporter } from '../../../electron/export/incident-exporter';

let dataDir: string;
let cleanup: () => void;
const open: IncidentService[] = [];
beforeEach(() => {
  ({ dir: dataDir, cleanup } = tempDir('warroom-incident-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  cleanup();
});

async function service(actor = 'alice'): Promise<IncidentService> {
  const s = await IncidentService.open({ dataDir, actor, pollMs: 20, exporter: incidentExporter });
  open.push(s);
  return s;
}

describe('IncidentService', () => {
  it('declares an incident: a durable journal in its own folder, made active, announced', async () => {
    const s = await service();
    const changes: Array<Incident | null> = [];
    const events: JournalEvent[] = [];
    s.onIncidentChanged((i) => changes.push(i));
    s.onEvent((e) => events.push(e));
    const incident = await s.declare({ title: 'Checkout 502s on web tier', severity: 'SEV2' });

    expect(incident).toMatchObject({ title: 'Checkout 502s on web tier', severity: 'SEV2', status: 'investigating', commander: 'alice', eventCount: 1 });
    expect(incident.id).toMatch(/^\d{8}-\d{6}-checkout-502s-on-web-tier-[0-9a-f]{4}$/);
    const file = path.join(dataDir, 'incidents', incident.id, 'journal.jsonl');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ seq: 1, type: 'incident.declared', actor: 'alice' });
    expect(readFileSync(activeIncidentFile(dataDir), 'utf8').trim()).toBe(incident.id);
    expect(changes.at(-1)?.id).toBe(incident.id);
    expect(s.active().incident?.id).toBe(incident.id);
    expect(s.active().events.map((e) => e.type)).toEqual(['incident.declared']);

    const n = await s.note('  web-3 disk is full  ');
    expect(n).toMatchObject({ seq: 2, type: 'note', data: { text: 'web-3 disk is full' } });
    expect(events.map((e) => e.seq)).toContain(2);
    expect(s.active().incident?.eventCount).toBe(2);
    // The header and the events without a copy, for callers that want only one of them.
    expect(s.activeIncident()).toEqual(s.active().incident);
    expect(s.activeEvents()).toEqual(s.active().events);
    expect(s.activeEvents()).toBe(s.activeEvents());
    expect(s.active().events).not.toBe(s.active().events);
  });

  it('holds what is recorded before any incident and writes it, with its own times, right after the declaration', async () => {
    const s = await service();
    const held = await s.record({ type: 'session.connected', actor: 'warroom', data: { alias: 'web-1', hostname: 'web-1.example' } });
    expect(held).toBeUndefined();
    await s.record({ type: 'command.broadcast', actor: 'alice', data: { line: 'df -h', hosts: ['web-1'] } });
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const incident = await s.declare({ title: 'disk', severity: 'SEV3' });
    const events = s.active().events;
    expect(events.map((e) => e.type)).toEqual(['incident.declared', 'session.connected', 'command.broadcast']);
    expect((events[1]?.ts ?? '') <= before).toBe(true);
    expect(incident.eventCount).toBe(3);
    expect(s.active().incident?.eventCount).toBe(3);
    const recorded = await s.record({ type: 'note', actor: 'alice', data: { text: 'now live' } });
    expect(recorded?.seq).toBe(4);
  });

  it('refuses notes, ticks and exports without an incident, as user errors', async () => {
    const s = await service();
    await expect(s.note('x')).rejects.toBeInstanceOf(UserError);
    await expect(s.tick('respond', 'scope', true)).rejects.toBeInstanceOf(UserError);
    await expect(s.exportMarkdown()).rejects.toBeInstanceOf(UserError);
    await s.declare({ title: 't', severity: 'SEV4' });
    await expect(s.note('   ')).rejects.toThrow(/empty/);
    await expect(s.tick('respond', 'no-such-item', true)).rejects.toThrow(/unknown checklist item respond\/no-such-item/);
  });

  it('records checklist ticks with the item label from the built-in checklist', async () => {
    const s = await service();
    await s.declare({ title: 't', severity: 'SEV4' });
    const e = await s.tick('respond', 'scope', true);
    expect(e.data).toEqual({ checklist: 'respond', itemId: 'scope', label: 'Establish the blast radius: which hosts and services are affected', done: true });
  });

  it('exports Markdown into the incident folder without journalling the export', async () => {
    const s = await service();
    const incident = await s.declare({ title: 'Checkout down', severity: 'SEV1' });
    await s.record({ type: 'command.broadcast', actor: 'alice', data: { line: 'systemctl restart nginx', hosts: ['web-1', 'web-2'] } });
    const { markdown, path: file } = await s.exportMarkdown();
    expect(file).toBe(path.join(dataDir, 'incidents', incident.id, 'exports', `${incident.id}.md`));
    expect(readFileSync(file, 'utf8')).toBe(markdown);
    expect(markdown).toContain('Checkout down');
    expect(markdown).toContain('systemctl restart nginx');
    // Exporting is reading: the journal head the export records stays the head.
    expect(s.active().events.at(-1)?.type).toBe('command.broadcast');
    expect(markdown).toContain('### Recordings\n\n_None._');

    // Recordings in the incident folder are listed and linked.
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(path.join(dataDir, 'incidents', incident.id, 'recordings'));
    writeFileSync(path.join(dataDir, 'incidents', incident.id, 'recordings', 'web-1.cast'), '{"version": 2}\n');
    const again = await s.exportMarkdown();
    expect(again.markdown).toContain('- [web-1.cast](<../recordings/web-1.cast>) (15 bytes, not sealed (still recording, or the app stopped abruptly))');
  });

  it('reopens the active incident after a restart, and shows events appended by another process', async () => {
    const first = await service();
    const incident = await first.declare({ title: 'restart me', severity: 'SEV3' });
    await first.note('before restart');
    await first.close();
    open.splice(open.indexOf(first), 1);

    const s = await service('bob');
    expect(s.active().incident?.id).toBe(incident.id);
    expect(s.active().events).toHaveLength(2);
    const seen: string[] = [];
    s.onEvent((e) => seen.push(`${e.seq}:${e.actor}`));
    // `warroom log` in another terminal is another writer on the same file.
    const other = await Journal.open(new IncidentStore(dataDir).journalFile(incident.id));
    await other.append({ type: 'note', actor: 'carol', data: { text: 'from the CLI' } });
    await other.close();
    await expect.poll(() => seen, { timeout: 5000 }).toEqual(['3:carol']);
    const mine = await s.note('after');
    expect(mine.seq).toBe(4);
    expect(await verifyJournal(other.file)).toMatchObject({ ok: true, count: 4 });
  });

  it('follows the active incident when another process declares a new one', async () => {
    const s = await service();
    await s.declare({ title: 'first', severity: 'SEV3' });
    const changes: Array<string | undefined> = [];
    s.onIncidentChanged((i) => changes.push(i?.id));
    const store = new IncidentStore(dataDir);
    const { incident, journal } = await createIncident(store, { title: 'second', severity: 'SEV2', actor: 'cli' });
    await journal.close();
    await store.setActive(incident.id);
    await expect.poll(() => s.active().incident?.id, { timeout: 5000 }).toBe(incident.id);
    expect(changes).toEqual([incident.id]);
    expect((await store.ids()).length).toBe(2);
  });

  it('starts with a warning, not a crash, when the active journal is damaged', async () => {
    const s = await service();
    const incident = await s.declare({ title: 'damaged', severity: 'SEV3' });
    await s.note('one');
    await s.note('two');
    await s.close();
    open.splice(open.indexOf(s), 1);
    const file = new IncidentStore(dataDir).journalFile(incident.id);
    const { writeFileSync } = await import('node:fs');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = (lines[1] as string).replace('"one"', '"uno"');
    writeFileSync(file, lines.join('\n'));
    const again = await service();
    expect(again.active().incident).toBeNull();
    expect(again.warnings.join('\n')).toMatch(new RegExp(`${incident.id}.*journal\\.jsonl:2: hash of seq 2`));
    expect(existsSync(file)).toBe(true);
  });
});
