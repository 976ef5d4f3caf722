/**
 * The practice fleet on the wire: real OpenSSH (the oracle for our known_hosts and client key) and
 * ssh2 reach every host, each host answers with its own name, and everything else is refused.
 */
import { statSync, readFileSync } from 'node:fs';
import { Client } from 'ssh2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKnownHosts } from '../../../electron/fleet/config/known-hosts/store';
import { startPracticeFleet, type PracticeFleet } from '../../../electron/practice/index';
import { connect, end, exec, killStrayChildren, openssh, otherKey, run, tempDataDir } from './helpers';

describe('practice fleet over real SSH', () => {
  const data = tempDataDir();
  let fleet: PracticeFleet;

  beforeAll(async () => {
    fleet = await startPracticeFleet({ dataDir: data.dir });
  });
  afterEach(killStrayChildren);
  afterAll(async () => {
    await fleet?.close();
    data.remove();
  });

  it('describes 8 hosts the way the fleet connector expects', () => {
    expect(fleet.hosts.map((h) => h.alias)).toEqual(['web-01', 'web-02', 'web-03', 'web-04', 'db-01', 'db-02', 'cache-01', 'lb-01']);
    expect(fleet.hosts.map((h) => h.hostname)).toEqual(['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7', '127.0.0.8', '127.0.0.9']);
    expect(fleet.groups).toEqual({ web: ['web-01', 'web-02', 'web-03', 'web-04'], db: ['db-01', 'db-02'], cache: ['cache-01'], lb: ['lb-01'] });
    expect(fleet.faultyAlias).toBe('web-02');
    for (const h of fleet.hosts) {
      expect(h).toMatchObject({
        source: 'practice', user: 'sre', identityFiles: [fleet.clientKeyPath], knownHostsFiles: [fleet.knownHostsPath],
        knownHostsWriteFile: fleet.knownHostsPath, strictHostKeyChecking: 'yes', hashKnownHosts: false, identitiesOnly: true,
        serverAliveInterval: 0, serverAliveCountMax: 3, proxyJump: [], groups: [h.alias.split('-')[0]],
      });
      expect(h.port).toBeGreaterThan(0);
    }
  });

  it('keeps private keys unreadable to others', () => {
    expect(statSync(fleet.clientKeyPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(fleet.clientKeyPath, 'utf8')).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    expect(statSync(`${data.dir}/practice/keys/web-02_ed25519`).mode & 0o777).toBe(0o600);
  });

  it('writes a known_hosts that ssh-keygen -F finds, one line per host', async () => {
    for (const h of fleet.hosts) {
      const r = await run('ssh-keygen', ['-F', `[${h.hostname}]:${h.port}`, '-f', fleet.knownHostsPath]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`[${h.hostname}]:${h.port} ssh-ed25519 AAAA`);
    }
  });

  it('lets OpenSSH in with the practice key and the known_hosts, and each host names itself', async () => {
    const results = await Promise.all(fleet.hosts.map((h) => openssh(h, { identity: fleet.clientKeyPath, knownHosts: fleet.knownHostsPath }, 'hostname')));
    results.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(`${fleet.hosts[i]?.alias}\n`);
    });
  });

  it('passes the exit status and the two output streams through OpenSSH', async () => {
    const h = fleet.hosts[0]!;
    const r = await openssh(h, { identity: fleet.clientKeyPath, knownHosts: fleet.knownHostsPath }, 'echo "on $(hostname)"; no-such-tool');
    expect(r.stdout).toBe('on web-01\n');
    expect(r.stderr).toContain('no-such-tool: command not found');
    expect(r.code).toBe(127);
  });

  it('reaches the same hosts through the generated ssh_config', async () => {
    const r = await run('ssh', ['-F', fleet.sshConfigPath, '-o', 'BatchMode=yes', '-o', 'IdentityAgent=none', 'db-02', 'hostname']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('db-02\n');
    const g = await run('ssh', ['-G', '-F', fleet.sshConfigPath, 'lb-01']);
    const lb = fleet.hosts.find((h) => h.alias === 'lb-01')!;
    expect(g.stdout).toContain(`hostname ${lb.hostname}\n`);
    expect(g.stdout).toContain(`port ${lb.port}\n`);
    expect(g.stdout).toContain('user sre\n');
  });

  it('lets ssh2 in with the same key and host key check, on every host', async () => {
    const key = readFileSync(fleet.clientKeyPath);
    for (const h of fleet.hosts) {
      const c = await connect(h, fleet.knownHostsPath, key);
      const r = await exec(c, 'hostname && echo $HOSTNAME');
      expect(r).toEqual({ code: 0, stdout: `${h.alias}\n${h.alias}\n`, stderr: '' });
      await end(c);
    }
  });

  it("finds every host key in Warroom's own known_hosts reader", async () => {
    const store = createKnownHosts();
    for (const h of fleet.hosts) {
      const presented = await new Promise<Buffer>((resolve, reject) => {
        const c = new Client();
        c.on('error', () => undefined);
        c.connect({
          host: h.hostname,
          port: h.port,
          username: 'sre',
          hostVerifier: (key: Buffer) => {
            resolve(key);
            return false; // seen the key: go no further
          },
        });
        setTimeout(() => reject(new Error(`no host key from ${h.alias}`)), 10_000).unref();
      });
      expect(store.check(h.knownHostsFiles, h.hostname, h.port, 'ssh-ed25519', presented)).toMatchObject({ status: 'known', file: fleet.knownHostsPath });
    }
    expect(store.warnings()).toEqual([]);
  });

  it('refuses a key it does not know, for OpenSSH and ssh2 alike', async () => {
    const h = fleet.hosts[1]!;
    const wrong = tempDataDir();
    try {
      const path = `${wrong.dir}/id_ed25519`;
      const { writeFileSync } = await import('node:fs');
      writeFileSync(path, otherKey(), { mode: 0o600 });
      const r = await openssh(h, { identity: path, knownHosts: fleet.knownHostsPath }, 'hostname');
      expect(r.code).toBe(255);
      expect(r.stderr).toContain('Permission denied (publickey)');
      expect(r.stdout).toBe('');
      await expect(connect(h, fleet.knownHostsPath, readFileSync(path))).rejects.toThrow(/authentication methods failed/);
    } finally {
      wrong.remove();
    }
  });

  it('refuses users other than sre', async () => {
    const h = fleet.hosts[0]!;
    const r = await openssh(h, { identity: fleet.clientKeyPath, knownHosts: fleet.knownHostsPath, user: 'root' }, 'hostname');
    expect(r.code).toBe(255);
    expect(r.stderr).toContain('Permission denied (publickey)');
  });

  it('presents a host key that only its own known_hosts line matches', async () => {
    // Swap two hosts' ports in a copy of known_hosts: OpenSSH must now see a changed key and stop.
    const [a, b] = [fleet.hosts[0]!, fleet.hosts[1]!];
    const text = readFileSync(fleet.knownHostsPath, 'utf8');
    const keyOf = (name: string): string => text.split('\n').find((l) => l.startsWith(`${name} `))!.split(' ').slice(1).join(' ');
    const tmp = tempDataDir();
    try {
      const { writeFileSync } = await import('node:fs');
      const swapped = `${tmp.dir}/known_hosts`;
      writeFileSync(swapped, `[${a.hostname}]:${a.port} ${keyOf(`[${b.hostname}]:${b.port}`)}\n`);
      const r = await openssh(a, { identity: fleet.clientKeyPath, knownHosts: swapped }, 'hostname');
      expect(r.code).toBe(255);
      expect(r.stderr).toContain('REMOTE HOST IDENTIFICATION HAS CHANGED');
      expect(r.stdout).toBe('');
    } finally {
      tmp.remove();
    }
  });
});

