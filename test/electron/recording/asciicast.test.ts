/**
 * Terminal recordings are real asciicast v2: asciinema itself replays them. Driven through the app's
 * handlers against the practice fleet over real SSH.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWarroom } from '../../../electron/app/warroom';
import { Recorder } from '../../../electron/recording/asciicast';
import { driveApp } from '../app/driver';
import { IncidentStore } from '../../../electron/incident/store';
import { eventData } from '../../../shared/model/incident';
import { runInProcess } from '../cli/cli';

describe('asciicast recordings', () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'warroom-cast-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('records each session of the active incident as a file asciinema replays, listed in the write-up', async () => {
    writeFileSync(path.join(home, 'ssh_config'), '');
    const app = await createWarroom({ dataDir: home, mode: 'web', sshConfigFile: path.join(home, 'ssh_config'), practice: 2 });
    const { call, output, states } = driveApp(app);
    let incidentId = '';
    try {
      incidentId = (await call('incident.declare', { title: 'Recorded drill', severity: 'SEV4' })).id;
      const { sessions } = await call('fleet.connect', { aliases: ['web-01'], cols: 100, rows: 30 });
      const id = sessions[0]!.sessionId;
      await expect.poll(() => states.get(id)?.state, { timeout: 30_000 }).toBe('ready');
      await call('fleet.resize', { sessionId: id, cols: 120, rows: 40 });
      await call('fleet.input', { sessionIds: [id], data: 'echo recorded-$(hostname)\r' });
      await expect.poll(() => output.get(id) ?? '', { timeout: 10_000 }).toMatch(/^recorded-web-01\r?$/m);
      const md = await call('export.markdown', {});
      expect(md.markdown).toMatch(/recordings\/web-01-.*\.cast/);
    } finally {
      await app.close();
    }
    const dir = path.join(home, 'incidents', incidentId, 'recordings');
    const casts = readdirSync(dir).filter((f) => f.endsWith('.cast'));
    expect(casts).toHaveLength(1);
    const file = path.join(dir, casts[0]!);
    const [header, ...events] = readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(header!)).toMatchObject({ version: 2, width: 100, height: 30, title: 'web-01' });
    expect(events.map((l) => JSON.parse(l) as [number, string, string]).find((e) => e[1] === 'r')?.[2]).toBe('120x40');
    // asciinema insists on a terminal: give it one with script(1).
    const replay = execFileSync('script', ['-qec', `asciinema cat '${file}'`, '/dev/null'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(replay).toMatch(/^recorded-web-01\r?$/m);
    // Only output is recorded: keystrokes could hold secrets.
    expect(events.every((l) => JSON.parse(l)[1] !== 'i')).toBe(true);

    // Shutting down sealed it into the journal: its path, size and hash, which verify checks.
    const journal = await new IncidentStore(home).read(incidentId);
    const seals = journal.events.filter((e) => e.type === 'recording.sealed').map((e) => ({ seq: e.seq, ...eventData(e, 'recording.sealed')! }));
    const bytes = readFileSync(file);
    expect(seals.at(-1)).toMatchObject({ alias: 'web-01', file: `recordings/${casts[0]}`, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    const env = { WARROOM_HOME: home };
    const ok = await runInProcess(['verify', incidentId], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/chain OK .*1 file OK/);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 1;
    writeFileSync(file, bytes);
    const changed = await runInProcess(['verify', incidentId], env);
    expect(changed.code).toBe(2);
    expect(changed.stdout).toContain(`${file} (#${seals.at(-1)!.seq}): changed: sha256`);
    rmSync(file);
    const missing = await runInProcess(['verify', incidentId], env);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain(`${file} (#${seals.at(-1)!.seq}): missing`);
  });

  it('seals a recording once all of it is on disk, and again after late output, the last seal matching the file', async () => {
    const dir = path.join(home, 'sealed');
    const seals: Array<{ file: string; alias: string; bytes: Buffer }> = [];
    const recorder = new Recorder({
      dir: () => dir,
      // What the file holds at each seal: the app hashes exactly this.
      sealed: async ({ file, alias }) => void seals.push({ file, alias, bytes: readFileSync(file) }),
    });
    const id = '5d0a0d8e-2d52-4a4c-8a52-0e4b1f1c0a11';
    recorder.output(id, 'db-02', 'before end\r\n');
    recorder.end(id);
    recorder.output(id, id, 'in flight\r\n');
    await recorder.close();
    const casts = readdirSync(dir);
    expect(casts).toHaveLength(1);
    const file = path.join(dir, casts[0]!);
    expect(seals.length).toBeGreaterThanOrEqual(1);
    expect(seals.every((s) => s.file === file && s.alias === 'db-02')).toBe(true);
    expect(seals.at(-1)!.bytes.equals(readFileSync(file))).toBe(true);
    expect(seals.at(-1)!.bytes.toString()).toContain('in flight');
  });

  it('writes output held for one write to disk while the session goes on, in order', async () => {
    const dir = path.join(home, 'batched');
    const recorder = new Recorder({ dir: () => dir });
    const id = '9b0f3c52-6a1e-4d8e-b1a0-3f2c7d9e8a01';
    const chunks = Array.from({ length: 200 }, (_, i) => `chunk ${i}\r\n`);
    for (const c of chunks) recorder.output(id, 'web-03', c);
    const file = () => path.join(dir, readdirSync(dir)[0]!);
    const events = () => readFileSync(file(), 'utf8').split('\n').slice(1, -1).map((l) => JSON.parse(l) as [number, string, string]);
    // The session has not ended: what was held must still reach the file on its own.
    await expect.poll(() => events().length, { timeout: 10_000 }).toBe(chunks.length);
    expect(events().map((e) => e[2])).toEqual(chunks);
    recorder.output(id, 'web-03', 'later\r\n');
    await expect.poll(() => events().at(-1)?.[2], { timeout: 10_000 }).toBe('later\r\n');
    await recorder.close();
  });

  it('appends output that arrives after the session ended (in flight on shutdown) to its own recording', async () => {
    const dir = path.join(home, 'late');
    const recorder = new Recorder({ dir: () => dir });
    const id = '1c251467-be75-404c-9cc1-57502991c712';
    recorder.size(id, 'db-01', 90, 20);
    recorder.output(id, 'db-01', 'first chunk\r\n');
    recorder.end(id);
    // The composition no longer knows the alias once the session is forgotten: it passes the id.
    recorder.output(id, id, 'last chunk\r\n');
    await recorder.close();
    recorder.output(id, id, 'after close\r\n');
    const casts = readdirSync(dir);
    expect(casts).toHaveLength(1);
    expect(casts[0]).toMatch(/^db-01-/);
    const file = path.join(dir, casts[0]!);
    expect(JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!)).toMatchObject({ title: 'db-01', width: 90, height: 20 });
    const replay = execFileSync('script', ['-qec', `asciinema cat '${file}'`, '/dev/null'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(replay).toBe('first chunk\r\nlast chunk\r\n');
  });
});
