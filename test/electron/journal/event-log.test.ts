/**
 * Opening from a checkpoint parses lines only when they are read (event-log.ts), on real files:
 * the incident, its state and its details folded from only the event types they read equal the
 * folds over every event; slices and lookups equal the fully parsed journal; the background
 * verification hands its parsed events over; a line a forged checkpoint vouched for that is not
 * JSON is reported with file and line when read; a line reformatted by hand is still found by type.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Journal } from '../../../electron/journal/journal';
import { checkpointFile, Checkpoint } from '../../../electron/journal/checkpoint';
import { rawType } from '../../../electron/journal/event-log';
import { EMPTY_HEAD, scanJournal } from '../../../electron/journal/scan';
import { eventHash } from '../../../electron/journal/canonical';
import { IncidentService } from '../../../electron/incident/service';
import { IncidentStore } from '../../../electron/incident/store';
import { incidentExporter } from '../../../electron/export/incident-exporter';
import { INCIDENT_TYPES, foldIncident, foldIncidentOf } from '../../../electron/incident/fold';
import { STATE_TYPES, foldState } from '../../../electron/incident/state';
import { toDetails } from '../../../electron/incident/details';
import type { JournalEvent } from '../../../shared/model/incident';
import { note, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('warroom-event-log-'));
});
afterEach(() => cleanup());

/** Every event of a journal file, each line parsed and verified: the reference the lazy log must equal. */
function allEvents(file: string): JournalEvent[] {
  return scanJournal(readFileSync(file), file, EMPTY_HEAD).events;
}

/** Opens and closes a journal so a checkpoint stands at its last event (open verified everything). */
async function checkpointAtEnd(file: string): Promise<void> {
  const j = await Journal.open(file, { checkpointEvery: 1 });
  await j.close();
  const cp = Checkpoint.parse(JSON.parse(readFileSync(checkpointFile(file), 'utf8')));
  expect(cp.seq).toBe(allEvents(file).length);
}

/** An incident with every kind of event the incident, its state and its suggestions fold, among notes. */
async function richIncident(): Promise<{ id: string; file: string }> {
  const dataDir = path.join(dir, 'home');
  const s = await IncidentService.open({ dataDir, actor: 'alice', exporter: incidentExporter, pollMs: 20 });
  try {
    const incident = await s.declare({ title: 'Checkout 502s', severity: 'SEV2' });
    const filler = async (n: number) => {
      for (let i = 0; i < n; i++) await s.note(`filler ${i}`);
    };
    await filler(5);
    const broadcast = await s.record({ type: 'command.broadcast', actor: 'alice', data: { line: 'systemctl status nginx', hosts: ['web-1', 'web-2'] } });
    await s.record({ type: 'command.run', actor: 'alice', data: { line: 'systemctl restart nginx', results: [{ host: 'web-2', exitCode: 0 }] } });
    await filler(5);
    const seen = await s.note('web-2 nginx failed');
    await s.mark(seen.seq, 'detection');
    await s.pin(seen.seq);
    await s.edit(seen.seq, 'web-2: nginx failed after the deploy', 'clearer');
    const secret = await s.note('password is hunter2');
    await s.redact(secret.seq, 'a secret');
    await s.setStatus('identified');
    await s.setSeverity('SEV1', 'checkout down');
    await s.rename('Checkout 502s on web-2');
    await s.assignRole('scribe', 'carol');
    await s.assignRole('sme', 'dave');
    await s.releaseRole('sme', 'dave');
    await s.assignRole('commander', 'bob');
    await s.setMilestone('acknowledged', undefined, broadcast?.seq);
    await s.dismissSuggestion('mitigated', broadcast!.seq + 1);
    const evidence = path.join(dir, 'nginx.log');
    writeFileSync(evidence, 'upstream timed out\n');
    await s.attach(evidence, { caption: 'nginx log', ref: seen.seq });
    await filler(5);
    return { id: incident.id, file: new IncidentStore(dataDir).journalFile(incident.id) };
  } finally {
    await s.close();
  }
}

