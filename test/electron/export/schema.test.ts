/**
 * The published JSON export schema is generated from the zod definition; this test keeps the
 * committed file in step (regenerate with WARROOM_WRITE_SCHEMA=1) and checks a real export against
 * the published file with a JSON Schema validator, as an outside reader would.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import Ajv2020 from 'ajv/dist/2020';
import { IncidentExport, INCIDENT_EXPORT_VERSION } from '../../../shared/schema/incidentExport';
import { renderJson, parseIncidentExport } from '../../../electron/export/json';
import { Journal } from '../../../electron/journal/journal';
import { foldIncident } from '../../../electron/incident/fold';
import { tempDir } from '../journal/helpers';

const published = path.resolve(__dirname, `../../../shared/schema/incident-export.v${INCIDENT_EXPORT_VERSION}.schema.json`);

function generated(): string {
  const schema = {
    ...z.toJSONSchema(IncidentExport),
    $id: `https://warroom.invalid/schema/incident-export.v${INCIDENT_EXPORT_VERSION}.schema.json`,
    title: `Warroom incident export, version ${INCIDENT_EXPORT_VERSION}`,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

describe('incident export schema', () => {
  it('is published, and matches the zod definition', () => {
    if (process.env.WARROOM_WRITE_SCHEMA === '1') writeFileSync(published, generated());
    expect(readFileSync(published, 'utf8'), 'regenerate with WARROOM_WRITE_SCHEMA=1 npx vitest run test/electron/export/schema.test.ts').toBe(generated());
  });

  it('validates a real export of a real journal', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const journal = await Journal.open(path.join(dir, 'journal.jsonl'), { create: true });
      await journal.append({ type: 'incident.declared', actor: 'a', data: { id: 'INC-1', title: 'x', severity: 'SEV2', commander: 'a' } });
      await journal.append({ type: 'command.broadcast', actor: 'a', data: { line: 'uptime', hosts: ['h1', 'h2'] } });
      await journal.close();
      const incident = foldIncident(journal.events);
      if (!incident) throw new Error('no incident');
      const text = renderJson(incident, journal.events);
      const doc = parseIncidentExport(text);
      expect(doc.chain).toMatchObject({ count: 2, head: journal.events[1]?.hash });
      expect(doc.events).toEqual(journal.events);

      const ajv = new Ajv2020({ strict: false });
      const validate = ajv.compile(JSON.parse(readFileSync(published, 'utf8')) as object);
      expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
      const broken = { ...JSON.parse(text), version: 99 };
      expect(validate(broken)).toBe(false);

      // The content of a redacted note and of its edits is replaced by the reason, by default.
      const j2 = await Journal.open(path.join(dir, 'journal.jsonl'));
      await j2.append({ type: 'note', actor: 'a', data: { text: 'password hunter2' } });
      await j2.append({ type: 'event.edited', actor: 'a', data: { ref: 3, text: 'password hunter3' } });
      await j2.append({ type: 'event.redacted', actor: 'a', data: { ref: 3, reason: 'credential' } });
      await j2.close();
      const shared = renderJson(incident, j2.events);
      expect(shared).not.toMatch(/hunter[23]/);
      const redactedDoc = parseIncidentExport(shared);
      expect(redactedDoc.chain.withheld).toEqual([3, 4]);
      expect(redactedDoc.events[2]?.data).toEqual({ redacted: 'credential' });
      expect(validate(JSON.parse(shared)), JSON.stringify(validate.errors)).toBe(true);
    } finally {
      cleanup();
    }
  });
});
