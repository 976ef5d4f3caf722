import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { DEFAULT_SEVERITIES, checkKind, incidentConfigFile, loadIncidentConfig, sectionTemplate } from '../../../electron/incident/config';
import { DEFAULT_TEMPLATE } from '../../../shared/model/writeup';
import { IncidentService } from '../../../electron/incident/service';
import { tempDir } from '../journal/helpers';
import { incidentExporter } from '../../../electron/export/incident-exporter';

let dataDir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir: dataDir, cleanup } = tempDir('warroom-config-'));
});
afterEach(() => cleanup());

describe('incident config', () => {
  it('has sensible defaults without a file', async () => {
    const c = await loadIncidentConfig(dataDir);
    expect(c.severities).toEqual(DEFAULT_SEVERITIES);
    expect(c.types).toContain('outage');
    expect(c.file).toBeUndefined();
  });

  it('reads severity descriptions and types from incidents.yaml, keeping defaults for the rest', async () => {
    writeFileSync(incidentConfigFile(dataDir), 'severities:\n  SEV1: Everything is on fire\ntypes: [outage, security]\n');
    const c = await loadIncidentConfig(dataDir);
    expect(c.severities.SEV1).toBe('Everything is on fire');
    expect(c.severities.SEV2).toBe(DEFAULT_SEVERITIES.SEV2);
    expect(checkKind(c, 'Security')).toBe('security');
    expect(() => checkKind(c, 'fun')).toThrow(/unknown incident type "fun": one of outage, security \(from .*incidents\.yaml\)/);
  });

  it('gives an incident type its own write-up section titles over the default template', async () => {
    const file = incidentConfigFile(dataDir);
    writeFileSync(file, 'types: [outage, security]\nwriteup:\n  Security:\n    impact: Exposure and impact\n    lucky: What limited the exposure\n');
    const c = await loadIncidentConfig(dataDir);
    expect(sectionTemplate(c, 'security')).toEqual({ ...DEFAULT_TEMPLATE, impact: 'Exposure and impact', lucky: 'What limited the exposure' });
    expect(sectionTemplate(c, 'outage')).toEqual(DEFAULT_TEMPLATE);
    expect(sectionTemplate(c, undefined).trigger).toBe('Lead-up and trigger');
    writeFileSync(file, 'writeup:\n  security:\n    impactt: Exposure\n');
    await expect(loadIncidentConfig(dataDir)).rejects.toThrow(new RegExp(`${file}:3 at writeup\\.security\\.impactt: `));
  });

  it('names the file and line of a mistake', async () => {
    const file = incidentConfigFile(dataDir);
    writeFileSync(file, 'severities:\n  SEV1: ok\n  SEV9: nope\n');
    await expect(loadIncidentConfig(dataDir)).rejects.toThrow(new RegExp(`${file}:3 at severities(\\.SEV9)?: `));
    writeFileSync(file, 'types: [a, b\n');
    await expect(loadIncidentConfig(dataDir)).rejects.toThrow(new RegExp(`^${file}:\\d+: `));
  });

  it('declares an incident with a type', async () => {
    const s = await IncidentService.open({ dataDir, actor: 'a', exporter: incidentExporter });
    try {
      const i = await s.declare({ title: 'breach', severity: 'SEV1', kind: 'Security' });
      expect(i.kind).toBe('security');
      await expect(s.declare({ title: 'x', severity: 'SEV1', kind: 'party' })).rejects.toThrow(/unknown incident type/);
    } finally {
      await s.close();
    }
  });
});
