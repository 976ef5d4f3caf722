import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mergeCatalogs, staticCatalog } from '../../../electron/app/catalog';
import { loadHostCatalog } from '../../../electron/fleet/config/index';
import type { ResolvedHost } from '../../../electron/fleet/types';

describe('mergeCatalogs', () => {
  it('gives an alias to the source that lists it, and unlisted names to ssh-style resolution', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'warroom-catalog-'));
    try {
      const config = path.join(dir, 'config');
      writeFileSync(config, 'Host web-01\n  HostName 127.0.0.9\n  User ops\n');
      const configured = loadHostCatalog({ sshConfigFile: config });
      const practiceHost = (alias: string, hostname: string): ResolvedHost => ({
        ...configured.resolve('web-01')!,
        alias,
        hostname,
        source: 'practice',
        user: 'sre',
      });
      const practice = staticCatalog([practiceHost('web-01', '127.0.0.2'), practiceHost('db-01', '127.0.0.3')], { db: ['db-01'] });
      const merged = mergeCatalogs([configured, practice]);

      expect(configured.lists!('web-01')).toBe(true);
      expect(configured.lists!('db-01')).toBe(false);
      expect(configured.list().hosts.map((h) => h.alias)).toEqual(['web-01']);
      expect(merged.resolve('web-01')).toMatchObject({ hostname: '127.0.0.9', source: 'ssh-config' });
      expect(merged.resolve('db-01')).toMatchObject({ hostname: '127.0.0.3', source: 'practice' });
      // A name nobody lists resolves as ssh would resolve it.
      expect(merged.resolve('other.example')).toMatchObject({ hostname: 'other.example', source: 'ssh-config' });
      expect(merged.list().hosts.map((h) => h.alias)).toEqual(['web-01', 'db-01']);
      expect([merged.lists!('db-01'), merged.lists!('other.example')]).toEqual([true, false]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
