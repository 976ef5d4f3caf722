import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { IncidentService } from '../../../electron/incident/service';
import { IncidentStore } from '../../../electron/incident/store';
import { listIncidents, formatDuration } from '../../../electron/incident/list';
import { searchIncidents } from '../../../electron/incident/search';
import { tempDir } from '../journal/helpers';
import { incidentExporter } from '../../../electron/export/incident-exporter';

let dataDir: string;
let cleanup: () => void;
let s: IncidentService;
beforeEach(async () => {
  ({ dir: dataDir, cleanup } = tempDir('warroom-search-'));
  s = await IncidentService.open({ dataDir, actor: 'alice', pollMs: 20, exporter: incidentExporter });
});
afterEach(async () => {
  await s.close();
  cleanup();
});

describe('incident list and search', () => {
  it('lists every incident with status, severity, dates and duration; a damaged one shows its error', async () => {
    const first = await s.declare({ title: 'Primary DB down', severity: 'SEV1' });
    await s.setStatus('resolved');
    const second = await s.declare({ title: 'Slow search', severity: 'SEV3' });
    const third = await s.declare({ title: 'Broken', severity: 'SEV4' });
    await s.note('x');
    const store = new IncidentStore(dataDir);
    writeFileSync(store.journalFile(third.id), '{"seq":1,"broken\n{"seq":2}\n');

    const list = await listIncidents(store);
    expect(list).toHaveLength(3);
    const byId = new Map(list.map((i) => [i.id, i]));
    expect(byId.get(first.id)).toMatchObject({ title: 'Primary DB down', severity: 'SEV1', status: 'resolved', active: false, eventCount: 2 });
    expect(byId.get(first.id)?.resolvedAt).toBeDefined();
    expect(byId.get(first.id)?.durationMs).toBeGreaterThanOrEqual(0);
    expect(byId.get(second.id)).toMatchObject({ status: 'investigating', active: false });
    expect(byId.get(second.id)?.resolvedAt).toBeUndefined();
    expect(byId.get(third.id)).toMatchObject({ active: true, eventCount: 0 });
    expect(byId.get(third.id)?.error).toMatch(/journal\.jsonl:1: not valid JSON/);
  });

  it('finds who last ran a command, where, with exit codes; titles and notes too; never redacted text', async () => {
    const a = await s.declare({ title: 'Replica promotion', severity: 'SEV2' });
    await s.record({ type: 'command.broadcast', actor: 'alice', data: { line: 'sudo -u postgres pg_ctl promote -D /var/lib/pg', hosts: ['db-2'] } });
    const b = await s.declare({ title: 'Failover drill', severity: 'SEV4' });
    await s.record({ type: 'command.run', actor: 'bob', data: { line: 'pg_ctl promote', results: [{ host: 'db-3', exitCode: 0 }, { host: 'db-4', exitCode: 1 }] } });
    const n = await s.note('promote went fine on DB-3');
    const secret = await s.note('pg_ctl promote password=hunter2');
    await s.redact(secret.seq, 'credential');
    await s.edit(n.seq, 'promote failed on db-4');

    const { hits } = await searchIncidents(new IncidentStore(dataDir), 'PG_CTL promote');
    expect(hits.map((h) => `${h.incidentId}#${h.seq}:${h.kind}`)).toEqual([`${b.id}#2:command`, `${a.id}#2:command`]);
    expect(hits[0]).toMatchObject({ actor: 'bob', hosts: ['db-3', 'db-4'], exitCodes: { 'db-3': 0, 'db-4': 1 } });
    expect(hits[1]).toMatchObject({ actor: 'alice', hosts: ['db-2'] });

    const byHost = await searchIncidents(new IncidentStore(dataDir), 'db-4');
    expect(byHost.hits.map((h) => h.kind)).toEqual(['note', 'host']);
    expect(byHost.hits[0]?.text).toBe('promote failed on db-4');
    expect((await searchIncidents(new IncidentStore(dataDir), 'drill')).hits.map((h) => h.kind)).toEqual(['title']);
    expect((await searchIncidents(new IncidentStore(dataDir), 'hunter2')).hits).toEqual([]);
    expect((await searchIncidents(new IncidentStore(dataDir), 'promote', { limit: 1 })).hits).toHaveLength(1);
  });

  it('is offered by the service, which can also switch the active incident', async () => {
    const a = await s.declare({ title: 'Alpha', severity: 'SEV2' });
    const b = await s.declare({ title: 'Beta', severity: 'SEV3' });
    expect((await s.list()).map((i) => [i.id, i.active])).toEqual([[b.id, true], [a.id, false]]);
    expect((await s.activate(a.id)).title).toBe('Alpha');
    expect(s.active().incident?.id).toBe(a.id);
    await s.note('back on alpha');
    expect((await s.search('back on')).hits.map((h) => h.incidentId)).toEqual([a.id]);
    await expect(s.activate('nope')).rejects.toThrow(/no incident nope/);
  });

  it('formats durations for people', () => {
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(750_000)).toBe('12m 30s');
    expect(formatDuration(3 * 3600_000 + 5 * 60_000)).toBe('3h 05m 00s');
    expect(formatDuration(26 * 3600_000)).toBe('1d 02h 00m');
  });
});
