import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWarroom } from '../../../electron/app/warroom';
import { dispatch } from '../../../electron/rpc/handlers';

describe('a broken ssh config', () => {
  it('is reported by file and line, and the practice fleet does not quietly replace the real hosts', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'warroom-badcfg-'));
    const config = path.join(home, 'config');
    writeFileSync(config, 'Host web1\n  HostName 127.0.0.2\n  Bogus yes\n');
    const app = await createWarroom({ dataDir: home, mode: 'web', sshConfigFile: config });
    try {
      expect(app.practice).toBeUndefined();
      expect(app.configWarnings.join('\n')).toContain(`${config}:3`);
      const reply = await dispatch(app.handlers, 'hosts.list', {}, { clientId: 't' });
      expect(reply.ok && reply.value).toMatchObject({ warnings: [expect.stringContaining(`${config}:3: Bad configuration option: Bogus`)] });
    } finally {
      await app.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
