/**
 * A fleet of hundreds: every host answers with its own name over ssh2, and close() leaves nothing
 * behind: open sessions are ended and every port refuses connections afterwards.
 */
import { readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import type { Client } from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import { startPracticeFleet, type PracticeFleet } from '../../../electron/practice/index';
import { connect, end, exec, ShellSession, tempDataDir } from './helpers';

function probe(host: string, port: number): Promise<'open' | 'refused' | string> {
  return new Promise((resolve) => {
    const s = createConnection({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve('open');
    });
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED' ? 'refused' : (e.code ?? e.message)));
  });
}

describe('practice fleet at scale', () => {
  const data = tempDataDir();
  let fleet: PracticeFleet | undefined;
  const clients: Client[] = [];

  afterAll(async () => {
    await Promise.all(clients.map((c) => end(c)));
    await fleet?.close();
    data.remove();
  });

  it('starts 120 hosts with distinct names, addresses and keys, and each names itself over SSH', async () => {
    fleet = await startPracticeFleet({ dataDir: data.dir, count: 120 });
    const f = fleet;
    expect(f.hosts).toHaveLength(120);
    expect(new Set(f.hosts.map((h) => h.alias)).size).toBe(120);
    expect(new Set(f.hosts.map((h) => h.hostname)).size).toBe(120);
    expect(Object.keys(f.groups).sort()).toEqual(['cache', 'db', 'lb', 'web']);
    expect(Object.values(f.groups).flat().sort()).toEqual(f.hosts.map((h) => h.alias).sort());
    const known = readFileSync(f.knownHostsPath, 'utf8').split('\n').filter((l) => l.startsWith('['));
    expect(known).toHaveLength(120);
    expect(new Set(known.map((l) => l.split(' ')[2])).size).toBe(120);

    const key = readFileSync(f.clientKeyPath);
    const names: string[] = [];
    for (let i = 0; i < f.hosts.length; i += 20) {
      const batch = f.hosts.slice(i, i + 20);
      const connected = await Promise.all(batch.map((h) => connect(h, f.knownHostsPath, key)));
      clients.push(...connected);
      const outs = await Promise.all(connected.map((c) => exec(c, 'hostname')));
      names.push(...outs.map((o) => o.stdout.trim()));
    }
    expect(names).toEqual(f.hosts.map((h) => h.alias));
  });

  it('ends open sessions on close() and then refuses every connection', async () => {
    const f = fleet;
    if (!f) throw new Error('fleet did not start');
    const shell = await ShellSession.open(clients[0] as Client);
    await shell.waitFor(`sre@${f.hosts[0]?.alias}:~$ `);
    const closedClients = clients.map((c) => new Promise<void>((resolve) => c.once('close', () => resolve())));

    await f.close();
    await shell.waitClosed();
    await Promise.all(closedClients);
    clients.length = 0;
    const probes = await Promise.all(f.hosts.map((h) => probe(h.hostname, h.port)));
    expect(probes).toEqual(f.hosts.map(() => 'refused'));
    // A second close is harmless.
    await f.close();
  });
});

describe('practice fleet at its design size', () => {
  it('serves 500 hosts, past 127.0.0.254, and closes them all', async () => {
    const data = tempDataDir();
    const fleet = await startPracticeFleet({ dataDir: data.dir, count: 500 });
    try {
      const last = fleet.hosts[499]!;
      expect(last.hostname).toBe('127.0.1.247');
      const key = readFileSync(fleet.clientKeyPath);
      // A sample across the range, including both /24s and the last host.
      const sample = [0, 1, 252, 253, 254, 377, 498, 499].map((i) => fleet.hosts[i]!);
      for (const h of sample) {
        const c = await connect(h, fleet.knownHostsPath, key);
        expect((await exec(c, 'hostname')).stdout).toBe(`${h.alias}\n`);
        await end(c);
      }
    } finally {
      await fleet.close();
      data.remove();
    }
    const probes = await Promise.all(fleet.hosts.map((h) => probe(h.hostname, h.port)));
    expect(probes.filter((p) => p !== 'refused')).toEqual([]);
  });
});
