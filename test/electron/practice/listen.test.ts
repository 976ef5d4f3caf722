/** Where the practice servers listen: a fixed port on every address, and a clear error when taken. */
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startPracticeFleet } from '../../../electron/practice/index';
import { killStrayChildren, openssh, run, tempDataDir } from './helpers';

function freePort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, address, () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

describe('practice fleet listening', () => {
  afterEach(killStrayChildren);

  it('puts every host on one fixed port when asked, each on its own address', async () => {
    const data = tempDataDir();
    const port = await freePort('127.0.0.201');
    const fleet = await startPracticeFleet({ dataDir: data.dir, count: 3, firstAddress: 201, port });
    try {
      expect(fleet.hosts.map((h) => `${h.hostname}:${h.port}`)).toEqual([`127.0.0.201:${port}`, `127.0.0.202:${port}`, `127.0.0.203:${port}`]);
      for (const h of fleet.hosts) {
        const found = await run('ssh-keygen', ['-F', `[${h.hostname}]:${port}`, '-f', fleet.knownHostsPath]);
        expect(found.code).toBe(0);
        const r = await openssh(h, { identity: fleet.clientKeyPath, knownHosts: fleet.knownHostsPath }, 'hostname');
        expect(r.stdout).toBe(`${h.alias}\n`);
      }
    } finally {
      await fleet.close();
      data.remove();
    }
  });

  it('names the host and address when a port is taken, and leaves nothing listening', async () => {
    const data = tempDataDir();
    const port = await freePort('127.0.0.212');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.212', () => resolve()));
    try {
      await expect(startPracticeFleet({ dataDir: data.dir, count: 3, firstAddress: 210, port }))
        .rejects.toThrow(`practice fleet: db-01 cannot listen on 127.0.0.212:${port}: listen EADDRINUSE`);
      // The two hosts that did start were closed again: their address and port are free.
      const again = await startPracticeFleet({ dataDir: data.dir, count: 2, firstAddress: 210, port });
      expect(again.hosts.map((h) => h.hostname)).toEqual(['127.0.0.210', '127.0.0.211']);
      expect(readFileSync(again.knownHostsPath, 'utf8')).toContain(`[127.0.0.211]:${port} ssh-ed25519 `);
      await again.close();
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
      data.remove();
    }
  });
});
