/**
 * How much host configuration is read: linear work (counted, not timed), bounded totals, and range
 * sizes checked before any name is made. Every limit error names the file (and line) and the limit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandHostList, HostExprError, loadHostCatalog, parseInventory, parseInventoryText, readGroupsFile, resolveTargets } from '../../../../electron/fleet/config/index';
import { MAX_FILE_BYTES, MAX_HOSTS } from '../../../../electron/fleet/config/limits';
import { readCounters } from '../../../../electron/fleet/config/ssh/read';
import { HOME, sshG, tempDir } from './oracle';

const dir = tempDir('limits');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (name: string, text: string): string => {
  const f = path.join(dir, `${n++}-${name}`);
  fs.writeFileSync(f, text);
  return f;
};

/** A fleet's generated config: one block per host, then the blocks every host reads. */
function fleetConfig(hosts: number): string {
  let s = '';
  for (let i = 0; i < hosts; i++) s += `Host h${i}\n  HostName 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}\n  Port ${2000 + (i % 1000)}\n`;
  return `${s}Match user nobody\n  Port 1\nHost *\n  User fleet\n  IdentityFile ~/.ssh/fleet\n`;
}

describe('reading is linear in the number of hosts', () => {
  const blocksToList = (hosts: number): number => {
    const catalog = loadHostCatalog({ sshConfigFile: file('ssh_config', fleetConfig(hosts)), homeDir: HOME, localUser: 'me' });
    const before = readCounters.blocksVisited;
    const listed = catalog.list().hosts;
    expect(listed).toHaveLength(hosts);
    expect(listed[hosts - 1]).toMatchObject({ alias: `h${hosts - 1}`, user: 'fleet', port: 2000 + ((hosts - 1) % 1000) });
    return readCounters.blocksVisited - before;
  };

  it('listing N one-host blocks visits O(N) blocks, not N² (20,000 hosts: 60,000 visits, not 400 million)', () => {
    const small = blocksToList(5000);
    const large = blocksToList(20_000);
    // Each host: its own block, the Match and Host * blocks, the head; plus one full pass to validate.
    expect(small).toBeLessThanOrEqual(5 * 5000);
    expect(large).toBeLessThanOrEqual(5 * 20_000);
    expect(large / small).toBeLessThan(4.5);
  });

  it('visits only the blocks that can apply, and still resolves every alias as ssh -G does', () => {
    const cfg = file(
      'mixed_config',
      [
        'Port 2222',
        'Host a b',
        '  User ab',
        'Host !c c',
        '  User never',
        'Host b',
        '  HostName b.example',
        '  Port 2',
        'Match host b.example',
        '  User matched',
        'Host c*',
        '  User starred',
        'Host b c d',
        '  IdentityFile /k/bcd',
        'Host *',
        '  User fallback',
        '  IdentitiesOnly yes',
        '',
      ].join('\n'),
    );
    const catalog = loadHostCatalog({ sshConfigFile: cfg, homeDir: HOME });
    const hosts = catalog.list().hosts;
    expect(hosts.map((h) => h.alias)).toEqual(['a', 'b', 'c', 'd']);
    for (const h of hosts) {
      const g = sshG(cfg, h.alias);
      if (!g.ok) throw new Error(g.stderr);
      const v = (k: string): string | undefined => g.values.get(k)?.[0];
      expect([h.hostname, h.user, String(h.port), String(h.identitiesOnly ? 'yes' : 'no')], h.alias).toEqual([v('hostname'), v('user'), v('port'), v('identitiesonly')]);
      if (h.alias !== 'a') expect(h.identityFiles, h.alias).toEqual(g.values.get('identityfile'));
    }
  });

  it('a 30,000-host YAML group and a 30,000-host groups file are read whole', () => {
    const names = Array.from({ length: 30_000 }, (_, i) => `y${i}`);
    const inv = parseInventoryText(`all:\n  children:\n    big:\n      hosts:\n${names.map((h) => `        ${h}:\n`).join('')}`, path.join(dir, 'big.yml'));
    expect(inv.hosts).toHaveLength(30_000);
    expect(inv.groups.big).toEqual(names);
    const groups = file('groups.yaml', `big:\n${names.map((h) => `  - ${h}\n`).join('')}`);
    const catalog = loadHostCatalog({ sshConfigFile: file('empty', ''), groupsFile: groups, homeDir: HOME });
    expect(catalog.errors()).toEqual([]);
    expect(catalog.list().groups.big).toHaveLength(30_000);
  });

  it('a repeated key is still an error naming its line, found in the same single pass', () => {
    const yml = path.join(dir, 'dup.yml');
    expect(() => parseInventoryText('all:\n  hosts:\n    a:\n    b:\n    a:\n', yml)).toThrow(`${yml}:5: not valid YAML: Map keys must be unique ("a" is repeated)`);
    const g = file('dup-groups.yaml', 'web: [a]\ndb: [b]\nweb: [c]\n');
    expect(() => readGroupsFile(g)).toThrow(`${g}:3: not valid YAML: Map keys must be unique ("web" is repeated)`);
    expect(() => parseInventoryText('all:\n  vars: {x: 1, y: 2, x: 3}\n', yml)).toThrow(`${yml}:2: not valid YAML: Map keys must be unique ("x" is repeated)`);
  });
});

