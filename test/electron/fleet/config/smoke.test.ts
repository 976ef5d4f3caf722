import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandHostList, resolveHost } from '../../../../electron/fleet/config/index';
import { HOME, sshG, sshV, tempDir, writeFiles } from './oracle';

const dir = tempDir('smoke');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('smoke', () => {
  it('resolves like ssh -G', () => {
    writeFiles(dir, { cfg: 'Host foo\n HostName Real.%h\n User bob\n Port 2200\n IdentityFile ~/.ssh/k_%h_%r_%p_%n_%u_%d_%C\n ProxyCommand true %h %p %r %n %%\n' });
    const cfg = path.join(dir, 'cfg');
    const r = resolveHost('foo', { configFile: cfg, homeDir: HOME });
    const g = sshG(cfg, 'foo');
    const v = sshV(cfg, 'foo', false);
    expect(g.ok).toBe(true);
    if (!g.ok) return;
    expect(r.host.hostname).toBe(g.values.get('hostname')?.[0]);
    expect(r.host.identityFiles).toEqual(v.identityFiles);
    expect(r.host.proxyCommand).toBe(v.proxyCommand);
    expect(expandHostList('web[01-03]')).toEqual(['web01', 'web02', 'web03']);
  });
});
