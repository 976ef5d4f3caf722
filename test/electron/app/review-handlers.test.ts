/** The window's `writeup.state` request, through dispatch (schemas apply) against a real incident service and journal. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IncidentService } from '../../../electron/incident/service';
import { incidentExporter } from '../../../electron/export/incident-exporter';
import { reviewHandlers } from '../../../electron/app/review-handlers';
import { dispatch, type Handlers } from '../../../electron/rpc/handlers';
import { tempDir } from '../journal/helpers';

let dir: string;
let cleanup: () => void;
let service: IncidentService;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('warroom-review-handlers-'));
  service = await IncidentService.open({ dataDir: path.join(dir, 'home'), actor: 'alice', exporter: incidentExporter, pollMs: 20 });
});
afterAll(async () => {
  await service.close();
  cleanup();
});

const call = async (actor: string, input: unknown) => {
  const reply = await dispatch(reviewHandlers({ incidents: service, actor }) as Partial<Handlers> as Handlers, 'writeup.state', input, { clientId: 'test' });
  return reply;
};

describe('writeup.state from the window', () => {
  it('moves the active incident’s write-up and refuses what the CLI refuses, with the reason', async () => {
    const incident = await service.declare({ title: 'Checkout 502s', severity: 'SEV2' });
    await service.record({ type: 'writeup.saved', actor: 'alice', data: { section: 'summary', text: 'Disk full.', base: null, origin: 'person' } });
    expect(await call('alice', { to: 'in-review' })).toMatchObject({ ok: true, value: { events: [{ type: 'writeup.state', actor: 'alice', data: { from: 'draft', to: 'in-review' } }] } });

    const journal = path.join(service.dataDir, 'incidents', incident.id, 'journal.jsonl');
    const before = readFileSync(journal);
    const self = await call('alice', { to: 'approved' });
    expect(self).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^alice cannot approve: they wrote part of the write-up/) } });
    expect(readFileSync(journal).equals(before)).toBe(true);
    expect(await call('bob', { to: 'shipped' })).toMatchObject({ ok: false });

    const approved = await call('bob', { to: 'approved' });
    expect(approved).toMatchObject({ ok: true, value: { events: [{ type: 'writeup.state' }, { type: 'writeup.approved', data: { approver: 'bob' } }] } });
    const published = await call('bob', { to: 'published' });
    expect(published).toMatchObject({ ok: true, value: { published: path.join(service.dataDir, 'incidents', incident.id, 'exports', `${incident.id}.published.md`) } });
  });
});