describe('bounds, checked before names are made', () => {
  it('a target list is counted whole before it is expanded', () => {
    // 1,000 items of 65,536 names each: 65 million names if expanded first.
    const huge = Array.from({ length: 1000 }, () => 'web[1-65536]').join(',');
    expect(() => expandHostList(huge)).toThrow(new HostExprError(huge, `expands to more than ${MAX_HOSTS} hosts`));
    expect(() => expandHostList('x[0-9]'.repeat(60))).toThrow(`expands to more than ${MAX_HOSTS} hosts`);
    expect(() => expandHostList(`w[${Array.from({ length: 3000 }, () => '1-100').join(',')}]`)).toThrow(`has more than ${MAX_HOSTS} hosts`);
    expect(expandHostList('a[1-60000],b[1-5536]')).toHaveLength(MAX_HOSTS);
    // pdsh agrees that the product, not the sum, of a pattern's ranges is its size.
    expect(expandHostList('r[1-2]n[1-3]')).toEqual(['r1n1', 'r1n2', 'r1n3', 'r2n1', 'r2n2', 'r2n3']);
  });

  it('a target list of many large pieces is bounded as a whole, and repeats cost nothing extra', () => {
    const catalog = loadHostCatalog({ sshConfigFile: file('small_config', 'Host s1 s2\n'), homeDir: HOME });
    const many = Array.from({ length: 1000 }, () => 'x[1-60000]');
    expect(() => resolveTargets(catalog, many)).toThrow(`bad host expression "x[1-60000]": the target list names more than ${16 * MAX_HOSTS} hosts, counting repeats`);
    expect(resolveTargets(catalog, ['@all', 's*', 's1', '@all', '!s2']).hosts.map((h) => h.alias)).toEqual(['s1']);
  });

  it('an INI inventory: one line of sixty ranges, and lines that add up past the limit, fail naming file:line', () => {
    const sixty = file('sixty.ini', `[web]\nh${'[0:9]'.repeat(60)}\n`);
    expect(() => parseInventory(sixty)).toThrow(`${sixty}:2: host pattern "h${'[0:9]'.repeat(60)}" expands to more than ${MAX_HOSTS} hosts`);
    const many = file('many.ini', '[a]\na[0:59999]\n[b]\nb[0:5535]\n[c]\nc1\n');
    expect(() => parseInventory(many)).toThrow(`${many}:6: the inventory names more than ${MAX_HOSTS} hosts (the most Warroom reads from one inventory)`);
    const yaml = file('many.yml', 'all:\n  hosts:\n    a[0:59999]:\n    b[0:5535]:\n    c:\n');
    expect(() => parseInventory(yaml)).toThrow(`${yaml}:5: the inventory names more than ${MAX_HOSTS} hosts`);
  });

  it('a group in the groups file of more than the limit fails naming file:line', () => {
    const g = file('big-groups.yaml', 'ok: [x1]\nbig: ["a[1-40000]", "b[1-40000]"]\n');
    const catalog = loadHostCatalog({ sshConfigFile: file('empty', ''), groupsFile: g, homeDir: HOME });
    expect(catalog.errors().map((e) => e.message)).toEqual([`${g}:2: group "big" has more than ${MAX_HOSTS} hosts (the most Warroom reads)`]);
    expect(catalog.list().hosts.map((h) => h.alias)).toEqual(['x1']);
  });

  it('the catalog as a whole: past the limit, one error names the file and line that went over', () => {
    const cfg = file('full_config', `Host ${Array.from({ length: MAX_HOSTS }, (_, i) => `f${i}`).join(' ')}\n`);
    const inv = file('one-more.ini', '[extra]\nf0\nonemore\n');
    const catalog = loadHostCatalog({ sshConfigFile: cfg, inventories: [inv], homeDir: HOME });
    expect(catalog.errors().map((e) => e.message)).toEqual([
      `${inv}: more than ${MAX_HOSTS} hosts in the ssh config, inventories and groups file together (the most Warroom reads); "onemore" and any after it are left out`,
    ]);
  });

  it('files larger than the limit are refused before they are read', () => {
    const big = path.join(dir, 'huge');
    fs.closeSync(fs.openSync(big, 'w'));
    fs.truncateSync(big, MAX_FILE_BYTES + 1);
    const limit = `Warroom reads at most ${MAX_FILE_BYTES / 1048576} MiB per file`;
    expect(loadHostCatalog({ sshConfigFile: big, homeDir: HOME }).errors().map((e) => e.message)).toEqual([`${big}: the ssh config is 8.0 MiB; ${limit}`]);
    expect(() => parseInventory(big)).toThrow(`${big}: the inventory is 8.0 MiB; ${limit}`);
    expect(() => readGroupsFile(big)).toThrow(`${big}: the groups file is 8.0 MiB; ${limit}`);
  });
});
