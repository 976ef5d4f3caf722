/**
 * Run in the window keeps the evidence: on the real practice fleet over real SSH, `df -h /` on the
 * full host leaves its `100% /` line in the reply, on the timeline (the tail) and in a file of the
 * incident folder that `warroom verify` checks against the journal's hash. An incident switch
 * while a session is recording seals that recording into its own incident, not the new one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWarroom, type Warroom } from '../../../electron/app/warroom';
import { IncidentStore } from '../../../electron/incident/store';
import { eventData } from '../../../shared/model/incident';
import { runInProcess } from '../cli/cli';
import { driveApp, type AppDriver } from './driver';

describe('Run in the window keeps its output as evidence', () => {
  let home: string;
  let app: Warroom;
  let driver: AppDriver;

  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'warroom-run-evidence-'));
    writeFileSync(path.join(home, 'ssh_config'), '');
    app = await createWarroom({ dataDir: home, mode: 'web', sshConfigFile: path.join(home, 'ssh_config'), practice: 3 });
    driver = driveApp(app);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('before any incident: the run is held with its tails, and lands once one is declared', async () => {
    const reply = await driver.call('fleet.run', { aliases: ['web-01'], command: 'echo held-$(hostname)' });
    expect(reply.hosts[0]!.tail).toBe('held-web-01\n');
    const { id } = await driver.call('incident.declare', { title: 'Disk full drill', severity: 'SEV3' });
    const { events } = await driver.call('incident.active', {});
    const run = eventData(events.find((e) => e.type === 'command.run')!, 'command.run')!;
    expect(run.results).toEqual([{ host: 'web-01', exitCode: 0, tail: 'held-web-01\n' }]);
    expect(id).toBeTruthy();
  });

  it('keeps the df line that explains the drill: in the reply, the event tail, and a verified file', async () => {
    const reply = await driver.call('fleet.run', { aliases: ['web-01', 'web-02'], command: 'df -h /' });
    const web02 = reply.hosts.find((h) => h.alias === 'web-02')!;
    expect(web02.tail).toMatch(/ 100% \/\n$/);
    const { incident, events } = await driver.call('incident.active', {});
    const e = events.filter((x) => x.type === 'command.run').at(-1)!;
    const run = eventData(e, 'command.run')!;
    const result = run.results.find((r) => r.host === 'web-02')!;
    expect(result.tail).toBe(web02.tail);
    const dir = new IncidentStore(home).dir(incident!.id);
    const file = path.join(dir, result.output!.file);
    const bytes = readFileSync(file);
    expect(bytes.toString()).toBe(web02.stdout + web02.stderr);
    expect(result.output).toEqual({ file: result.output!.file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Both hosts of one run share its folder.
    expect(readdirSync(path.dirname(file)).sort()).toEqual(['web-01.out', 'web-02.out']);

    const ok = await runInProcess(['verify', incident!.id], { WARROOM_HOME: home });
    expect(ok.code).toBe(0);
    bytes[0] = bytes[0]! ^ 1;
    writeFileSync(file, bytes);
    const broken = await runInProcess(['verify', incident!.id], { WARROOM_HOME: home });
    expect(broken.code).toBe(2);
    expect(broken.stdout).toContain(`${file} (#${e.seq}): changed`);
    bytes[0] = bytes[0]! ^ 1;
    writeFileSync(file, bytes);
    expect((await runInProcess(['verify', incident!.id], { WARROOM_HOME: home })).code).toBe(0);
  });

  it('records the run with its tails when its output files cannot be written, and says why', async () => {
    const { id } = await driver.call('incident.declare', { title: 'No room for files', severity: 'SEV4' });
    // A plain file where the runs folder goes: creating the folder fails for real (ENOTDIR/EEXIST).
    writeFileSync(path.join(new IncidentStore(home).dir(id), 'runs'), 'in the way');
    const errors: string[] = [];
    const off = app.hub.subscribe((name, payload) => {
      if (name === 'timeline.error') errors.push((payload as { message: string }).message);
    });
    try {
      const reply = await driver.call('fleet.run', { aliases: ['web-02'], command: 'df -h /' });
      expect(reply.hosts[0]!.tail).toMatch(/ 100% \/\n$/);
      const { events } = await driver.call('incident.active', {});
      const [r] = eventData(events.filter((e) => e.type === 'command.run').at(-1)!, 'command.run')!.results;
      expect(r!.tail).toBe(reply.hosts[0]!.tail);
      expect(r!.output).toBeUndefined();
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^Timeline: the run of df -h \/ is recorded with its tails only; its output files could not be written: .*runs/);
    } finally {
      off();
    }
  });

  it('seals a recording into the incident it belongs to when the window switches to another', async () => {
    const first = (await driver.call('incident.active', {})).incident!.id;
    const { sessions } = await driver.call('fleet.connect', { aliases: ['web-01'], cols: 80, rows: 24 });
    const sid = sessions[0]!.sessionId;
    await expect.poll(() => driver.states.get(sid)?.state, { timeout: 30_000 }).toBe('ready');
    await driver.call('fleet.input', { sessionIds: [sid], data: 'echo first-incident\r' });
    await expect.poll(() => driver.output.get(sid) ?? '', { timeout: 10_000 }).toMatch(/^first-incident\r?$/m);
    const { id: second } = await driver.call('incident.declare', { title: 'Another one', severity: 'SEV4' });
    // The next output goes to the new incident's recording; the old one closes and is sealed.
    await driver.call('fleet.input', { sessionIds: [sid], data: 'echo second-incident\r' });
    const store = new IncidentStore(home);
    const sealsOf = async (id: string) => (await store.read(id)).events.filter((e) => e.type === 'recording.sealed').map((e) => eventData(e, 'recording.sealed')!);
    await expect.poll(async () => (await sealsOf(first)).length, { timeout: 10_000 }).toBe(1);
    const [seal] = await sealsOf(first);
    expect(seal).toMatchObject({ alias: 'web-01' });
    expect(readFileSync(path.join(store.dir(first), seal!.file), 'utf8')).toContain('first-incident');
    expect(await sealsOf(second)).toEqual([]);
    expect((await runInProcess(['verify', first], { WARROOM_HOME: home })).code).toBe(0);
  });
});