describe('practice fleet under abuse', () => {
  afterEach(killStrayChildren);

  it('shrugs off junk on the wire and half-open connections, and keeps serving', async () => {
    const data = tempDataDir();
    const fleet = await startPracticeFleet({ dataDir: data.dir, count: 1, firstAddress: 40, loginGraceSeconds: 1 });
    const h = fleet.hosts[0]!;
    try {
    const { createConnection } = await import('node:net');
    const outcomes = await Promise.all([
      'GET / HTTP/1.1\r\nHost: x\r\n\r\n',
      'SSH-2.0-junk\r\n' + '\u0000\u0001\u00ff'.repeat(5000),
      'silent',
      'vanish',
    ].map((payload) => new Promise<string>((resolve) => {
      const sock = createConnection({ host: h.hostname, port: h.port });
      sock.resume(); // read (and drop) what the server says, so its close reaches us
      sock.on('error', () => resolve('error'));
      sock.on('close', () => resolve('closed'));
      sock.on('connect', () => {
        if (payload === 'vanish') sock.destroy();
        else if (payload !== 'silent') sock.write(payload);
      });
      sock.setTimeout(20_000, () => {
        sock.destroy();
        resolve('timeout');
      });
    })));
    // Not SSH, broken SSH: dropped. Silent: dropped when the login grace time runs out.
    expect(outcomes).toEqual(['closed', 'closed', 'closed', 'closed']);
    const r = await openssh(h, { identity: fleet.clientKeyPath, knownHosts: fleet.knownHostsPath }, 'hostname');
    expect(r.stdout).toBe(`${h.alias}\n`);
    } finally {
      await fleet.close();
      data.remove();
    }
  });

});

