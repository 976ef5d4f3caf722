/**
 * What is typed at a password prompt never reaches the disk: against real OpenSSH and bash, the
 * line typed at `read -s -p Password:` is journalled as withheld, and the journal file never holds it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSshdFleet, type SshdFleet } from '../../fixtures/sshd-fleet';
import { createWarroom, type Warroom } from '../../../electron/app/warroom';
import { driveApp, type AppDriver } from './driver';

describe('secrets typed into terminals', () => {
  let fleet: SshdFleet;
  let home: string;
  let app: Warroom;
  let driver: AppDriver;

  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 2, hostnames: ['vault-a', 'vault-b'], firstAddress: 60 });
    home = mkdtempSync(path.join(os.tmpdir(), 'warroom-secret-'));
    app = await createWarroom({ dataDir: home, mode: 'web', sshConfigFile: fleet.sshConfigPath, practice: false });
    driver = driveApp(app);
  });
  afterAll(async () => {
    await app?.close();
    await fleet?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('withholds a line typed at a password prompt on every target, and records the lines around it', async () => {
    await driver.call('incident.declare', { title: 'Rotate the vault token', severity: 'SEV2' });
    const { sessions } = await driver.call('fleet.connect', { aliases: fleet.hosts.map((h) => h.alias), cols: 100, rows: 30 });
    const ids = sessions.map((s) => s.sessionId);
    await expect.poll(() => ids.every((id) => driver.states.get(id)?.state === 'ready'), { timeout: 30_000 }).toBe(true);

    await driver.call('fleet.input', { sessionIds: ids, data: 'read -s -p "Vault password: " pw; echo; echo "got ${#pw} chars"\r' });
    for (const id of ids) await expect.poll(() => driver.output.get(id) ?? '', { timeout: 10_000 }).toMatch(/Vault password: $/);
    await driver.call('fleet.input', { sessionIds: ids, data: 'hunter2-s3cret\r' });
    for (const id of ids) await expect.poll(() => driver.output.get(id) ?? '', { timeout: 10_000 }).toContain('got 14 chars');
    await driver.call('fleet.input', { sessionIds: ids, data: 'echo done\r' });

    await expect
      .poll(async () => (await driver.call('incident.active', {})).events.filter((e) => e.type === 'command.broadcast').length, { timeout: 10_000 })
      .toBe(3);
    const lines = (await driver.call('incident.active', {})).events.filter((e) => e.type === 'command.broadcast').map((e) => e.data);
    expect(lines[0]).toMatchObject({ line: 'read -s -p "Vault password: " pw; echo; echo "got ${#pw} chars"' });
    expect(lines[1]).toMatchObject({ line: 'secret input withheld', withheld: true });
    expect(lines[2]).toMatchObject({ line: 'echo done' });

    const incidents = path.join(home, 'incidents');
    for (const id of readdirSync(incidents)) {
      expect(readFileSync(path.join(incidents, id, 'journal.jsonl'), 'utf8')).not.toContain('hunter2');
    }
  });
});
