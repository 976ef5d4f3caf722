/** #4 on real journals: status, severity, roles and handoffs, milestones, markers, pins, edits, redactions, attachments. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { IncidentService } from '../../../electron/incident/service';
import { Journal } from '../../../electron/journal/journal';
import { verifyJournal } from '../../../electron/journal/verify';
import { UserError } from '../../../electron/core/errors';
import { IncidentDetails } from '../../../shared/model/incident';
import { tempDir } from '../journal/helpers';
import { incidentExporter } from '../../../electron/export/incident-exporter';

let dataDir: string;
let cleanup: () => void;
let s: IncidentService;
beforeEach(async () => {
  ({ dir: dataDir, cleanup } = tempDir('warroom-lifecycle-'));
  s = await IncidentService.open({ dataDir, actor: 'alice', pollMs: 20, exporter: incidentExporter });
});
afterEach(async () => {
  await s.close();
  cleanup();
});

describe('incident lifecycle', () => {
  it('moves status forward, reopens a resolved incident, and changes severity, all on the timeline', async () => {
    const incident = await s.declare({ title: 'API errors', severity: 'SEV3' });
    const changes: string[] = [];
    s.onIncidentChanged((i) => changes.push(`${i?.status}/${i?.severity}`));
    await s.setStatus('identified', 'bad deploy');
    await s.setSeverity('SEV1', 'customers affected');
    await s.setStatus('monitoring');
    await s.setStatus('resolved');
    await expect(s.setStatus('resolved')).rejects.toBeInstanceOf(UserError);
    await s.setStatus('investigating', 'errors are back');
    expect(s.active().incident).toMatchObject({ id: incident.id, status: 'investigating', severity: 'SEV1' });
    expect(changes).toEqual(['identified/SEV3', 'identified/SEV1', 'monitoring/SEV1', 'resolved/SEV1', 'investigating/SEV1']);
    const d = s.details();
    expect(d?.statusChanges.map((c) => `${c.from}>${c.to}`)).toEqual(['investigating>identified', 'identified>monitoring', 'monitoring>resolved', 'resolved>investigating']);
    expect(d?.statusChanges[0]?.reason).toBe('bad deploy');
  });

  it('records role handoffs from whom to whom, and keeps several SMEs', async () => {
    await s.declare({ title: 'roles', severity: 'SEV2' });
    await s.assignRole('scribe', 'carol');
    await s.assignRole('commander', 'bob');
    await s.assignRole('sme', 'dave');
    await s.assignRole('sme', 'erin');
    await expect(s.assignRole('sme', 'dave')).rejects.toThrow(/already holds/);
    await s.releaseRole('sme', 'dave');
    await expect(s.releaseRole('commander', 'bob')).rejects.toThrow(/handed over/);
    const d = s.details();
    expect(d?.roles).toMatchObject({ commander: ['bob'], scribe: ['carol'], sme: ['erin'], deputy: [] });
    expect(d?.handoffs.map((h) => `${h.role}:${h.from ?? '-'}>${h.to}`)).toEqual(['commander:->alice', 'scribe:->carol', 'commander:alice>bob', 'sme:->dave', 'sme:->erin']);
    expect(s.active().incident?.commander).toBe('bob');
  });

  it('checks milestone order, derives the clocks, and shows an error for a resolution before detection', async () => {
    const incident = await s.declare({ title: 'clocks', severity: 'SEV2' });
    const t0 = Date.parse(incident.startedAt);
    const iso = (ms: number) => new Date(t0 + ms).toISOString();
    await s.setMilestone('detected', iso(60_000));
    await s.setMilestone('acknowledged', iso(90_000));
    await s.setMilestone('mitigated', iso(600_000));
    expect(s.details()?.clocks).toEqual({ timeToDetectMs: 60_000, timeToAcknowledgeMs: 30_000, timeToMitigateMs: 600_000 });
    expect(s.details()?.milestoneProblems).toEqual([]);
    await s.setMilestone('resolved', iso(30_000));
    const problems = s.details()?.milestoneProblems ?? [];
    expect(problems.some((p) => p.startsWith(`resolved (${iso(30_000)}) is before detected (${iso(60_000)})`))).toBe(true);
    await expect(s.setMilestone('resolved', 'yesterday')).rejects.toThrow(/not UTC ISO-8601/);
  });

  it('suggests milestones from activity; confirming or dismissing one removes it', async () => {
    await s.declare({ title: 'suggest', severity: 'SEV2' });
    const first = await s.record({ type: 'command.broadcast', actor: 'alice', data: { line: 'tail -n 50 /var/log/nginx/error.log', hosts: ['web-1', 'web-2'] } });
    const restart = await s.record({ type: 'command.broadcast', actor: 'alice', data: { line: 'sudo systemctl restart nginx', hosts: ['web-1'] } });
    const status = await s.setStatus('identified');
    const suggestions = s.details()?.suggestions ?? [];
    expect(suggestions.map((x) => `${x.milestone}@${x.suggestedBy}`)).toEqual([`acknowledged@${first?.seq}`, `identified@${status.seq}`, `mitigated@${restart?.seq}`]);
    await s.setMilestone('acknowledged', first?.ts, first?.seq);
    await s.dismissSuggestion('mitigated', restart?.seq as number);
    expect(s.details()?.suggestions.map((x) => x.milestone)).toEqual(['identified']);
    expect(s.details()?.milestones.find((m) => m.milestone === 'acknowledged')).toMatchObject({ at: first?.ts, suggestedBy: first?.seq });
  });

  it('marks, pins, edits and redacts by pointing at events; the originals stay in the journal', async () => {
    const incident = await s.declare({ title: 'evidence', severity: 'SEV3' });
    const n = await s.note('db-1 replication lag 300s');
    await s.mark(n.seq, 'detection');
    await s.mark(n.seq, 'key-moment');
    await s.mark(n.seq, 'key-moment', false);
    await s.pin(n.seq);
    await s.edit(n.seq, 'db-1 replication lag 30s', 'typo');
    const secret = await s.note('password is hunter2');
    await s.redact(secret.seq, 'credential pasted by mistake');
    await expect(s.edit(1, 'x')).rejects.toThrow(/only notes can be edited/);
    await expect(s.pin(999)).rejects.toThrow(/no event #999/);
    await expect(s.redact(secret.seq, 'again')).rejects.toThrow(/already redacted/);
    const d = IncidentDetails.parse(s.details());
    expect(d.markers).toEqual([{ seq: n.seq, markers: ['detection'] }]);
    expect(d.pinned).toEqual([n.seq]);
    expect(d.edits).toMatchObject([{ ref: n.seq, text: 'db-1 replication lag 30s', reason: 'typo', actor: 'alice' }]);
    expect(d.redactions).toMatchObject([{ ref: secret.seq, reason: 'credential pasted by mistake' }]);
    // The journal still holds both originals, and the chain verifies.
    const file = s.store.journalFile(incident.id);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('db-1 replication lag 300s');
    expect(text).toContain('hunter2');
    expect((await verifyJournal(file)).ok).toBe(true);
  });

  it('copies attachments into the incident folder and records name, size and sha256', async () => {
    const incident = await s.declare({ title: 'attach', severity: 'SEV4' });
    const src = path.join(dataDir, 'graph of <latency>.png');
    writeFileSync(src, Buffer.from('not really a png'));
    const e = await s.attach(src, { caption: 'p99 latency', ref: 1 });
    const again = await s.attach(src);
    expect(e.data).toMatchObject({ name: 'graph of <latency>.png', file: 'attachments/graph_of_latency_.png', bytes: 16, caption: 'p99 latency', ref: 1 });
    expect(again.data.file).toBe('attachments/2-graph_of_latency_.png');
    const copied = readFileSync(path.join(s.store.dir(incident.id), e.data.file as string));
    expect(createHash('sha256').update(copied).digest('hex')).toBe(e.data.sha256);
    await expect(s.attach(path.join(dataDir, 'missing.png'))).rejects.toThrow(/no such file/);
  });

  it('checks against what other processes recorded before acting', async () => {
    const incident = await s.declare({ title: 'race', severity: 'SEV3' });
    const other = await Journal.open(s.store.journalFile(incident.id));
    await other.append({ type: 'incident.status', actor: 'bob', data: { from: 'investigating', to: 'resolved' } });
    await other.close();
    // Without catching up first, this would record a second "investigating → resolved".
    await expect(s.setStatus('resolved')).rejects.toThrow(/already resolved/);
  });
});
