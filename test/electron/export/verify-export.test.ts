import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { Journal } from '../../../electron/journal/journal';
import { foldIncident } from '../../../electron/incident/fold';
import { renderJson } from '../../../electron/export/json';
import { verifyExport } from '../../../electron/export/verify-export';
import { tempDir } from '../journal/helpers';

async function exported(redact = false): Promise<string> {
  const { dir, cleanup } = tempDir();
  try {
    const j = await Journal.open(path.join(dir, 'journal.jsonl'), { create: true });
    await j.append({ type: 'incident.declared', actor: 'a', data: { id: 'INC-9', title: 't', severity: 'SEV2', commander: 'a' } });
    await j.append({ type: 'note', actor: 'a', data: { text: 'secret=1' } });
    await j.append(redact ? { type: 'event.redacted', actor: 'a', data: { ref: 2, reason: 'secret' } } : { type: 'note', actor: 'a', data: { text: 'nothing redacted' } });
    await j.append({ type: 'note', actor: 'a', data: { text: 'after' } });
    await j.close();
    const incident = foldIncident(j.events);
    if (!incident) throw new Error('no incident');
    return renderJson(incident, j.events);
  } finally {
    cleanup();
  }
}

describe('verify-export', () => {
  it('re-verifies the chain of an export on its own', async () => {
    expect(verifyExport(await exported())).toMatchObject({ ok: true, count: 4, unchecked: [] });
  });

  it('still checks the linkage of a redacted export, and says what it could not check', async () => {
    expect(verifyExport(await exported(true))).toMatchObject({ ok: true, count: 4, unchecked: [2] });
  });

  it('finds an altered event, a removed event and a wrong head', async () => {
    const doc = JSON.parse(await exported()) as { events: Array<{ data: Record<string, unknown> }>; chain: { head: string } };
    const altered = structuredClone(doc);
    (altered.events[3] as { data: Record<string, unknown> }).data.text = 'changed';
    expect(verifyExport(JSON.stringify(altered))).toMatchObject({ ok: false, count: 3, error: 'event #4: hash does not match its content: the event was altered' });
    const removed = structuredClone(doc);
    removed.events.splice(1, 1);
    expect(verifyExport(JSON.stringify(removed)).error).toMatch(/event #3: expected seq 2/);
    const head = structuredClone(doc);
    head.chain.head = 'f'.repeat(64);
    expect(verifyExport(JSON.stringify(head)).error).toBe('the last hash is not the stated head');
    expect(verifyExport('{"x":1}').error).toMatch(/^not a Warroom incident export/);
  });
});
