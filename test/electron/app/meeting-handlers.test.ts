/**
 * The window's `meeting.change` and `replay.casts` requests, through dispatch (schemas apply)
 * against a real incident service, journal and recording: refusals are the CLI's, and a replay is
 * bounded and validated at the boundary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IncidentService } from '../../../electron/incident/service';
import { incidentExporter } from '../../../electron/export/incident-exporter';
import { meetingHandlers } from '../../../electron/app/meeting-handlers';
import { Recorder } from '../../../electron/recording/asciicast';
import { recordingsDir } from '../../../electron/core/data-layout';
import { dispatch, type Handlers } from '../../../electron/rpc/handlers';
import { tempDir } from '../journal/helpers';

let dir: string;
let cleanup: () => void;
let service: IncidentService;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('warroom-meeting-handlers-'));
  service = await IncidentService.open({ dataDir: path.join(dir, 'home'), actor: 'alice', exporter: incidentExporter, pollMs: 20 });
});
afterAll(async () => {
  await service.close();
  cleanup();
});

const call = (name: 'meeting.change' | 'replay.casts', input: unknown, actor = 'alice') =>
  dispatch(meetingHandlers({ incidents: service, actor }) as Partial<Handlers> as Handlers, name, input, { clientId: 'test' });

describe('the meeting from the window', () => {
  it('refuses without an incident, then runs the meeting with the CLI’s checks', async () => {
    expect(await call('meeting.change', { kind: 'end' })).toMatchObject({ ok: false, error: { message: 'no active incident: declare one first' } });
    const incident = await service.declare({ title: 'Checkout 502s', severity: 'SEV2' });
    const journal = path.join(service.dataDir, 'incidents', incident.id, 'journal.jsonl');
    const before = readFileSync(journal);
    expect(await call('meeting.change', { kind: 'start', owner: 'bob' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('no attendees given and no meeting was scheduled') } });
    expect(await call('meeting.change', { kind: 'start', owner: '  ', attendees: ['alice'] })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('meeting.change', { kind: 'note', text: 'x', step: 'lunch' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('meeting.change', { kind: 'survey', blameless: 9, factors: 1, confidence: 1 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(readFileSync(journal).equals(before)).toBe(true);

    expect(await call('meeting.change', { kind: 'start', owner: 'bob', attendees: ['alice', 'bob'] })).toMatchObject({ ok: true, value: { type: 'postmortem.started', actor: 'alice' } });
    expect(await call('meeting.change', { kind: 'note', text: 'blameless, please', step: 'intro' }, 'bob')).toMatchObject({ ok: true, value: { type: 'postmortem.note', actor: 'bob', data: { step: 'intro' } } });
    expect(await call('meeting.change', { kind: 'step', from: 'intro' })).toMatchObject({ ok: true, value: { data: { from: 'intro', to: 'timeline' } } });
    // A second facilitator's click on the same "move on" moves nothing.
    expect(await call('meeting.change', { kind: 'step', from: 'intro' }, 'bob')).toMatchObject({ ok: false, error: { message: expect.stringContaining('someone moved on already') } });
    expect(await call('meeting.change', { kind: 'end' })).toMatchObject({ ok: true, value: { type: 'postmortem.ended', data: { step: 'timeline' } } });
    expect(await call('meeting.change', { kind: 'survey', blameless: 5, factors: 4, confidence: 3, comment: 'good' }, 'bob')).toMatchObject({ ok: true, value: { type: 'postmortem.survey', actor: 'bob' } });
  });

  it('serves the recordings around a moment, bounded, and refuses a span beyond the limit', async () => {
    const id = service.active().incident!.id;
    const start = Date.now();
    let now = start;
    const rec = new Recorder({ dir: () => recordingsDir(service.dataDir, id) }, () => now);
    rec.output('s1', 'web-02', 'sre@web-02:~$ ');
    now += 2000;
    rec.output('s1', 'web-02', 'Active: failed\r\n');
    await rec.close();
    const at = new Date(start + 1000).toISOString();
    const reply = await call('replay.casts', { at, beforeMs: 500, afterMs: 5000 });
    expect(reply).toMatchObject({ ok: true, value: { casts: [{ alias: 'web-02', seal: 'open', prelude: 'sre@web-02:~$ ', frames: [[1500, 'o', 'Active: failed\r\n']] }] } });
    expect(await call('replay.casts', { at, beforeMs: 0, afterMs: 10 * 3_600_000 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('replay.casts', { at: 'yesterday', beforeMs: 0, afterMs: 10 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
