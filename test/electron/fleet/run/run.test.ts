import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitOperands } from '../../../../electron/cli/run';
import { runInProcess } from '../../cli/cli';
import { createIncident } from '../../../../electron/incident/declare';
import { IncidentStore } from '../../../../electron/incident/store';
import { Journal } from '../../../../electron/journal/journal';
import { createKnownHosts, loadHostCatalog } from '../../../../electron/fleet/config/index';
import { FAILED_EXIT, runCommand } from '../../../../electron/fleet/run/run-service';
import type { RunResult } from '../../../../electron/fleet/run/types';
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

  it('takes the command after -- (even one with its own --), or as the last operand', () => {
    expect(splitOperands(['a', 'b', 'grep', '--', '-x'], ['node', 'w', 'run', 'a', 'b', '--', 'grep', '--', '-x'])).toEqual({ targets: ['a', 'b'], command: 'grep -- -x' });
    expect(splitOperands(['a', 'uptime'], ['node', 'w', 'run', 'a', 'uptime'])).toEqual({ targets: ['a'], command: 'uptime' });
  });
});
