/**
 * `fleet.input` replies once the keys are written, not once the journal has them: against real
 * OpenSSH and bash, a 1,000-line paste and the Ctrl-C after it reach the hosts while the journal
 * cannot write at all (its lock is held, as `warroom log` in another terminal would hold it), and
 * every line lands on the timeline, in order, once it can. A journal that fails (a real full disk)
 * is reported as a timeline error; the keys were delivered all the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSshdFleet, type SshdFleet } from '../../fixtures/sshd-fleet';
import { createWarroom, type Warroom } from '../../../electron/app/warroom';
import { journalFile } from '../../../electron/core/data-layout';
import { acquireLock } from '../../../electron/journal/lock';
import type { JournalEvent } from '../../../shared/model/incident';
import { driveApp, type AppDriver } from './driver';

interface Started {
  app: Warroom;
  driver: AppDriver;
  ids: string[];
  incidentId: string;
  timelineErrors: string[];
  commands: () => JournalEvent[];
}

async function start(fleet: SshdFleet, dataDir: string, aliases: string[]): Promise<Started> {
  const app = await createWarroom({ dataDir, mode: 'web', sshConfigFile: fleet.sshConfigPath, practice: false });
  const driver = driveApp(app);
  const timelineErrors: string[] = [];
  const durable: JournalEvent[] = [];
  app.hub.subscribe((name, payload) => {
    if (name === 'timeline.error') timelineErrors.push((payload as { message: string }).message);
    if (name === 'timeline.append') durable.push(payload as JournalEvent);
  });
  const incident = await driver.call('incident.declare', { title: 'Input path', severity: 'SEV3' });
  const { sessions } = await driver.call('fleet.connect', { aliases, cols: 120, rows: 30 });
  const ids = sessions.map((s) => s.sessionId);
  await expect.poll(() => ids.every((id) => driver.states.get(id)?.state === 'ready'), { timeout: 30_000 }).toBe(true);
  return { app, driver, ids, incidentId: incident.id, timelineErrors, commands: () => durable.filter((e) => e.type === 'command.broadcast') };
}

describe('fleet.input', () => {
  let fleet: SshdFleet;
  let home: string;
  let app: Warroom | undefined;

  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 2, hostnames: ['paste-a', 'paste-b'], firstAddress: 112 });
    home = mkdtempSync(path.join(os.tmpdir(), 'warroom-input-'));
  });
  afterAll(async () => {
    await app?.close();
    await fleet?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('delivers a 1,000-line paste and a Ctrl-C behind it while the journal cannot write', async () => {
    const s = await start(fleet, path.join(home, 'lock'), fleet.hosts.map((h) => h.alias));
    app = s.app;
    const { driver, ids } = s;
    await expect.poll(() => s.commands().length).toBe(0);

    // The first pasted line runs a shell that says when it is up and when SIGINT reaches it, and
    // reads the rest of the paste meanwhile (a pty holds only a few KiB of unread input; behind
    // that, the Ctrl-C would wait in sshd like any byte). The printed markers (up-42, int-42)
    // differ from the typed text, so the echo cannot fake them.
    const first = `sh -c 'trap "printf int-%s. 42; exit 0" INT; printf up-%s. 42; cat >/dev/null'`;
    const rest = Array.from({ length: 999 }, (_, i) => `echo pasted-${i + 1}`);
    const lock = await acquireLock(`${journalFile(path.join(home, 'lock'), s.incidentId)}.lock`);
    let released = false;
    try {
      expect(await driver.call('fleet.input', { sessionIds: ids, data: [first, ...rest].map((l) => `${l}\r`).join('') })).toEqual({ delivered: 2 });
      for (const id of ids) await expect.poll(() => driver.output.get(id) ?? '', { timeout: 15_000 }).toContain('up-42.');
      expect(await driver.call('fleet.input', { sessionIds: ids, data: '\x03' })).toEqual({ delivered: 2 });
      for (const id of ids) await expect.poll(() => driver.output.get(id) ?? '', { timeout: 15_000 }).toContain('int-42.');
      // The interrupt reached both hosts before a single line of the paste was durable.
      expect(s.commands()).toHaveLength(0);
      await lock.release();
      released = true;
    } finally {
      if (!released) await lock.release();
    }
    await expect.poll(() => s.commands().length, { timeout: 30_000 }).toBe(1000);
    const lines = s.commands().map((e) => e.data as { line: string; hosts: string[]; withheld?: boolean });
    // Lines the interrupt flushed from the hosts' terminals never echoed, so they may be withheld
    // as possible secrets; every other line is recorded as sent, in order.
    const sentLines = [first, ...rest];
    expect(lines.map((l, i) => (l.withheld ? sentLines[i] : l.line))).toEqual(sentLines);
    expect(lines[0]!.line).toBe(first);
    expect(lines.every((l) => l.hosts.length === 2)).toBe(true);
    expect(s.timelineErrors).toEqual([]);
    await s.app.close();
    app = undefined;
  });

  it('records a line typed just before the app closes: close waits for it, nothing is dropped', async () => {
    const dataDir = path.join(home, 'quit');
    const s = await start(fleet, dataDir, [fleet.hosts[0]!.alias]);
    app = s.app;
    expect(await s.driver.call('fleet.input', { sessionIds: s.ids, data: 'echo typed-before-quit\r' })).toEqual({ delivered: 1 });
    // Quit at once: the line still waits for its echo (the secret verdict) and its journal turn.
    await s.app.close();
    app = undefined;
    const onDisk = readFileSync(journalFile(dataDir, s.incidentId), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as JournalEvent)
      .filter((e) => e.type === 'command.broadcast');
    expect(onDisk).toHaveLength(1);
    // Echoed before the fleet closed, or withheld as a possible secret when it was not: recorded either way.
    const data = onDisk[0]!.data as { line: string; hosts: string[]; withheld?: boolean };
    expect(data.line).toBe(data.withheld ? 'secret input withheld' : 'echo typed-before-quit');
    expect(data.hosts).toEqual([fleet.hosts[0]!.alias]);
  });

  it('reports a journal that cannot write as a timeline error, and still delivers the keys', async (ctx) => {
    const mount = path.join(home, 'tiny');
    mkdirSync(mount);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mount], { stdio: 'pipe' });
    } catch (err) {
      ctx.skip(`cannot mount a tmpfs here (needs root): ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
    try {
      const s = await start(fleet, path.join(mount, 'data'), [fleet.hosts[0]!.alias]);
      app = s.app;
      // Fill the disk for real, to the last page; the line is longer than a page, so its record
      // cannot fit in the journal's last partly used page either.
      for (const size of [64 * 1024, 4096]) {
        try {
          for (let i = 0; ; i++) writeFileSync(path.join(mount, `fill-${size}-${i}`), Buffer.alloc(size));
        } catch {
          // ENOSPC: full at this grain
        }
      }
      const line = `echo disk-$((40+2)) # ${'x'.repeat(8192)}`;
      expect(await s.driver.call('fleet.input', { sessionIds: s.ids, data: `${line}\r` })).toEqual({ delivered: 1 });
      await expect.poll(() => s.driver.output.get(s.ids[0]!) ?? '', { timeout: 15_000 }).toContain('disk-42');
      // (Other automatic events may fail on the full disk too; each says what it could not record.)
      const lineError = () => s.timelineErrors.find((m) => m.startsWith(`Timeline: could not record line ${line}: `));
      await expect.poll(lineError, { timeout: 15_000 }).toContain('ENOSPC');
      await s.app.close();
      app = undefined;
    } finally {
      await app?.close();
      app = undefined;
      execFileSync('umount', ['-l', mount]);
    }
  });
});