describe('a journal opened from a checkpoint reads lines when asked', () => {
  it('folds the incident, its state and its details from their event types alone, equal to folding every event', async () => {
    const { id, file } = await richIncident();
    await checkpointAtEnd(file);
    const all = allEvents(file);
    const types = new Set(all.map((e) => e.type));
    for (const t of ['incident.status', 'incident.severity', 'incident.title', 'role.assigned', 'role.released', 'milestone', 'milestone.dismissed', 'marker', 'pin', 'event.edited', 'event.redacted', 'attachment', 'command.broadcast', 'command.run']) {
      expect(types, t).toContain(t);
    }

    const j = await Journal.open(file, { checkpointEvery: 0 });
    try {
      expect(j.trustedSeq).toBe(all.length);
      expect(j.count).toBe(all.length);
      expect(foldIncidentOf(j.ofTypes(INCIDENT_TYPES), j.count)).toEqual(foldIncident(all));
      expect(foldIncident(all)?.id).toBe(id);
      expect(foldState(j.ofTypes(STATE_TYPES))).toEqual(foldState(all));
      expect(j.ofTypes(new Set(['role.released']))).toEqual(all.filter((e) => e.type === 'role.released'));
      expect(j.slice(all.length - 7)).toEqual(all.slice(-7));
      expect(j.slice(3, 9)).toEqual(all.slice(3, 9));
      // Asked for every event, it parses the rest and gives the whole journal.
      expect(j.events).toEqual(all);
    } finally {
      await j.close();
    }

    // The app's path: the service adopts it from the checkpoint; its details equal the full fold's.
    const s = await IncidentService.open({ dataDir: path.join(dir, 'home'), actor: 'alice', exporter: incidentExporter, pollMs: 20 });
    try {
      expect(s.activeIncident()).toEqual(foldIncident(all));
      const details = s.details();
      expect(details).toEqual(toDetails(foldState(all), all));
      expect(details?.suggestions.map((x) => x.milestone)).toContain('detected');
      const page = s.active(4);
      expect(page.total).toBe(all.length);
      expect(page.events).toEqual(all.slice(-4));
      expect(s.timelinePage(id, 10, 3)).toEqual(all.slice(6, 9));
      expect(s.timelinePage(id, 1, 3)).toEqual([]);
      expect(s.timelinePage(id, all.length + 50, 2)).toEqual(all.slice(-2));
    } finally {
      await s.close();
    }
  });

  it('takes the background verification’s events, keeping those already read', async () => {
    const file = path.join(dir, 'inc', 'journal.jsonl');
    const j0 = await Journal.open(file, { create: true, checkpointEvery: 0 });
    await j0.appendMany(Array.from({ length: 3000 }, (_, i) => note(`note ${i + 1}`)));
    await j0.close();
    await checkpointAtEnd(file);
    const all = allEvents(file);

    const j = await Journal.open(file, { checkpointEvery: 0 });
    try {
      const early = j.slice(2500, 2501)[0];
      expect(await j.verifyBehind()).toMatchObject({ ok: true, count: 3000 });
      expect(j.events).toEqual(all);
      // The event read before the verification is the same object afterwards.
      expect(j.events[2500]).toBe(early);
      const appended = await j.append(note('after'));
      expect(j.count).toBe(3001);
      expect(j.events.at(-1)).toEqual(appended);
    } finally {
      await j.close();
    }
  });

  it('reports a line a forged checkpoint vouched for that is not JSON, with file and line, when it is read', async () => {
    const file = path.join(dir, 'inc', 'journal.jsonl');
    const j0 = await Journal.open(file, { create: true, checkpointEvery: 0 });
    await j0.appendMany(Array.from({ length: 40 }, (_, i) => note(`note ${i + 1}`)));
    await j0.close();
    await checkpointAtEnd(file);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[9] = 'x'.repeat((lines[9] as string).length);
    writeFileSync(file, lines.join('\n'));
    const cp = Checkpoint.parse(JSON.parse(readFileSync(checkpointFile(file), 'utf8')));
    writeFileSync(checkpointFile(file), JSON.stringify({ ...cp, digest: createHash('sha256').update(readFileSync(file).subarray(0, cp.offset)).digest('hex') }));

    const j = await Journal.open(file, { checkpointEvery: 0 });
    try {
      expect(j.trustedSeq).toBe(40);
      expect(j.slice(30)).toHaveLength(10);
      expect(() => j.slice(9, 10)).toThrow(`${file}:10: not valid JSON`);
      expect(() => j.events).toThrow(`${file}:10: not valid JSON`);
      const behind = await j.verifyBehind();
      expect(behind.ok).toBe(false);
      expect(behind.error).toContain(`${file}:10: not valid JSON`);
    } finally {
      await j.close();
    }
  });

  it('finds a line reformatted by hand (other key order and spacing) by its type', async () => {
    const file = path.join(dir, 'inc', 'journal.jsonl');
    const j0 = await Journal.open(file, { create: true, checkpointEvery: 0 });
    await j0.appendMany(Array.from({ length: 20 }, (_, i) => note(`note ${i + 1}`)));
    await j0.close();
    // Line 21 written by another tool: same event, keys in another order, with spaces; it still chains.
    const prev = allEvents(file).at(-1)!.hash;
    const fields = { seq: 21, ts: '2026-11-30T10:00:00.000Z', type: 'incident.status', actor: 'bob', data: { from: 'investigating', to: 'identified' } };
    const hash = eventHash(prev, fields);
    writeFileSync(file, `${readFileSync(file, 'utf8')}${JSON.stringify({ type: fields.type, seq: 21, actor: 'bob', ts: fields.ts, data: fields.data, prev, hash }, null, 1).replace(/\n/g, '')}\n`);
    const buf = readFileSync(file);
    const lastStart = buf.lastIndexOf(0x0a, buf.length - 2) + 1;
    expect(rawType(buf, lastStart)).toBeUndefined();
    expect(rawType(buf, 0)).toBe('note');
    await checkpointAtEnd(file);

    const j = await Journal.open(file, { checkpointEvery: 0 });
    try {
      expect(j.trustedSeq).toBe(21);
      expect(j.ofTypes(new Set(['incident.status']))).toMatchObject([{ seq: 21, actor: 'bob', data: { to: 'identified' } }]);
    } finally {
      await j.close();
    }
  });
});
