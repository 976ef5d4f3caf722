/**
 * A redaction hides content in every export by default: from the window (export.file, every
 * format) and from the CLI (every format), with no flag needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWarroom } from '../../../electron/app/warroom';
import { driveApp } from '../app/driver';
import { buildCli, runCli } from '../cli/cli';

const SECRET = 'hunter2-db-password';

describe('redacted events in exports', () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'warroom-redact-'));
  let cli = '';
  let id = '';
  beforeAll(async () => {
    cli = await buildCli(home);
    writeFileSync(path.join(home, 'ssh_config'), '');
    const app = await createWarroom({ dataDir: home, mode: 'web', sshConfigFile: path.join(home, 'ssh_config'), practice: false });
    const { call } = driveApp(app);
    try {
      id = (await call('incident.declare', { title: 'Leaked credential', severity: 'SEV3' })).id;
      const leaked = await call('incident.note', { text: `the password is ${SECRET}` });
      await call('timeline.edit', { seq: leaked.seq, text: `still ${SECRET}` });
      await call('timeline.redact', { seq: leaked.seq, reason: 'credential' });
    } finally {
      await app.close();
    }
  }, 60_000);
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('are withheld from the window export in every format', async () => {
    const app = await createWarroom({ dataDir: home, mode: 'web', sshConfigFile: path.join(home, 'ssh_config'), practice: false });
    const { call } = driveApp(app);
    try {
      for (const format of ['json', 'html', 'pdf'] as const) {
        const { path: file } = await call('export.file', { format });
        const text = format === 'pdf' ? execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }) : readFileSync(file, 'utf8');
        expect(text, format).toContain('credential');
        expect(text, format).not.toContain(SECRET);
      }
    } finally {
      await app.close();
    }
  }, 120_000);

  it('are withheld from the CLI export in every format, without a flag', async () => {
    for (const format of ['json', 'md', 'html']) {
      const r = await runCli(cli, ['export', id, '--format', format, '--out', '-'], { WARROOM_HOME: home });
      expect(r.stderr).toBe('');
      expect(r.stdout, format).toContain('credential');
      expect(r.stdout, format).not.toContain(SECRET);
    }
    const old = await runCli(cli, ['export', id, '--format', 'json', '--redact', '--out', '-'], { WARROOM_HOME: home });
    expect(old.code).toBe(0);
    expect(old.stdout).not.toContain(SECRET);
  }, 120_000);
});
