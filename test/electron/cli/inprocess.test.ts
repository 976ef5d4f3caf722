/** Commands run in-process through the CLI's own main(), with captured streams and environment. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { Command } from 'commander';
import { MAX_NOTE_CHARS } from '../../../shared/model/incident';
import { IncidentStore } from '../../../electron/incident/store';
import { IncidentService } from '../../../electron/incident/service';
import { incidentExporter } from '../../../electron/export/incident-exporter';
import { buildProgram } from '../../../electron/cli/main';
import { desktopProgram, parseDesktopArgs } from '../../../electron/cli/window-options';
import { DEFAULT_PRACTICE_HOSTS, MAX_PRACTICE_HOSTS } from '../../../electron/practice/index';
import { tempDir } from '../journal/helpers';
import { runInProcess } from './cli';

let dir: string;
let cleanup: () => void;
let home: string;
const env = () => ({ WARROOM_HOME: home, WARROOM_ACTOR: 'in-process' });

beforeAll(() => {
  ({ dir, cleanup } = tempDir('warroom-inproc-'));
  home = path.join(dir, 'home');
});
afterAll(() => cleanup());

describe('warroom through main(), in-process', () => {
  let id = '';

  it('declares an incident in the data directory the environment names', async () => {
    const r = await runInProcess(['incident', 'new', '--title', 'Queue backlog', '--severity', 'SEV2'], env());
    expect(r).toMatchObject({ code: 0, stderr: '' });
    id = r.stdout.trim();
    expect(await new IncidentStore(home).activeId()).toBe(id);
  });

  it('logs notes from the arguments and from stdin, as the actor the environment names', async () => {
    expect(await runInProcess(['log', 'consumer', 'lag', 'rising'], env())).toEqual({ code: 0, stdout: '2\n', stderr: '' });
    expect(await runInProcess(['log', '-'], env(), 'first\n\n  second  \n')).toEqual({ code: 0, stdout: '3\n4\n', stderr: '' });
    const { events } = await new IncidentStore(home).read(id);
    expect(events.slice(1).map((e) => [e.type, e.actor, (e.data as { text: string }).text])).toEqual([
      ['note', 'in-process', 'consumer lag rising'],
      ['note', 'in-process', 'first'],
      ['note', 'in-process', 'second'],
    ]);
  });

  it('refuses a note over the cap with the same words on both paths and in the app, and records the rest', async () => {
    const long = 'x'.repeat(MAX_NOTE_CHARS + 1);
    const single = await runInProcess(['log', long], env());
    expect(single.code).toBe(1);
    expect(single.stdout).toBe('');
    const refusal = `the note is ${MAX_NOTE_CHARS + 1} characters; one note holds at most ${MAX_NOTE_CHARS}`;
    expect(single.stderr).toContain(`warroom: ${refusal}`);

    const stream = await runInProcess(['log', '-'], env(), `before\n${long}\nafter\n`);
    expect(stream.code).toBe(1);
    expect(stream.stdout).toBe('5\n6\n');
    expect(stream.stderr).toContain(`warroom: stdin line 2: ${refusal}`);

    // The app's own service (the active incident is this one) refuses it in the same words.
    const service = await IncidentService.open({ dataDir: home, actor: 'app', exporter: incidentExporter });
    try {
      await expect(service.note(long)).rejects.toThrow(refusal);
      // Exactly at the cap is one note, as the contract allows.
      expect((await service.note('y'.repeat(MAX_NOTE_CHARS))).seq).toBe(7);
    } finally {
      await service.close();
    }
  });

  it('returns the chain verdict as the exit code, and an error as stderr with exit 1', async () => {
    const ok = await runInProcess(['verify', id], env());
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe(`${id}: 7 events, chain OK (head ${ok.stdout.match(/head (\w+)/)?.[1]})\n`);
    const missing = await runInProcess(['verify', 'no-such-id'], env());
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(/^warroom: no incident no-such-id/);
    const usage = await runInProcess(['explode'], env());
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/unknown command 'explode'/);
    const help = await runInProcess(['--help'], env());
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: warroom/);
  });
});

describe('window options', () => {
  const longs = (c: Command) => c.options.map((o) => o.long).sort();

  it('the desktop app takes every option warroom web takes, except the port it does not listen on', () => {
    const web = buildProgram(
      { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: {}, stopRequested: () => new Promise(() => undefined) },
      async () => undefined,
    ).commands.find((c) => c.name() === 'web');
    expect(web).toBeDefined();
    expect(longs(desktopProgram())).toEqual(longs(web!).filter((o) => o !== '--port'));
    expect(longs(desktopProgram())).toEqual(['--inventory', '--practice', '--screen-reader', '--ssh-config']);
  });

  it('parses the desktop command line as web does, letting Electron switches through', () => {
    expect(parseDesktopArgs(['--no-sandbox', '--inventory', 'a.ini', '--inventory', 'b.yml', '--ssh-config', 'cfg', '--practice', '3', '--screen-reader'])).toEqual({
      sshConfigFile: 'cfg',
      inventories: ['a.ini', 'b.yml'],
      practice: 3,
      screenReader: true,
    });
    expect(parseDesktopArgs([])).toEqual({ inventories: [], practice: 'auto', screenReader: false });
    expect(parseDesktopArgs(['--practice'])).toMatchObject({ practice: DEFAULT_PRACTICE_HOSTS });
    expect(() => parseDesktopArgs(['--practice', String(MAX_PRACTICE_HOSTS + 1)])).toThrow(`the practice fleet has 1 to ${MAX_PRACTICE_HOSTS} hosts`);
    expect(() => parseDesktopArgs(['--practice', '0'])).toThrow(/the practice fleet has 1 to/);
  });
});
