/**
 * A run's progress while it runs, and its cancel, against real OpenSSH: through the app's contract
 * (the window's path: `run.progress` / `run.host` events, `fleet.runCancel`) and through `warroom run`
 * (a progress line on a terminal only, Ctrl-C).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../../shared/contract';
import { eventData } from '../../../../shared/model/incident';
import { main } from '../../../../electron/cli/main';
import { startAppOnFleet, type AppOnFleet } from '../../app/driver';
import { buildCli, runInProcess } from '../../cli/cli';
import { createIncident } from '../../../../electron/incident/declare';
import { IncidentStore } from '../../../../electron/incident/store';
import { Journal } from '../../../../electron/journal/journal';

// host03 answers only after a long sleep: everything about the others must be known before it ends.
// It leaves a mark in the fleet user's home once it printed its name and starts sleeping.
const SLOW = 'hostname; [ "$(hostname)" = host02 ] && exit 2; [ "$(hostname)" = host03 ] && { touch "$HOME/.slow-started"; sleep 300; }; exit 0';

describe('run progress and cancel, over real sshd', () => {
  let env: AppOnFleet;
  beforeAll(async () => {
    env = await startAppOnFleet({ count: 3 });
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('sends each host\'s result and the counts as they come, and a cancel ends the slow host as cancelled on the timeline', async () => {
    const { driver, app } = env;
    await driver.call('incident.declare', { title: 'slow run', severity: 'SEV3' });
    const progress: Array<EventPayload<'run.progress'>> = [];
    const hosts: Array<EventPayload<'run.host'>> = [];
    const off = app.hub.subscribe((name, payload) => {
      if (name === 'run.progress') progress.push(payload as EventPayload<'run.progress'>);
      if (name === 'run.host') hosts.push(payload as EventPayload<'run.host'>);
    });
    try {
      let replied = false;
      rmSync(path.join(env.fleet.home, '.slow-started'), { force: true });
      const running = driver.call('fleet.run', { runId: 'r1', aliases: ['host01', 'host02', 'host03'], command: SLOW }).finally(() => (replied = true));
      await expect.poll(() => hosts.map((h) => h.host.alias).sort(), { timeout: 30_000 }).toEqual(['host01', 'host02']);
      // host03 is still sleeping: the two results came before the last host answered.
      expect(replied).toBe(false);
      expect(hosts.every((h) => h.runId === 'r1')).toBe(true);
      expect(hosts.find((h) => h.host.alias === 'host02')!.host).toMatchObject({ exitCode: 2, stdout: 'host02\n' });
      await expect.poll(() => progress.at(-1)).toMatchObject({ runId: 'r1', total: 3, done: 2, running: 1, waiting: 0, failed: 1 });
      // The first counts say nothing has run yet.
      expect(progress[0]).toMatchObject({ total: 3, done: 0, waiting: 3 });
      // A second run with the same id is refused while the first is in flight.
      await expect(driver.call('fleet.run', { runId: 'r1', aliases: ['host01'], command: 'true' })).rejects.toThrow(/already in flight/);

      // Under load host03 may not have run `hostname` yet when the others are done: its output is
      // only there to keep once it was printed.
      await expect.poll(() => existsSync(path.join(env.fleet.home, '.slow-started')), { timeout: 30_000 }).toBe(true);
      expect(await driver.call('fleet.runCancel', { runId: 'r1' })).toEqual({ cancelled: true });
      const reply = await running;
      const slow = reply.hosts.find((h) => h.alias === 'host03')!;
      expect(slow.failure).toEqual({ kind: 'cancelled', message: 'host03: cancelled before it finished' });
      expect(slow.stdout).toBe('host03\n');
      expect(reply.exitCode).toBe(255);
      expect(hosts.map((h) => h.host.alias).sort()).toEqual(['host01', 'host02', 'host03']);
      expect(progress.at(-1)).toMatchObject({ total: 3, done: 3, running: 0, failed: 2 });
      // Nothing to cancel any more.
      expect(await driver.call('fleet.runCancel', { runId: 'r1' })).toEqual({ cancelled: false });

      const { events } = await driver.call('incident.active', {});
      const run = events.filter((e) => e.type === 'command.run').at(-1)!;
      const data = eventData(run, 'command.run')!;
      expect(data.results.find((r) => r.host === 'host03')).toMatchObject({ exitCode: null, error: 'cancelled: host03: cancelled before it finished' });
      expect(data.results.find((r) => r.host === 'host01')).toMatchObject({ exitCode: 0 });
    } finally {
      off();
    }
  });

  it('warroom run draws a progress line on a terminal\'s stderr, and none in a pipe', async () => {
    const args = ['run', '--ssh-config', env.fleet.sshConfigPath, '--groups', path.join(env.fleet.dir, 'no-groups.yaml'), '--no-record', 'host01', 'host02', '--', 'hostname'];
    const stdout = new PassThrough();
    const stderr = Object.assign(new PassThrough(), { isTTY: true });
    let out = '';
    let err = '';
    stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const stdin = new PassThrough();
    stdin.end();
    const code = await main(['node', 'warroom', ...args], { stdout, stderr, stdin, env: { PATH: process.env.PATH ?? '', WARROOM_HOME: env.home }, stopRequested: () => new Promise(() => undefined) });
    expect(code).toBe(0);
    expect(out.split('\n').filter(Boolean).sort()).toEqual(['host01: host01', 'host02: host02']);
    expect(err).toContain('[warroom run] 0/2 done · 2 running');
    expect(err).toContain('[warroom run] 2/2 done');
    // Whatever was drawn last is erased: the terminal is left clean.
    expect(err.endsWith('\r\x1b[K')).toBe(true);

    const piped = await runInProcess(args, { WARROOM_HOME: env.home });
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
  });

  it('warroom run cancels on the first Ctrl-C: the hosts not done are reported cancelled and recorded, exit 130', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'warroom-run-cancel-'));
    try {
      const cli = await buildCli(tmp);
      const home = path.join(tmp, 'home');
      const childEnv = { ...process.env, WARROOM_HOME: home, WARROOM_ACTOR: 'tester', SSH_AUTH_SOCK: '' };
      const run = (args: string[]) => spawn(process.execPath, [cli, ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      const store = new IncidentStore(home);
      const { incident, journal } = await createIncident(store, { title: 'cancelled run', severity: 'SEV3', actor: 'tester' });
      await journal.close();
      await store.setActive(incident.id);

      // host01 and host02 fail, so their stderr lines say they are done before Ctrl-C is sent.
      const command = 'hostname; case $(hostname) in host01) exit 1;; host02) exit 2;; *) sleep 300;; esac';
      const child = run(['run', '--ssh-config', env.fleet.sshConfigPath, '--groups', path.join(tmp, 'none.yaml'), 'host01', 'host02', 'host03', '--', command]);
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      // Each host's lines stream as they come: the fast hosts' lines and host03's first line are out while it sleeps.
      await expect.poll(() => out.split('\n').filter(Boolean).sort(), { timeout: 30_000 }).toEqual(['host01: host01', 'host02: host02', 'host03: host03']);
      await expect.poll(() => err, { timeout: 10_000 }).toContain('warroom: host02: exited with status 2');
      await expect.poll(() => err, { timeout: 10_000 }).toContain('warroom: host01: exited with status 1');
      child.kill('SIGINT');
      const code = await closed;
      expect(err).toContain('warroom: interrupted; cancelling the 1 host not done');
      expect(err).toContain('warroom: host03: cancelled: host03: cancelled before it finished');
      expect(code).toBe(130);

      const j = await Journal.open(store.journalFile(incident.id));
      try {
        const data = eventData(j.events.find((e) => e.type === 'command.run')!, 'command.run')!;
        expect(Object.fromEntries(data.results.map((r) => [r.host, r.error ?? r.exitCode]))).toEqual({
          host01: 1,
          host02: 2,
          host03: 'cancelled: host03: cancelled before it finished',
        });
      } finally {
        await j.close();
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
