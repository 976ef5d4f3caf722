import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitOperands } from '../../../../electron/cli/run';
import { EventData, MAX_RUN_TAIL_BYTES, eventData, type EventDataOf } from '../../../../shared/model/incident';
import { runInProcess } from '../../cli/cli';
import { createIncident } from '../../../../electron/incident/declare';
import { IncidentStore } from '../../../../electron/incident/store';
import { Journal } from '../../../../electron/journal/journal';
import { createKnownHosts, loadHostCatalog } from '../../../../electron/fleet/config/index';
import { FAILED_EXIT, runCommand } from '../../../../electron/fleet/run/run-service';
import type { HostOutput, RunResult } from '../../../../electron/fleet/run/types';
import { runEvent } from '../../../../electron/fleet/run/record';
import type { ResolvedHost } from '../../../../electron/fleet/types';
import { startSshdFleet, type SshdFleet } from '../../../fixtures/sshd-fleet';

// host02 exits 3 and says something extra; every host writes one line to stderr.
const COMMAND = 'echo "I am $(hostname)"; echo common line; [ "$(hostname)" = host02 ] && { echo extra; exit 3; }; echo "oops $(hostname)" >&2; exit 0';
const SAME = 'echo same; uname -s';

describe('warroom run against real OpenSSH, compared with pdsh', () => {
  let sshd: SshdFleet;
  let config: string;
  beforeAll(async () => {
    sshd = await startSshdFleet({ count: 4 });
    // host04 is stopped for the failure cases; `strange` has an unknown key under ask; `lockedout` has no key.
    config = join(sshd.dir, 'run_config');
    const h1 = sshd.hosts[0]!;
    writeFileSync(
      config,
      `Host strange
  HostName ${h1.address}
  HostKeyAlias never-seen
  StrictHostKeyChecking ask
  IdentityFile ${sshd.clientKey}
Host lockedout
  HostName ${h1.address}
  IdentityFile ${join(sshd.dir, 'no_such_key')}
Host strange lockedout
  Port ${h1.port}
  User ${sshd.user}
  UserKnownHostsFile ${sshd.knownHostsPath}
Match all
Include ${sshd.sshConfigPath}
`,
    );
    await sshd.stopHost('host04');
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  const hostsOf = (...aliases: string[]): ResolvedHost[] => {
    const cat = loadHostCatalog({ sshConfigFile: config });
    return aliases.map((a) => cat.resolve(a)!);
  };
  const pdsh = (hosts: string, command: string): { stdout: string; stderr: string; status: number | null } => {
    const r = spawnSync('pdsh', ['-S', '-R', 'ssh', '-f', '32', '-w', hosts, command], {
      env: { ...process.env, PDSH_SSH_ARGS_APPEND: `-F ${config} -o BatchMode=yes` },
      encoding: 'utf8',
    });
    return { stdout: r.stdout, stderr: r.stderr, status: r.status };
  };
  // In-process through main(), as bin.ts runs it; no agent, no groups, a data directory of its own.
  const cli = async (args: string[], dataDir?: string): Promise<{ stdout: string; stderr: string; code: number | null }> =>
    runInProcess(['run', '--ssh-config', config, '--groups', join(sshd.dir, 'no-groups.yaml'), ...args], {
      WARROOM_HOME: dataDir ?? join(sshd.dir, 'no-incidents'),
      WARROOM_ACTOR: 'tester',
    });
  const sortLines = (s: string): string[] => s.split('\n').filter(Boolean).sort();

  it('records stdout, stderr, exit code and duration per host', async () => {
    const done: string[] = [];
    const r = await runCommand({
      hosts: hostsOf('host01', 'host02', 'host03'),
      command: COMMAND,
      catalog: loadHostCatalog({ sshConfigFile: config }),
      knownHosts: createKnownHosts(),
      agentSocket: '',
      onHostDone: (h) => done.push(h.alias),
    });
    expect(done.sort()).toEqual(['host01', 'host02', 'host03']);
    const by = Object.fromEntries(r.hosts.map((h) => [h.alias, h]));
    expect(by.host01).toMatchObject({ exitCode: 0, signal: null, stdout: 'I am host01\ncommon line\n', stderr: 'oops host01\n' });
    expect(by.host02).toMatchObject({ exitCode: 3, stdout: 'I am host02\ncommon line\nextra\n', stderr: '' });
    expect(by.host03!.failure).toBeUndefined();
    for (const h of r.hosts) expect(h.durationMs).toBeGreaterThanOrEqual(0);
    expect(r.exitCode).toBe(3);
  });

  it('prints what pdsh prints, line for line, and exits with the largest remote status as pdsh -S does', async () => {
    const ours = await cli(['host[01-03]', '--', COMMAND]);
    const theirs = pdsh('host[01-03]', COMMAND);
    expect(sortLines(ours.stdout)).toEqual(sortLines(theirs.stdout));
    // pdsh's stderr adds its own "ssh exited with exit code 3" line; the host lines must agree.
    const hostLines = (s: string): string[] => sortLines(s).filter((l) => /^host\d+: /.test(l));
    expect(hostLines(ours.stderr)).toEqual(hostLines(theirs.stderr));
    expect(ours.stderr).toContain('warroom: host02: exited with status 3');
    expect(ours.code).toBe(3);
    expect(theirs.status).toBe(3);
  });

  it('--collate prints exactly what pdsh | dshbak -c prints', async () => {
    const ours = await cli(['--collate', 'host01,host02,host03', '--', COMMAND]);
    const theirs = execFileSync('dshbak', ['-c'], { input: pdsh('host01,host02,host03', COMMAND).stdout }).toString();
    expect(ours.stdout).toBe(theirs);
    const same = await cli(['--collate', 'host[01-03]', '--', SAME]);
    expect(same.stdout).toBe(execFileSync('dshbak', ['-c'], { input: pdsh('host[01-03]', SAME).stdout }).toString());
    expect(same.stdout.split('\n')[1]).toBe('host[01-03]');
    expect(same.code).toBe(0);
  });

  it('names why each failed host did not run, and exits non-zero', async () => {
    const ours = await cli(['--json', 'host01', 'host04', 'strange', 'lockedout', '--', 'hostname']);
    const r = JSON.parse(ours.stdout) as RunResult;
    const by = Object.fromEntries(r.hosts.map((h) => [h.alias, h]));
    expect(by.host01).toMatchObject({ exitCode: 0, stdout: 'host01\n' });
    expect(by.host04!.failure).toMatchObject({ kind: 'unreachable' });
    expect(by.host04!.failure!.message).toContain('connection refused');
    expect(by.strange!.failure).toMatchObject({ kind: 'hostkey' });
    expect(by.strange!.failure!.message).toContain('there is no terminal to ask on');
    expect(by.lockedout!.failure).toMatchObject({ kind: 'auth' });
    expect(by.lockedout!.failure!.message).toContain(`authentication failed for ${sshd.user}@lockedout`);
    expect(r.exitCode).toBe(FAILED_EXIT);
    expect(ours.code).toBe(FAILED_EXIT);
    expect(r.command).toBe('hostname');
  });

  it('cuts off a host that runs past --timeout', async () => {
    // The timeout covers connecting too, so it leaves room for a loaded 2-core machine.
    const ours = await cli(['--json', '--timeout', '8', 'host01,host03', '--', '[ "$(hostname)" = host03 ] && sleep 60; echo done']);
    const r = JSON.parse(ours.stdout) as RunResult;
    const by = Object.fromEntries(r.hosts.map((h) => [h.alias, h]));
    expect(by.host01).toMatchObject({ exitCode: 0, stdout: 'done\n' });
    expect(by.host03!.failure).toMatchObject({ kind: 'timeout' });
    expect(ours.code).toBe(FAILED_EXIT);
  });

  it('records the run (command, hosts, exit codes) on the active incident', async () => {
    const dataDir = join(sshd.dir, 'data');
    const store = new IncidentStore(dataDir);
    const { incident, journal } = await createIncident(store, { title: 'disk full on host02', severity: 'SEV2', actor: 'tester' });
    await journal.close();
    await store.setActive(incident.id);
    const ours = await cli(['host01,host02,host04', '--', '[ "$(hostname)" = host02 ] && exit 5; true'], dataDir);
    expect(ours.code).toBe(FAILED_EXIT);
    const j = await Journal.open(store.journalFile(incident.id));
    try {
      const run = j.events.find((e) => e.type === 'command.run');
      expect(run?.actor).toBe('tester');
      const data = run!.data as { line: string; results: Array<{ host: string; exitCode: number | null; error?: string }> };
      expect(data.line).toBe('[ "$(hostname)" = host02 ] && exit 5; true');
      const by = Object.fromEntries(data.results.map((r) => [r.host, r]));
      expect(by.host01).toEqual({ host: 'host01', exitCode: 0 });
      expect(by.host02).toEqual({ host: 'host02', exitCode: 5 });
      expect(by.host04!.exitCode).toBeNull();
      expect(by.host04!.error).toMatch(/^unreachable: .*connection refused/);
    } finally {
      await j.close();
    }
    // A wrong --incident stops the run before anything runs.
    const wrong = await cli(['--incident', 'no-such-incident', 'host01', '--', 'true'], dataDir);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(/^warroom: .*no incident no-such-incident/);
  });

  it('keeps each host\'s output: its tail in the event, all of it in a private file by hash, which verify checks', async () => {
    const dataDir = join(sshd.dir, 'data-output');
    const store = new IncidentStore(dataDir);
    const { incident, journal } = await createIncident(store, { title: 'root full on host02', severity: 'SEV2', actor: 'tester' });
    await journal.close();
    await store.setActive(incident.id);
    // More than the 4 KiB tail: the file must hold the start, the tail the end (the df line).
    const command = 'seq 1 2000; echo "warn $(hostname)" >&2; echo "/dev/vda1 20G 20G 0 100% /"';
    const ours = await cli(['host01,host02', '--', command], dataDir);
    expect(ours.code).toBe(0);
    const { events } = await store.read(incident.id);
    const run = eventData(events.find((e) => e.type === 'command.run')!, 'command.run')!;
    const dir = store.dir(incident.id);
    for (const r of run.results) {
      // sshd reads stdout and stderr from separate pipes, so their relative order is not kept.
      expect(r.tail).toContain('\n2000\n');
      expect(r.tail).toContain('/dev/vda1 20G 20G 0 100% /\n');
      expect(r.tail).toContain(`warn ${r.host}\n`);
      expect(Buffer.byteLength(r.tail!)).toBeLessThanOrEqual(MAX_RUN_TAIL_BYTES);
      expect(r.tail).not.toContain('\n1\n2\n');
      expect(r.output!.file).toMatch(new RegExp(`^runs/[0-9a-f-]{36}/${r.host}\\.out$`));
      const file = join(dir, r.output!.file);
      const text = readFileSync(file);
      expect(text.toString()).toMatch(/^1\n2\n3\n[\s\S]*\n2000\n/);
      expect(text.length).toBe(r.output!.bytes);
      expect(createHash('sha256').update(text).digest('hex')).toBe(r.output!.sha256);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(r.dropped).toBeUndefined();
    }
    const env = { WARROOM_HOME: dataDir };
    const ok = await runInProcess(['verify', incident.id], env);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toContain('chain OK');
    expect(ok.stdout).toContain('2 files OK');

    // One changed byte in host02's output: the chain still holds, the file does not.
    const host02 = join(dir, run.results.find((r) => r.host === 'host02')!.output!.file);
    const bytes = readFileSync(host02);
    bytes[0] = bytes[0]! ^ 1;
    writeFileSync(host02, bytes);
    const changed = await runInProcess(['verify', incident.id], env);
    expect(changed.code).toBe(2);
    expect(changed.stdout).toContain(`${host02} (#2): changed: sha256`);
    expect(changed.stdout).not.toContain('host01.out');
    rmSync(host02);
    const missing = await runInProcess(['verify', '--json', incident.id], env);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, files: 2, fileProblems: [`${host02} (#2): missing`] });
  });

  it('bounds a host\'s output, and says in the event how much was left out', async () => {
    const limit = 64 * 1024;
    const over = 1000;
    const outputs: HostOutput[] = [];
    const result = await runCommand({
      hosts: hostsOf('host01'),
      command: `head -c ${limit + over} /dev/zero | tr '\\0' x; echo; echo the end`,
      catalog: loadHostCatalog({ sshConfigFile: config }),
      knownHosts: createKnownHosts(),
      agentSocket: '',
      maxOutputBytes: limit,
      onHostOutput: (o) => outputs.push(o),
    });
    expect(outputs).toHaveLength(1);
    expect(outputs[0]!.data).toEqual(Buffer.alloc(limit, 'x'));
    expect(outputs[0]!.dropped).toBe(over + '\nthe end\n'.length);
    expect(result.hosts[0]!.stdout).toHaveLength(limit);
    const draft = runEvent(result, 'tester', { outputs });
    const [r] = (draft.data as EventDataOf<'command.run'>).results;
    expect(r!.dropped).toBe(over + '\nthe end\n'.length);
    expect(r!.tail).toBe(`${'x'.repeat(MAX_RUN_TAIL_BYTES - '\nthe end\n'.length)}\nthe end\n`);
    expect(EventData['command.run'].safeParse(draft.data).success).toBe(true);
  });

  it('takes the command after -- (even one with its own --), or as the last operand', () => {
    expect(splitOperands(['a', 'b', 'grep', '--', '-x'], ['node', 'w', 'run', 'a', 'b', '--', 'grep', '--', '-x'])).toEqual({ targets: ['a', 'b'], command: 'grep -- -x' });
    expect(splitOperands(['a', 'uptime'], ['node', 'w', 'run', 'a', 'uptime'])).toEqual({ targets: ['a'], command: 'uptime' });
  });
});
