/** Ansible inventories (INI and YAML) against ansible-inventory --list, when Ansible is installed. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, parseInventory } from '../../../../electron/fleet/config/index';
import { ansibleGraph, ansibleInventory, hasTool, tempDir } from './oracle';

const dir = tempDir('inv');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const haveAnsible = hasTool('ansible-inventory');
if (!haveAnsible) console.log('inventory oracle tests skipped: ansible-inventory is not installed (apt-get install ansible-core)');

function write(name: string, text: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}

function sortedGroups(g: Record<string, string[]>): Record<string, string[]> {
  const entries: Array<[string, string[]]> = Object.entries(g).map(([k, v]) => [k, [...v].sort()]);
  return Object.fromEntries(entries.sort((x, y) => x[0].localeCompare(y[0])));
}

const CORPUS: Record<string, string> = {
  'basic.ini': [
    '# comment', '; other comment', 'lone ansible_host=1.2.3.4', '',
    '[web]', 'web[01:03].example.com ansible_user=deploy', 'lb1 ansible_host=10.0.0.1 ansible_port=2222   # trailing',
    '', '[db]', 'db-[a:c] ansible_port=5432', '', '[db:vars]', 'ansible_user=dba', '',
    '[prod:children]', 'web', 'db', '', '[prod:vars]', 'ansible_user=produser', '',
    '[all:vars]', 'ansible_port=2200', '',
  ].join('\n'),
  'nested.ini': [
    '[a]', 'h1', 'h2 ansible_user="quoted user"', '[b]', 'h2', 'h3 ansible_host=\'q.example\'', '[top:children]', 'mid', '[mid:children]', 'a', 'b',
    '[mid:vars]', 'ansible_user=mid', '[top:vars]', 'ansible_user=top', 'ansible_port=2022', '[stride]', 's[1:9:4]', 's[08:10]',
  ].join('\n'),
  'basic.yml': [
    'all:',
    '  vars:',
    '    ansible_port: 2200',
    '  hosts:',
    '    lone:',
    '      ansible_host: 1.2.3.4',
    '  children:',
    '    web:',
    '      hosts:',
    '        web[01:03].example.com:',
    '          ansible_user: deploy',
    '        lb1: { ansible_host: 10.0.0.1, ansible_port: 2222 }',
    '    prod:',
    '      vars:',
    '        ansible_user: produser',
    '      children:',
    '        web:',
    '        db:',
    '          vars: { ansible_user: dba }',
    '          hosts:',
    '            db-[a:c]:',
    '              ansible_port: 5432',
    '',
  ].join('\n'),
  'ports.ini': '[web]\nbadwolf.example.com:5309\nw[1:2]:2200 ansible_user=x\n10.0.0.1:22\n[v6]\n2001:db8::1\n[2001:db8::2]:2222\nr[01:02]\n',
  'ports.yml': 'all:\n  hosts:\n    h1:2201:\n    "h2:2202":\n    "[2001:db8::3]:2203":\n    x[1:2]:\n',
  'groups-at-top.yaml': ['web:', '  hosts:', '    w1:', '    w2:', 'db:', '  hosts:', '    d1: {ansible_user: x}', '  children:', '    web:', ''].join('\n'),
};

describe('inventories agree with ansible-inventory --list', () => {
  for (const [name, text] of Object.entries(CORPUS)) {
    it.skipIf(!haveAnsible)(name, () => {
      const f = write(name, text);
      const want = ansibleInventory(f);
      expect(want, 'ansible-inventory rejected the corpus file').toBeDefined();
      if (!want) return;
      const got = parseInventory(f);
      expect(new Set(got.hosts.map((h) => h.name))).toEqual(new Set(want.hosts.keys()));
      for (const h of got.hosts) {
        const { name: _n, ...rest } = h;
        expect(rest, `host ${h.name}`).toEqual(want.hosts.get(h.name));
      }
      const { all: _all, ungrouped: _ungrouped, ...named } = got.groups;
      expect(sortedGroups(named)).toEqual(sortedGroups(want.groups));
    });
  }
});

describe('every group, the implicit all and ungrouped included, agrees with ansible-inventory --graph', () => {
  const implicit: Record<string, string> = {
    ...CORPUS,
    // A host under [ungrouped] and [web] is only in web; one before any section is ungrouped.
    'implicit.ini': 'lone\nalso ansible_host=1.2.3.4\n[web]\nw1\nw2\n[db]\nd1\n[ungrouped]\nw1\nx9\n',
    'implicit.yml': ['all:', '  hosts:', '    solo:', '  children:', '    ungrouped:', '      hosts:', '        u1:', '        w1:', '    web:', '      hosts:', '        w1:', ''].join('\n'),
    'none-ungrouped.ini': '[web]\nw[1:3]\n',
  };
  for (const [name, text] of Object.entries(implicit)) {
    it.skipIf(!haveAnsible)(name, () => {
      const f = write(`graph-${name}`, text);
      const want = ansibleGraph(f);
      expect(want, 'ansible-inventory rejected the file').toBeDefined();
      expect(sortedGroups(parseInventory(f).groups)).toEqual(sortedGroups(want ?? {}));
    });
  }
});

describe('inventory errors name file:line', () => {
  const bad: Array<[string, string, number, RegExp]> = [
    ['badrange.ini', '[web]\nok\nweb[3:1]\n', 3, /end is lower/],
    ['unbalanced.ini', '[web]\nweb[1:3\n', 2, /without "\]"/],
    ['section.ini', '[web\nh1\n', 1, /section header/],
    ['port.ini', '[web]\nh1 ansible_port=ssh\n', 2, /not a port number/],
    ['assign.ini', '[web]\nh1 novalue\n', 2, /name=value/],
    ['quote.ini', '[web]\nh1 ansible_user="x\n', 2, /unterminated quote/],
    ['width.ini', '[web]\nh[01:100]\n', 2, /equal length/],
    ['badyaml.yml', 'all:\n  hosts:\n    a: [1\n', 4, /not valid YAML/],
    ['notmap.yml', 'all:\n  hosts:\n    - a\n', 3, /hosts must be a mapping/],
    ['key.yml', 'all:\n  hostz:\n    a:\n', 2, /unexpected key "hostz"/],
    ['loop.ini', '[a:children]\nb\n[b:children]\na\n', 1, /its own child/],
  ];
  for (const [name, text, line, why] of bad) {
    it(name, () => {
      const f = write(name, text);
      let err: unknown;
      try {
        parseInventory(f);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).message).toMatch(why);
      expect((err as ConfigError).file).toBe(f);
      expect((err as ConfigError).line).toBe(line);
    });
  }

  it('a missing inventory is an error naming it', () => {
    expect(() => parseInventory(path.join(dir, 'none.ini'))).toThrow(ConfigError);
  });
});
