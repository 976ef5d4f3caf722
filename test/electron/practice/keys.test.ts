/** Key files the practice fleet writes: loadable by ssh2 and by OpenSSH, every time. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateKey } from '../../../electron/practice/keys';
import { killStrayChildren, run, tempDataDir } from './helpers';

describe('practice keys', () => {
  const data = tempDataDir();
  afterEach(killStrayChildren);
  afterAll(() => data.remove());

  it('makes only keys that load, even where ssh2 generates a broken one (about 1 in 256)', () => {
    // 1000 keys meet ssh2's short-public-key bug with near certainty; every file must still load.
    for (let i = 0; i < 1000; i += 1) {
      const pair = loadOrCreateKey(join(data.dir, `k${i}`), `test-${i}`);
      const parsed = utils.parseKey(readFileSync(join(data.dir, `k${i}`)));
      expect(parsed instanceof Error ? parsed.message : 'ok').toBe('ok');
      expect(pair.parsed.getPublicSSH()).toHaveLength(51);
    }
  });

  it('writes key files that OpenSSH reads back to the same public key', async () => {
    for (let i = 0; i < 10; i += 1) {
      const path = join(data.dir, `k${i}`);
      const r = await run('ssh-keygen', ['-y', '-f', path]);
      expect(r.code, r.stderr).toBe(0);
      const [type, b64] = readFileSync(`${path}.pub`, 'utf8').split(' ');
      expect(r.stdout.trim().split(' ').slice(0, 2)).toEqual([type, b64]);
    }
  });

  it('loads an existing key instead of replacing it', () => {
    const path = join(data.dir, 'k0');
    const before = readFileSync(path, 'utf8');
    const pair = loadOrCreateKey(path, 'again');
    expect(pair.privateText).toBe(before);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});
