/**
 * What is typed at a password prompt never reaches the disk: against real OpenSSH and bash, the
 * line typed at `read -s -p Password:`, at `read -s` with no prompt, and at a prompt that echoes
 * and is followed by other output before Enter is journalled as withheld, and the journal file
 * never holds it; ordinary commands around them are recorded as typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SshdFleet } from '../../fixtures/sshd-fleet';
import { startAppOnFleet, type AppDriver, type AppOnFleet } from './driver';

describe('secrets typed into terminals', () => {
  let env: AppOnFleet;
  let fleet: SshdFleet;
  let driver: AppDriver;

  beforeAll(async () => {
    env = await startAppOnFleet({ count: 2, hostnames: ['vault-a', 'vault-b'], firstAddress: 60 });
    ({ fleet, driver } = env);
  });
  afterAll(async () => {
    await env?.stop();
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

    const incidents = path.join(env.home, 'incidents');
    for (const id of readdirSync(incidents)) {
      expect(readFileSync(path.join(incidents, id, 'journal.jsonl'), 'utf8')).not.toContain('hunter2');
    }
  });

  it('withholds a line typed with echo off and no prompt, and one typed at an echoing prompt that more output followed', async () => {
    const ids = [...driver.states.values()].filter((i) => i.state === 'ready').map((i) => i.sessionId);
    expect(ids).toHaveLength(2);
    const seen = (await driver.call('incident.active', {})).events.filter((e) => e.type === 'command.broadcast').length;
    const since = async () => (await driver.call('incident.active', {})).events.filter((e) => e.type === 'command.broadcast').slice(seen).map((e) => e.data);
    const printed = (id: string) => driver.output.get(id) ?? '';

    // read -s without a prompt: nothing on screen says "password", only the missing echo does.
    // (Keys that arrive before the terminal has echo off are read under readline's settings, so
    // the line says when it is ready: after stty has switched echo off, before read starts.)
    const readSilently = 'stty -echo; echo ready-$((6*7)); read -s tok; stty echo; echo "tok has ${#tok}"';
    await driver.call('fleet.input', { sessionIds: ids, data: `${readSilently}\r` });
    for (const id of ids) await expect.poll(() => printed(id), { timeout: 10_000 }).toContain('ready-42');
    await driver.call('fleet.input', { sessionIds: ids, data: 'quiet-Tr0ub4dor\r' });
    for (const id of ids) await expect.poll(() => printed(id), { timeout: 10_000 }).toContain('tok has 15');

    // A prompt that echoes what is typed, and a background job printing after it, before Enter.
    await driver.call('fleet.input', { sessionIds: ids, data: `(sleep 0.5; echo noise-$((6*7))) & read -p 'Password: ' pw; echo "pw has \${#pw}"\r` });
    for (const id of ids) await expect.poll(() => printed(id), { timeout: 10_000 }).toMatch(/Password: noise-42\r\n$/);
    for (const key of 'loud-c0rrect'.split('')) await driver.call('fleet.input', { sessionIds: ids, data: key });
    await driver.call('fleet.input', { sessionIds: ids, data: '\r' });
    for (const id of ids) await expect.poll(() => printed(id), { timeout: 10_000 }).toContain('pw has 12');
    await driver.call('fleet.input', { sessionIds: ids, data: 'echo after-$((6*7))\r' });

    await expect.poll(async () => (await since()).length, { timeout: 20_000 }).toBe(5);
    const lines = await since();
    expect(lines[0]).toMatchObject({ line: readSilently });
    expect(lines[0]).not.toHaveProperty('withheld');
    expect(lines[1]).toMatchObject({ line: 'secret input withheld', withheld: true });
    expect(lines[2]).toMatchObject({ line: `(sleep 0.5; echo noise-$((6*7))) & read -p 'Password: ' pw; echo "pw has \${#pw}"` });
    expect(lines[3]).toMatchObject({ line: 'secret input withheld', withheld: true });
    expect(lines[4]).toMatchObject({ line: 'echo after-$((6*7))' });

    const incidents = path.join(env.home, 'incidents');
    for (const id of readdirSync(incidents)) {
      const bytes = readFileSync(path.join(incidents, id, 'journal.jsonl'));
      for (const secret of ['Tr0ub4dor', 'c0rrect']) expect(bytes.includes(secret)).toBe(false);
    }
  });
});