describe('practice fleet login grace', () => {
  it('lets a logged-in session outlive the login grace time', async () => {
    const data = tempDataDir();
    const fleet = await startPracticeFleet({ dataDir: data.dir, count: 1, firstAddress: 44, loginGraceSeconds: 1 });
    try {
      const c = await connect(fleet.hosts[0]!, fleet.knownHostsPath, readFileSync(fleet.clientKeyPath));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await exec(c, 'hostname')).stdout).toBe('web-01\n');
      await end(c);
    } finally {
      await fleet.close();
      data.remove();
    }
  });
});

describe('practice fleets sharing a data dir', () => {
  afterEach(killStrayChildren);

  it("keep each other's known_hosts lines while both run, and drop their own on close", async () => {
    const data = tempDataDir();
    const a = await startPracticeFleet({ dataDir: data.dir, count: 2 });
    const b = await startPracticeFleet({ dataDir: data.dir, count: 2, firstAddress: 20 });
    try {
      expect(b.knownHostsPath).toBe(a.knownHostsPath);
      for (const h of [...a.hosts, ...b.hosts]) {
        const r = await openssh(h, { identity: a.clientKeyPath, knownHosts: a.knownHostsPath }, 'hostname');
        expect(r.stdout, r.stderr).toBe(`${h.alias}\n`);
      }
      await b.close();
      const text = readFileSync(a.knownHostsPath, 'utf8');
      expect(text).not.toContain(`[${b.hosts[0]?.hostname}]:`);
      expect(text).toContain(`[${a.hosts[0]?.hostname}]:${a.hosts[0]?.port} `);
      const r = await openssh(a.hosts[1]!, { identity: a.clientKeyPath, knownHosts: a.knownHostsPath }, 'hostname');
      expect(r.stdout).toBe('web-02\n');
    } finally {
      await b.close();
      await a.close();
      data.remove();
    }
  });

  it('drops the lines of a fleet whose process is gone', async () => {
    const data = tempDataDir();
    try {
      const { mkdirSync, writeFileSync } = await import('node:fs');
      mkdirSync(`${data.dir}/practice`, { recursive: true });
      // A PID above the kernel's limit cannot be alive.
      writeFileSync(`${data.dir}/practice/known_hosts`, '[127.0.0.2]:40000 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl web-01 (warroom practice 99999999.1)\n');
      const fleet = await startPracticeFleet({ dataDir: data.dir, count: 1 });
      await fleet.close();
      expect(readFileSync(fleet.knownHostsPath, 'utf8')).not.toContain('40000');
    } finally {
      data.remove();
    }
  });
});

describe('practice fleet keys across launches', () => {
  it('reuses host and client keys on the same data dir, and rewrites known_hosts for the new ports', async () => {
    const data = tempDataDir();
    try {
      const first = await startPracticeFleet({ dataDir: data.dir, count: 3 });
      const key1 = readFileSync(first.clientKeyPath, 'utf8');
      const known1 = readFileSync(first.knownHostsPath, 'utf8');
      await first.close();
      const second = await startPracticeFleet({ dataDir: data.dir, count: 3 });
      try {
        expect(readFileSync(second.clientKeyPath, 'utf8')).toBe(key1);
        const known2 = readFileSync(second.knownHostsPath, 'utf8');
        const keys = (t: string): string[] => t.split('\n').filter((l) => l.startsWith('[')).map((l) => l.split(' ').slice(1, 3).join(' '));
        expect(keys(known2)).toEqual(keys(known1));
        expect(keys(known2)).toHaveLength(3);
        expect(new Set(keys(known2)).size).toBe(3);
        // The rewritten file is the one OpenSSH accepts now.
        const r = await openssh(second.hosts[2]!, { identity: second.clientKeyPath, knownHosts: second.knownHostsPath }, 'hostname');
        expect(r.stdout).toBe(`${second.hosts[2]?.alias}\n`);
      } finally {
        await second.close();
        killStrayChildren();
      }
    } finally {
      data.remove();
    }
  });

  it('replaces a corrupt host key file instead of failing to start', async () => {
    const data = tempDataDir();
    try {
      const { mkdirSync, writeFileSync } = await import('node:fs');
      mkdirSync(`${data.dir}/practice/keys`, { recursive: true });
      writeFileSync(`${data.dir}/practice/keys/web-01_ed25519`, 'not a key\n');
      const fleet = await startPracticeFleet({ dataDir: data.dir, count: 1 });
      try {
        const r = await openssh(fleet.hosts[0]!, { identity: fleet.clientKeyPath, knownHosts: fleet.knownHostsPath }, 'hostname');
        expect(r.stdout).toBe('web-01\n');
        expect(readFileSync(`${data.dir}/practice/keys/web-01_ed25519`, 'utf8')).toMatch(/OPENSSH PRIVATE KEY/);
      } finally {
        await fleet.close();
        killStrayChildren();
      }
    } finally {
      data.remove();
    }
  });
});
