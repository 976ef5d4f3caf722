/**
 * `fleet.reply` against real OpenSSH and bash: a terminal's answer to a query reaches the one
 * session it is for, and is neither journalled nor mixed into the next typed line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SshdFleet } from '../../fixtures/sshd-fleet';
import { startAppOnFleet, type AppDriver, type AppOnFleet } from './driver';

describe('terminal replies', () => {
  let env: AppOnFleet;
  let fleet: SshdFleet;
  let driver: AppDriver;

  beforeAll(async () => {
    env = await startAppOnFleet({ count: 2, hostnames: ['reply-a', 'reply-b'], firstAddress: 92 });
    ({ fleet, driver } = env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('writes a reply to its own session only and records nothing', async () => {
    await driver.call('incident.declare', { title: 'Replies are not keys', severity: 'SEV3' });
    const { sessions } = await driver.call('fleet.connect', { aliases: fleet.hosts.map((h) => h.alias), cols: 100, rows: 30 });
    const ids = sessions.map((s) => s.sessionId);
    const [a, b] = ids as [string, string];
    await expect.poll(() => ids.every((id) => driver.states.get(id)?.state === 'ready'), { timeout: 30_000 }).toBe(true);

    // Each host waits for one cursor report, then for a second that must not come.
    const wait = 'IFS= read -rs -d R -t 20 r1; IFS= read -rs -d R -t 1 r2; echo "cpr$((1+1)):${r1#*[}:${r2#*[}:"';
    await driver.call('fleet.input', { sessionIds: ids, data: `${wait}\r` });
    await driver.call('fleet.reply', { sessionId: a, data: '\x1b[7;9R' });
    await driver.call('fleet.reply', { sessionId: b, data: '\x1b[3;4R' });
    await expect.poll(() => driver.output.get(a) ?? '', { timeout: 20_000 }).toContain('cpr2:7;9::');
    await expect.poll(() => driver.output.get(b) ?? '', { timeout: 20_000 }).toContain('cpr2:3;4::');

    await driver.call('fleet.input', { sessionIds: ids, data: 'echo "ok-$((6*7))"\r' });
    for (const id of ids) await expect.poll(() => driver.output.get(id) ?? '', { timeout: 10_000 }).toContain('ok-42');
    for (const id of ids) expect(driver.output.get(id)).not.toContain('command not found');

    // A reply for a session that does not exist is dropped, not an error for the window to show.
    await expect(driver.call('fleet.reply', { sessionId: 'gone', data: '\x1b[1;1R' })).resolves.toEqual({ ok: true });
    await expect(driver.call('fleet.reply', { sessionId: a, data: 'x'.repeat(4097) })).rejects.toThrow();

    await expect
      .poll(async () => (await driver.call('incident.active', {})).events.filter((e) => e.type === 'command.broadcast').length, { timeout: 10_000 })
      .toBe(2);
    const lines = (await driver.call('incident.active', {})).events.filter((e) => e.type === 'command.broadcast').map((e) => e.data['line']);
    expect(lines).toEqual([wait, 'echo "ok-$((6*7))"']);
    const incidents = path.join(env.home, 'incidents');
    for (const id of readdirSync(incidents)) {
      // A screen grouping's sample is what the host printed: a tty that echoed the reply before
      // `read -s` turned echo off shows it there, as output. Nothing else may hold it.
      const recorded = readFileSync(path.join(incidents, id, 'journal.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l && (JSON.parse(l) as { type: string }).type !== 'screen.grouped')
        .join('\n');
      expect(recorded).not.toContain('7;9R');
      expect(recorded).not.toContain('3;4R');
    }
  });
});
