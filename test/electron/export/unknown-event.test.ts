/**
 * An event a newer Warroom wrote, in a real journal file: it replays, the fold ignores it, and the
 * write-up and the JSON export show it as such instead of dropping it.
 */
import { describe, expect, it } from 'vitest';
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { INCIDENT_EXPORT_VERSION } from '../../../shared/schema/incidentExport';
import { Journal } from '../../../electron/journal/journal';
import { eventHash, eventLine } from '../../../electron/journal/canonical';
import { foldIncident } from '../../../electron/incident/fold';
import { renderMarkdown } from '../../../electron/export/markdown';
import { parseIncidentExport, renderJson } from '../../../electron/export/json';
import { renderHtml } from '../../../electron/export/html';
import { tempDir } from '../journal/helpers';

const published = path.resolve(__dirname, `../../../shared/schema/incident-export.v${INCIDENT_EXPORT_VERSION}.schema.json`);

describe('an event of a type a newer Warroom wrote', () => {
  it('replays, is ignored by the fold, and appears in the write-up and the JSON export', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = path.join(dir, 'journal.jsonl');
      const j = await Journal.open(file, { create: true });
      const declared = await j.append({ type: 'incident.declared', actor: 'a', data: { id: 'INC-9', title: 'Future', severity: 'SEV3', commander: 'a' } });
      await j.close();
      const fields = { seq: 2, ts: '2026-11-26T00:00:00.000Z', type: 'postmortem.linked', actor: 'b', data: { url: 'https://example.invalid/pm/7' } };
      appendFileSync(file, `${eventLine({ ...fields, prev: declared.hash, hash: eventHash(declared.hash, fields) })}\n`);

      const reopened = await Journal.open(file);
      await reopened.append({ type: 'note', actor: 'a', data: { text: 'after the future event' } });
      await reopened.close();
      const incident = foldIncident(reopened.events);
      expect(incident).toMatchObject({ id: 'INC-9', title: 'Future', eventCount: 3 });

      const md = renderMarkdown(incident!, reopened.events);
      expect(md).toContain('#2 · b · *unknown event type postmortem.linked (written by a newer Warroom)*: ` {"url":"https://example.invalid/pm/7"} `');
      expect(renderHtml(md, 'x')).toContain('unknown event type postmortem.linked (written by a newer Warroom)');

      const text = renderJson(incident!, reopened.events);
      expect(parseIncidentExport(text).events.map((e) => e.type)).toEqual(['incident.declared', 'postmortem.linked', 'note']);
      const validate = new Ajv2020({ strict: false }).compile(JSON.parse(readFileSync(published, 'utf8')) as object);
      expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
    } finally {
      cleanup();
    }
  });
});
