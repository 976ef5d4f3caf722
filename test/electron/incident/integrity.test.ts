/**
 * The alarm behind a checkpoint-based open, on real files: the app's incident service reports
 * 'verifying' then 'verified' for an intact journal, and 'broken' (an incident.integrity report
 * naming file and line) when an event before the checkpoint was altered and the checkpoint forged
 * to match; the CLI shows what it read, then reports the break on stderr and exits 1.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IncidentService } from '../../../electron/incident/service';
import { IncidentStore } from '../../../electron/incident/store';
import { incidentExporter } from '../../../electron/export/incident-exporter';
import type { JournalIntegrity } from '../../../shared/model/incident';
import { tempDir } from '../journal/helpers';
import { runInProcess } from '../cli/cli';
import { tamperUnderCheckpoint, writeBigIncident } from './fixtures/big-incident';

let dataDir: string;
let cleanup: () => void;
const open: IncidentService[] = [];
beforeEach(() => {
  ({ dir: dataDir, cleanup } = tempDir('warroom-integrity-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  cleanup();
});

/** A service that activates `id` after subscribing, so no integrity report can go unheard. */
async function service(id: string): Promise<{ s: IncidentService; reports: JournalIntegrity[] }> {
  await new IncidentStore(dataDir).setActive(null);
  const s = await IncidentService.open({ dataDir, actor: 'alice', pollMs: 20, exporter: incidentExporter });
  open.push(s);
  const reports: JournalIntegrity[] = [];
  s.onIntegrity((i) => reports.push(i));
  await s.activate(id);
  return { s, reports };
}

async function settled(s: IncidentService): Promise<JournalIntegrity> {
  for (;;) {
    const i = s.integrity();
    if (i && i.state !== 'verifying') return i;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('journal integrity behind a checkpoint', () => {
  it('an intact journal opened from its checkpoint is verifying, then verified', async () => {
    const { id } = await writeBigIncident(dataDir, 300, 100);
    const { s, reports } = await service(id);
    expect(s.active().incident?.id).toBe(id);
    expect(s.active().events).toHaveLength(300);
    expect(await settled(s)).toEqual({ incidentId: id, state: 'verified' });
    // Opened from the checkpoint, so it said 'verifying' first and reported the outcome once.
    expect(reports).toEqual([{ incidentId: id, state: 'verified' }]);
    expect(s.active().integrity).toEqual({ incidentId: id, state: 'verified' });
  });

  it('an event altered before the checkpoint (checkpoint forged to match) raises the alarm, naming the line', async () => {
    const { id, file } = await writeBigIncident(dataDir, 300, 100);
    tamperUnderCheckpoint(file, 43);
    const { s, reports } = await service(id);
    // The open itself is fast and shows what is on disk ...
    expect(s.active().events).toHaveLength(300);
    // ... and the background verify finds the break.
    const broken = await settled(s);
    expect(broken.state).toBe('broken');
    expect(broken.incidentId).toBe(id);
    expect(broken.message).toContain(`${file}:43: hash of seq 43 does not match its content`);
    expect(reports).toEqual([broken]);
    expect(s.active().integrity).toEqual(broken);
    expect(s.warnings).toContain(broken.message);
  });

  it('the CLI reads from the checkpoint, then reports a break on stderr and exits 1; `warroom verify` still checks everything', async () => {
    const { id, file } = await writeBigIncident(dataDir, 300, 100);
    const env = { WARROOM_HOME: dataDir };
    const good = await runInProcess(['incident', 'show', id], env);
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('300 events');

    tamperUnderCheckpoint(file, 43);
    const shown = await runInProcess(['incident', 'show', id], env);
    expect(shown.stdout).toContain('300 events');
    expect(shown.stderr).toMatch(/ALARM: the journal was altered: .*journal\.jsonl:43: hash of seq 43 does not match its content/);
    expect(shown.code).toBe(1);

    const verified = await runInProcess(['verify', id], env);
    expect(verified.code).not.toBe(0);
    expect(verified.stdout + verified.stderr).toMatch(/journal\.jsonl:43/);
  });
});
