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

  it('reads the post-mortem meeting limits, keeping the defaults for the severities not given', async () => {
    expect((await loadIncidentConfig(dataDir)).meetingWithin).toEqual({ SEV1: '3d', SEV2: '5bd' });
    const file = incidentConfigFile(dataDir);
    writeFileSync(file, 'postmortem:\n  meetingWithin: { SEV2: 3bd, SEV3: 2w }\n');
    await expect(loadIncidentConfig(dataDir)).rejects.toThrow(new RegExp(`^${file}:2 at postmortem\\.meetingWithin\\.SEV3: a meeting limit is days \\(3d\\) or business days \\(5bd\\)`));
    writeFileSync(file, 'postmortem:\n  meetingWithin: { SEV2: 3bd, SEV3: 10d }\n');
    expect((await loadIncidentConfig(dataDir)).meetingWithin).toEqual({ SEV1: '3d', SEV2: '3bd', SEV3: '10d' });
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

  it('reads a team checklist written like the built-ins, and lets it replace a built-in', async () => {
    writeFileSync(
      incidentConfigFile(dataDir),
      [
        'checklists:',
        '  - id: handover',
        '    title: Handover',
        '    items:',
        '      - id: deputy',
        '        label: Name a deputy',
        '        due: { SEV1: 30m, SEV2: 1h }',
        '        rule: { event: role.assigned, where: { role: deputy } }',
        '      - id: shift-note',
        '        label: Leave a shift note',
        '        rule: { any: [{ event: note, where: { text: { matches: "^handover:" } } }] }',
        '  - id: postmortem',
        '    title: Our post-mortem',
        '    items:',
        '      - { id: review, label: Reviewed by the SRE guild, rule: { manual: the guild meets on Thursdays } }',
        '',
      ].join('\n'),
    );
    const c = await loadIncidentConfig(dataDir);
    expect(c.checklists.map((l) => `${l.id}:${l.title}`)).toEqual(['respond:Respond', 'writeup:Write-up', 'postmortem:Our post-mortem', 'handover:Handover']);
    expect(c.checklists[3]?.items[0]).toEqual({ id: 'deputy', label: 'Name a deputy', due: { SEV1: '30m', SEV2: '1h' }, rule: { event: 'role.assigned', where: { role: 'deputy' } } });
  });

  it('names the file, line and field of a mistake in a checklist', async () => {
    const file = incidentConfigFile(dataDir);
    const list = (item: string) => `checklists:\n  - id: mine\n    title: Mine\n    items:\n      - id: a\n        label: A\n${item}`;
    const cases: Array<[string, RegExp]> = [
      ['        rule: { event: note, wher: { text: x } }\n', /:7 at checklists\.0\.items\.0\.rule\.wher: Unrecognized key/],
      ['        rule: { computed: guess }\n', /:7 at checklists\.0\.items\.0\.rule\.computed: Invalid option/],
      ['        due: { SEV1: soon }\n        rule: { event: note }\n', /:7 at checklists\.0\.items\.0\.due\.SEV1: a span is/],
      ['        rule: { event: note, where: { text: { matches: "(" } } }\n', /:7 at checklists\.0\.items\.0\.rule\.where\.text\.matches: not a valid regular expression/],
      ['        rule: { any: [{ evnt: note }] }\n', /:7 at checklists\.0\.items\.0\.rule\.any\.0\.evnt: Unrecognized key/],
      ['        rule: { event: note }\n      - id: a\n        label: again\n        rule: { event: note }\n', /:8 at checklists\.0\.items\.1\.id: duplicate item id a/],
    ];
    for (const [item, error] of cases) {
      writeFileSync(file, list(item));
      await expect(loadIncidentConfig(dataDir), item).rejects.toThrow(error);
      await expect(loadIncidentConfig(dataDir)).rejects.toThrow(file);
    }
  });
});
