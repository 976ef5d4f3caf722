/** The host catalog and target lists over real files: ssh config, inventories and the groups file. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, HostExprError, loadHostCatalog, readGroupsFile, resolveTargets } from '../../../../electron/fleet/config/index';
import { HOME, sshG, tempDir, writeFiles } from './oracle';

const dir = tempDir('catalog');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

writeFiles(dir, {
  config: [
    'Host bastion',
    '  HostName bastion.example.net',
    '  User jump',
    'Host web01 web02 web03 lb1',
    '  User www',
    '  ProxyJump bastion',
    'Host db1 db2 !db3 db*',
    '  Port 5433',
    'Host *.inv.example',
    '  User from-ssh-config',
    '  IdentityFile ~/.ssh/inv_key',
    'Host *',
    '  IdentityFile ~/.ssh/id_fleet',
    'Include @/more.conf',
    '',
  ].join('\n').replaceAll('@/', `${dir}/`),
  'more.conf': 'Host cache1\n  HostName 10.9.9.9\n',
  'groups.yaml': 'web: ["web[01-03]", "lb1"]\ndata:\n  - db[1-2]\n  - "@cache"\ncache: cache1\nall-web: ["web*"]\nextra: ["new[1-2]"]\nempty:\n',
  'inv.ini': '[app]\napp1 ansible_host=a1.inv.example ansible_user=deploy\napp2 ansible_host=a2.inv.example ansible_port=2202\n[web]\nweb01\n',
});
const cfg = path.join(dir, 'config');
const groupsFile = path.join(dir, 'groups.yaml');
const inv = path.join(dir, 'inv.ini');
const load = () => loadHostCatalog({ sshConfigFile: cfg, groupsFile, inventories: [inv], homeDir: HOME });

describe('loadHostCatalog', () => {
  it('lists concrete Host aliases, inventory hosts and group-file names, resolved as ssh -G', () => {
    const { hosts, groups, warnings } = load().list();
    expect(warnings).toEqual([]);
    expect(hosts.map((h) => h.alias)).toEqual(['bastion', 'web01', 'web02', 'web03', 'lb1', 'db1', 'db2', 'cache1', 'app1', 'app2', 'new1', 'new2']);
    for (const h of hosts.filter((x) => x.source === 'ssh-config')) {
      const g = sshG(cfg, h.alias);
      if (!g.ok) throw new Error(g.stderr);
      expect(h.hostname).toBe(g.values.get('hostname')?.[0]);
      expect(h.user).toBe(g.values.get('user')?.[0]);
      expect(String(h.port)).toBe(g.values.get('port')?.[0]);
      expect(h.proxyJump.join(',')).toBe(g.values.get('proxyjump')?.[0] ?? '');
    }
    expect(groups).toEqual({
      app: ['app1', 'app2'],
      web: ['web01', 'web02', 'web03', 'lb1'],
      data: ['db1', 'db2', 'cache1'],
      cache: ['cache1'],
      'all-web': ['web01', 'web02', 'web03'],
      extra: ['new1', 'new2'],
      empty: [],
    });
    expect(hosts.find((h) => h.alias === 'web01')?.groups).toEqual(['web', 'all-web']);
  });

  it('resolves inventory hosts as Ansible runs ssh: config matched on ansible_host, inventory user/port win', () => {
    const c = load();
    // The oracle: what Ansible's ssh connection runs, `ssh -o User=U -o Port=P ansible_host`.
    for (const [alias, target, extra] of [['app1', 'a1.inv.example', ['-o', 'User=deploy']], ['app2', 'a2.inv.example', ['-o', 'Port=2202']]] as const) {
      const r = spawnSync('ssh', ['-G', '-F', cfg, ...extra, target], { encoding: 'utf8' });
      const g = new Map(r.stdout.split('\n').map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)]));
      const h = c.resolve(alias);
      expect([h?.hostname, h?.user, String(h?.port)]).toEqual([g.get('hostname'), g.get('user'), g.get('port')]);
    }
    const app1 = c.resolve('app1');
    expect(app1).toMatchObject({ alias: 'app1', hostname: 'a1.inv.example', user: 'deploy', port: 22, source: 'inventory', groups: ['app'] });
    expect(app1?.identityFiles).toEqual([path.join(HOME, '.ssh', 'inv_key'), path.join(HOME, '.ssh', 'id_fleet')]);
    expect(c.resolve('app2')).toMatchObject({ hostname: 'a2.inv.example', user: 'from-ssh-config', port: 2202, source: 'inventory' });
  });

  it('resolves any alias the way ssh would, even one it does not list', () => {
    const h = load().resolve('db7');
    const g = sshG(cfg, 'db7');
    if (!g.ok) throw new Error(g.stderr);
    expect(h).toMatchObject({ alias: 'db7', hostname: 'db7', port: Number(g.values.get('port')?.[0]), source: 'ssh-config', groups: [] });
  });

  it('a missing ssh config means no hosts and no error', () => {
    const c = loadHostCatalog({ sshConfigFile: path.join(dir, 'absent'), homeDir: HOME });
    expect(c.list()).toEqual({ hosts: [], groups: {}, warnings: [] });
    expect(c.errors()).toEqual([]);
  });

  it('keeps what resolves and reports bad files with file:line', () => {
    writeFiles(dir, { 'bad-config': 'Host ok\n  Port 2\nHost broken\n  Port nope\n', 'bad-groups.yaml': 'web: ["web[3-1]"]\nfine: ["ok"]\n', 'bad-inv.ini': '[x]\nh[1:\n' });
    const c = loadHostCatalog({ sshConfigFile: path.join(dir, 'bad-config'), groupsFile: path.join(dir, 'bad-groups.yaml'), inventories: [path.join(dir, 'bad-inv.ini')], homeDir: HOME });
    const { hosts, warnings } = c.list();
    expect(hosts).toEqual([]);
    expect(c.errors().every((e) => e instanceof ConfigError)).toBe(true);
    expect(warnings).toContain(`${path.join(dir, 'bad-config')}:4: Bad port 'nope': expected a number from 1 to 65535`);
    expect(warnings.some((w) => w.startsWith(`${path.join(dir, 'bad-groups.yaml')}:1: group "web": `))).toBe(true);
    expect(warnings.some((w) => w.startsWith(`${path.join(dir, 'bad-inv.ini')}:2: `))).toBe(true);
  });
});

describe('a catalog follows its files', () => {
  it('sees hosts, groups and options edited after it was loaded', () => {
    writeFiles(dir, { 'live/config': 'Host one\n  Port 1001\n', 'live/groups.yaml': 'g: [one]\n' });
    const c = loadHostCatalog({ sshConfigFile: path.join(dir, 'live/config'), groupsFile: path.join(dir, 'live/groups.yaml'), homeDir: HOME });
    expect(c.list().hosts.map((h) => [h.alias, h.port])).toEqual([['one', 1001]]);
    fs.writeFileSync(path.join(dir, 'live/config'), 'Host one two\n  Port 1002\n');
    fs.writeFileSync(path.join(dir, 'live/groups.yaml'), 'g: [one, two]\nh: [two]\n');
    const l = c.list();
    expect(l.hosts.map((h) => [h.alias, h.port])).toEqual([['one', 1002], ['two', 1002]]);
    expect(l.groups).toEqual({ g: ['one', 'two'], h: ['two'] });
    // Callers own what they get: changing it does not change the next answer.
    l.hosts[0]?.groups.push('mutated');
    expect(c.list().hosts[0]?.groups).toEqual(['g']);
  });
});

describe('groups file', () => {
  it('reads names and lists, and names file:line for bad entries', () => {
    expect(readGroupsFile(groupsFile).groups.web).toEqual(['web[01-03]', 'lb1']);
    expect(readGroupsFile(path.join(dir, 'none.yaml'))).toEqual({ groups: {}, lines: {} });
    writeFiles(dir, { 'g1.yaml': 'web: [1, {a: b}]\n', 'g2.yaml': '- a\n- b\n', 'g3.yaml': 'ok: [a]\n"bad name": [b]\n' });
    expect(() => readGroupsFile(path.join(dir, 'g1.yaml'))).toThrow(`${path.join(dir, 'g1.yaml')}:1: group "web": expected a host name, range or pattern`);
    expect(() => readGroupsFile(path.join(dir, 'g2.yaml'))).toThrow(/g2.yaml:1: expected a mapping of group name/);
    expect(() => readGroupsFile(path.join(dir, 'g3.yaml'))).toThrow(/g3.yaml:2: expected a group name/);
  });
});

describe('resolveTargets', () => {
  const aliases = (targets: string[]) => resolveTargets(load(), targets).hosts.map((h) => h.alias);

  it('@group, ranges and aliases in order, without duplicates', () => {
    expect(aliases(['@web', 'db[1-2]', 'web02', 'bastion'])).toEqual(['web01', 'web02', 'web03', 'lb1', 'db1', 'db2', 'bastion']);
  });
  it('exclusions: !alias, !@group, !range, and commas in one argument', () => {
    expect(aliases(['@web,@data', '!lb1', '!@cache', '!web[02-03]'])).toEqual(['web01', 'db1', 'db2']);
  });
  it('only exclusions start from every host; no targets means every host', () => {
    expect(aliases(['!@web', '!@extra', '!@app', '!bastion'])).toEqual(['db1', 'db2', 'cache1']);
    expect(aliases([])).toHaveLength(12);
    expect(aliases(['@all'])).toHaveLength(12);
  });
  it("Ansible's implicit groups are targets like any other: @ungrouped, @all, and their exclusions", () => {
    const solo = path.join(dir, 'solo.ini');
    fs.writeFileSync(solo, 'loner1\nloner2\n[app]\napp3\n[ungrouped]\napp3\n');
    const both = loadHostCatalog({ sshConfigFile: cfg, groupsFile, inventories: [inv, solo], homeDir: HOME });
    const names = (targets: string[]) => resolveTargets(both, targets).hosts.map((h) => h.alias);
    // app3 is under [ungrouped] and [app]: Ansible puts it in app only.
    expect(names(['@ungrouped'])).toEqual(['loner1', 'loner2']);
    expect(both.list().groups.ungrouped).toEqual(['loner1', 'loner2']);
    expect(names(['@all', '!@ungrouped', '!@app'])).toHaveLength(12 - 2);
    expect(names(['@all'])).toHaveLength(12 + 3);
    // No ungrouped host: the group is empty (with a warning), not unknown.
    const r = resolveTargets(load(), ['@ungrouped']);
    expect(r.hosts).toEqual([]);
    expect(r.warnings).toEqual(['group "@ungrouped" has no hosts (every host is in a group)']);
    expect(load().list().groups.ungrouped).toBeUndefined();
  });
  it('patterns match known aliases', () => {
    expect(aliases(['db*', 'app?'])).toEqual(['db1', 'db2', 'app1', 'app2']);
  });
  it('an unknown alias is resolved as ssh would, with a warning', () => {
    const r = resolveTargets(load(), ['zz9']);
    expect(r.hosts.map((h) => h.hostname)).toEqual(['zz9']);
    expect(r.warnings).toEqual(['host "zz9" is not named in the ssh config, an inventory or the groups file; it is resolved as ssh would resolve it']);
  });
  it('an unknown @group is an error naming it; bad ranges are errors', () => {
    expect(() => resolveTargets(load(), ['@nope'])).toThrow(/unknown group "@nope"/);
    expect(() => resolveTargets(load(), ['web[3-1]'])).toThrow(HostExprError);
    expect(() => resolveTargets(load(), ['!'])).toThrow(HostExprError);
  });
  it("names every object inherits are unknown groups, not Object's own members", () => {
    for (const t of ['@constructor', '@toString', '@__proto__', '@hasOwnProperty', '!@constructor', 'web01,@valueOf'])
      expect(() => resolveTargets(load(), [t]), t).toThrow(/^bad host expression ".*": unknown group "@(constructor|toString|__proto__|hasOwnProperty|valueOf)" \(known groups: /);
  });
  it('a group may be called constructor or toString, in the groups file and in an inventory', () => {
    writeFiles(dir, {
      'proto-groups.yaml': 'constructor: [web01]\ntoString: ["@constructor", db1]\n',
      'proto-inv.ini': '[__proto__]\napp9 ansible_port=2209 __proto__=x constructor=y\n[hasOwnProperty:children]\n__proto__\n',
    });
    const c = loadHostCatalog({ sshConfigFile: cfg, groupsFile: path.join(dir, 'proto-groups.yaml'), inventories: [path.join(dir, 'proto-inv.ini')], homeDir: HOME });
    expect(c.errors()).toEqual([]);
    const names = (t: string[]): string[] => resolveTargets(c, t).hosts.map((h) => h.alias);
    expect(names(['@constructor'])).toEqual(['web01']);
    expect(names(['@toString'])).toEqual(['web01', 'db1']);
    expect(names(['@__proto__'])).toEqual(['app9']);
    expect(names(['@hasOwnProperty', '@toString', '!@constructor'])).toEqual(['app9', 'db1']);
    expect(resolveTargets(c, ['@__proto__']).hosts[0]).toMatchObject({ port: 2209, groups: ['__proto__', 'hasOwnProperty'] });
  });
});
