import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadHostCatalog } from '../../../../electron/fleet/config/index';
import { parseJumpSpec } from '../../../../electron/fleet/connect/route';
import { Fleet } from '../../../../electron/fleet/fleet';
import type { HostCatalog, ResolvedHost } from '../../../../electron/fleet/types';
import { startSshdFleet, type SshdFleet } from '../../../fixtures/sshd-fleet';
import { isDown, isReady, realKnownHosts, recorder, type Recorder } from './helpers';

describe('getting there: ProxyJump chains and ProxyCommand through real OpenSSH', () => {
  let sshd: SshdFleet;
  let configPath: string;
  let fleet: Fleet | undefined;
  beforeAll(async () => {
    // DEBUG: sshd logs every direct-tcpip request it forwards, which shows the route taken.
    sshd = await startSshdFleet({ count: 3, hostnames: ['jump1', 'jump2', 'target'], extraConfig: 'LogLevel DEBUG' });
    const [j1, , t] = sshd.hosts;
    configPath = join(sshd.dir, 'proxy_config');
    writeFileSync(
      configPath,
      `Host target
  ProxyJump jump1,jump2
Host nowhere
  HostName 127.0.0.250
  ProxyJump jump1
Host literal
  HostName ${t!.address}
  ProxyJump ${sshd.user}@${j1!.address}:${j1!.port}
Host viacmd badcmd literal
  HostName ${t!.address}
  Port ${t!.port}
  User ${sshd.user}
  IdentityFile ${sshd.clientKey}
  UserKnownHostsFile ${sshd.knownHostsPath}
Host viacmd
  ProxyCommand ssh -F ${sshd.sshConfigPath} -o BatchMode=yes -W %h:%p jump1
Host badcmd
  ProxyCommand sh -c 'echo no route to that host >&2; exit 3'
Host 127.0.0.*
  IdentityFile ${sshd.clientKey}
  UserKnownHostsFile ${sshd.knownHostsPath}
Match all
Include ${sshd.sshConfigPath}
`,
    );
  });
  afterEach(async () => {
    await fleet?.close();
    fleet = undefined;
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  const open = (tweak: (h: ResolvedHost) => ResolvedHost = (h) => h): Recorder => {
    const real = loadHostCatalog({ sshConfigFile: configPath });
    const catalog: HostCatalog = {
      list: () => real.list(),
      resolve: (a) => {
        const h = real.resolve(a);
        return h && tweak(h);
      },
    };
    const rec = recorder();
    fleet = new Fleet({ catalog, knownHosts: realKnownHosts(), events: rec, agentSocket: '' });
    return rec;
  };
  const shellHostname = async (rec: Recorder, id: string): Promise<void> => {
    fleet!.write([id], 'echo "name=$(hostname)"\n');
    await rec.waitOutput(id, (t) => t.includes('name=target'), 'the target hostname');
  };
  const log = (i: number): string => readFileSync(sshd.hosts[i]!.logFile, 'utf8');
  const forwardedTo = (i: number, to: number, since = 0): boolean =>
    new RegExp(`server_request_direct_tcpip: .*target ${sshd.hosts[to]!.address.replace(/\./g, '\\.')} port ${sshd.hosts[to]!.port}`).test(log(i).slice(since));

  it('parses hops as ProxyJump writes them', () => {
    expect(parseJumpSpec('bastion')).toEqual({ host: 'bastion' });
    expect(parseJumpSpec('ops@bastion:2222')).toEqual({ host: 'bastion', user: 'ops', port: 2222 });
    expect(parseJumpSpec('ssh://a@[::1]:22')).toEqual({ host: '::1', user: 'a', port: 22 });
    expect(() => parseJumpSpec('a@b:99999')).toThrow(/ProxyJump hop/);
  });

  it('reaches the target through a two-hop chain, each hop verified and authenticated by its own config', async () => {
    // OpenSSH agrees this config reaches the target through the chain.
    expect(execFileSync('ssh', ['-F', configPath, '-o', 'BatchMode=yes', 'target', 'hostname']).toString().trim()).toBe('target');
    const since = [log(0).length, log(1).length];
    const rec = open();
    const [s] = fleet!.connect(['target'], 80, 24);
    await rec.waitState(s!.sessionId, isReady);
    await shellHostname(rec, s!.sessionId);
    const phases = rec.states.filter((x) => x.sessionId === s!.sessionId).map((x) => `${x.state}${x.reason ? `:${x.reason}` : ''}`);
    expect(phases).toEqual([
      'connecting',
      'verifying:verifying jump host jump1',
      'authenticating:authenticating to jump host jump1',
      'verifying:verifying jump host jump2',
      'authenticating:authenticating to jump host jump2',
      'verifying',
      'authenticating',
      'ready',
    ]);
    expect(forwardedTo(0, 1, since[0])).toBe(true); // jump1 opened the channel to jump2
    expect(forwardedTo(1, 2, since[1])).toBe(true); // jump2 opened the channel to the target
    expect(forwardedTo(0, 2, since[0])).toBe(false); // and jump1 never went to the target itself
  });

  it("asks about a hop's unknown key under the hop's own name", async () => {
    const empty = join(sshd.dir, 'kh-empty');
    writeFileSync(empty, '');
    const rec = open((h) => (h.alias === 'jump2' ? { ...h, knownHostsFiles: [empty], knownHostsWriteFile: empty, strictHostKeyChecking: 'ask' } : h));
    const [s] = fleet!.connect(['target'], 80, 24);
    const p = await rec.waitPrompt();
    expect(p.alias).toBe('jump2');
    expect(p.host).toBe(sshd.hosts[1]!.address);
    fleet!.answerHostKey(p.promptId, 'accept-once');
    await rec.waitState(s!.sessionId, isReady);
    await shellHostname(rec, s!.sessionId);
  });

  it('names the failing hop: authentication on a jump host, and a target the last hop cannot reach', async () => {
    const rec = open((h) => (h.alias === 'jump1' ? { ...h, identityFiles: [] } : h));
    const [s] = fleet!.connect(['target'], 80, 24);
    const down = await rec.waitState(s!.sessionId, isDown);
    expect(down.reason).toMatch(new RegExp(`^jump host jump1: authentication failed for ${sshd.user}@jump1 \\(`));
    await fleet!.close();

    const rec2 = open();
    const [n] = fleet!.connect(['nowhere'], 80, 24);
    const d2 = await rec2.waitState(n!.sessionId, isDown);
    expect(d2.reason).toContain('jump host jump1 cannot reach nowhere (127.0.0.250:22)');
  });

  it('takes a hop written as user@address:port', async () => {
    const rec = open();
    const [s] = fleet!.connect(['literal'], 80, 24);
    await rec.waitState(s!.sessionId, isReady);
    await shellHostname(rec, s!.sessionId);
  });

  it("uses a ProxyCommand's stdio as the connection (here OpenSSH's own ssh -W)", async () => {
    const since = log(0).length;
    const rec = open();
    const [s] = fleet!.connect(['viacmd'], 80, 24);
    await rec.waitState(s!.sessionId, isReady);
    await shellHostname(rec, s!.sessionId);
    expect(forwardedTo(0, 2, since)).toBe(true);
  });

  it('reports a ProxyCommand that fails with its status and stderr', async () => {
    const rec = open();
    const [s] = fleet!.connect(['badcmd'], 80, 24);
    const down = await rec.waitState(s!.sessionId, isDown);
    expect(down.reason).toContain('ProxyCommand for badcmd exited with status 3: no route to that host');
  });
});
