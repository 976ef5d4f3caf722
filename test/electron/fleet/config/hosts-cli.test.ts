/** `warroom hosts`: in-process through main() with captured streams, and the built CLI when it exists. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HostJson } from '../../../../electron/cli/hosts';
import { runInProcess } from '../../cli/cli';
import { HOME, LOCAL_USER, tempDir, writeFiles } from './oracle';

const dir = tempDir('hostscli');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
writeFiles(dir, {
  config: 'Host web1 web2\n  User www\n  ProxyJump ops@bastion:2222,inner\nHost db1\n  Port 5433\n  IdentityFile /keys/db\n',
  'home/hosts.yaml': 'web: ["web[1-2]"]\n',
  'inv.yml': 'all:\n  children:\n    app:\n      hosts:\n        app1: { ansible_host: 10.1.1.1, ansible_user: deploy }\n',
  'broken': 'Host x\n  Frobnicate yes\n',
});
const cfg = path.join(dir, 'config');

/** In-process through main(), as bin.ts runs it; the groups file is the data directory's. */
async function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const withConfig = args.includes('--ssh-config') ? args : ['--ssh-config', cfg, ...args];
  const r = await runInProcess(['hosts', ...withConfig], { WARROOM_HOME: path.join(dir, 'home') });
  return { code: r.code, out: r.stdout, err: r.stderr };
}

describe('warroom hosts (in-process)', () => {
  it('takes the groups file from the data directory', async () => {
    writeFiles(dir, { 'data/hosts.yaml': 'dbs: [db1]\n' });
    const r = await runInProcess(['hosts', '--ssh-config', cfg, '--json', '@dbs'], { WARROOM_HOME: path.join(dir, 'data') });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as HostJson[]).map((h) => [h.alias, h.port, h.groups])).toEqual([['db1', 5433, ['dbs']]]);
  });

  it('prints JSON with the documented fields; proxyJump lists hops as written', async () => {
    const r = await run(['--json', '@web', 'db1']);
    expect(r.code).toBe(0);
    const hosts = JSON.parse(r.out) as HostJson[];
    expect(hosts).toEqual([
      { alias: 'web1', hostname: 'web1', port: 22, user: 'www', proxyJump: ['ops@bastion:2222', 'inner'], identityFiles: hosts[0]?.identityFiles, groups: ['web'] },
      { alias: 'web2', hostname: 'web2', port: 22, user: 'www', proxyJump: ['ops@bastion:2222', 'inner'], identityFiles: hosts[1]?.identityFiles, groups: ['web'] },
      { alias: 'db1', hostname: 'db1', port: 5433, user: LOCAL_USER, proxyJump: [], identityFiles: ['/keys/db'], groups: [] },
    ]);
    expect(hosts[0]?.identityFiles[0]).toBe(path.join(HOME, '.ssh', 'id_rsa'));
  });

  it('prints a table by default, and takes --ssh-config and repeated --inventory', async () => {
    const r = await run(['--ssh-config', cfg, '--inventory', path.join(dir, 'inv.yml'), '@app', 'web1']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ALIAS\s+HOSTNAME\s+PORT\s+USER\s+PROXYJUMP\s+GROUPS$/);
    expect(lines[1]).toMatch(/^app1\s+10\.1\.1\.1\s+22\s+deploy\s+-\s+app$/);
    expect(lines[2]).toMatch(/^web1\s+web1\s+22\s+www\s+ops@bastion:2222,inner\s+web$/);
  });

  it('errors go to stderr with a non-zero exit: bad config line, unknown group, missing --ssh-config', async () => {
    const bad = await run(['--ssh-config', path.join(dir, 'broken'), 'x']);
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err).toContain(`${path.join(dir, 'broken')}:2: Bad configuration option: Frobnicate`);
    const grp = await run(['@nope']);
    expect(grp.code).toBe(1);
    expect(grp.err).toMatch(/unknown group "@nope"/);
    for (const t of ['@constructor', '@toString', '@__proto__', '!@constructor']) {
      const proto = await run([t]);
      expect(proto.code, t).toBe(1);
      expect(proto.err, t).toMatch(/unknown group "@(constructor|toString|__proto__)" \(known groups: all, ungrouped, web\)/);
      expect(proto.err, t).not.toMatch(/TypeError|is not|at /);
    }
    const missing = await run(['--ssh-config', path.join(dir, 'nope'), 'x']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no such ssh config file');
  });
});

const built = path.resolve(__dirname, '../../../../dist/cli/warroom.cjs');
describe('warroom hosts (built CLI)', () => {
  const have = fs.existsSync(built);
  if (!have) console.log(`built CLI test skipped: ${built} does not exist (run npm run build)`);
  it.skipIf(!have)('node dist/cli/warroom.cjs hosts --json', () => {
    const r = spawnSync(process.execPath, [built, 'hosts', '--ssh-config', cfg, '--json', 'web[1-2]', '!web2'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, WARROOM_HOME: dir } });
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as HostJson[]).map((h) => [h.alias, h.user, h.proxyJump])).toEqual([['web1', 'www', ['ops@bastion:2222', 'inner']]]);
    const bad = spawnSync(process.execPath, [built, 'hosts', '--ssh-config', path.join(dir, 'broken')], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, WARROOM_HOME: dir } });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain(':2: Bad configuration option');
  });
});
