/**
 * Every parser, fed thousands of generated inputs: it either answers or throws its own typed error
 * (ConfigError with file:line, HostExprError for expressions). Anything else is a crash.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, createKnownHosts, expandHostList, HostExprError, loadHostCatalog, parseInventoryText, resolveHost, resolveTargets } from '../../../../electron/fleet/config/index';
import { parseGroupsText } from '../../../../electron/fleet/config/groups-file';
import { HOME, tempDir } from './oracle';

const dir = tempDir('fuzz');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (text: string): string => {
  const f = path.join(dir, `f${n++}`);
  fs.writeFileSync(f, text);
  return f;
};

function onlyTyped(fn: () => unknown, ...allowed: Array<abstract new (...a: never[]) => Error>): void {
  try {
    fn();
  } catch (e) {
    if (!allowed.some((A) => e instanceof A)) throw e;
    if (e instanceof ConfigError) expect(e.message.startsWith(e.line > 0 ? `${e.file}:${e.line}: ` : `${e.file}: `)).toBe(true);
  }
}

/** Text that looks like the format some of the time, so the fuzz gets past the first line. */
function linesOf(words: string[]): fc.Arbitrary<string> {
  const token = fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 8 }), fc.constantFrom('"', "'", '=', '#', '\\', '[', ']', ':', '%', '!', '*', ',', '{', '}', '-', '\t', '|'));
  const line = fc.tuple(fc.array(token, { maxLength: 6 }), fc.constantFrom(' ', '', '=', '  ')).map(([t, sep]) => t.join(sep));
  return fc.oneof(fc.array(line, { maxLength: 12 }).map((l) => l.join('\n')), fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }));
}

const SSH_WORDS = ['Host', 'Match', 'HostName', 'User', 'Port', 'IdentityFile', 'ProxyJump', 'ProxyCommand', 'all', 'host', 'user', 'exec', 'final', 'localuser',
  'originalhost', 'StrictHostKeyChecking', 'ServerAliveInterval', 'ConnectTimeout', 'IgnoreUnknown', 'UserKnownHostsFile', '%h', '%%', '%z', '~', '*', '!x', 'none', 'yes', '22', '0', '99999', '1h'];

describe('fuzz', () => {
  it('ssh config: resolveHost throws only ConfigError (or HostExprError for a name ssh refuses)', () => {
    fc.assert(
      fc.property(linesOf(SSH_WORDS).filter((t) => !/include/i.test(t)), fc.oneof(fc.constantFrom('x', 'web1', 'A', '*'), fc.string({ maxLength: 6 })), (text, alias) => {
        onlyTyped(() => resolveHost(alias, { configFile: fresh(text), homeDir: HOME, localUser: 'u' }), ConfigError, HostExprError);
      }),
      { numRuns: 2000 },
    );
  });

  it('known_hosts: check never throws on any file content, and reports bad lines as warnings', () => {
    const key = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), Buffer.alloc(32, 7)]);
    fc.assert(
      fc.property(linesOf(['@revoked', '@cert-authority', '|1|', '|1|AAAA|BBBB', 'ssh-ed25519', 'AAAAC3NzaC1lZDI1NTE5AAAAIAcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcH', '[h]:22', 'h', '*', '!h', ',']), (text) => {
        const f = fresh(text);
        const kh = createKnownHosts();
        const r = kh.check([f], 'h', 22, 'ssh-ed25519', key);
        expect(['known', 'unknown', 'changed', 'revoked']).toContain(r.status);
        expect(kh.warnings().every((w) => w.startsWith(`${f}:`))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('ranges: expandHostList throws only HostExprError', () => {
    const ch = fc.constantFrom('[', ']', '-', ',', '0', '1', '9', '07', 'a', 'web', ' ', '!', '12345678901234567890');
    fc.assert(
      fc.property(fc.oneof(fc.array(ch, { maxLength: 16 }).map((c) => c.join('')), fc.string({ maxLength: 40 })), (expr) => {
        onlyTyped(() => expandHostList(expr), HostExprError);
      }),
      { numRuns: 4000 },
    );
  });

  it('inventories: INI and YAML throw only ConfigError', () => {
    const words = ['[web]', '[web:vars]', '[web:children]', 'all:', '  hosts:', '    h1:', '  children:', '  vars:', 'ansible_host=x', 'ansible_port=22', 'ansible_port=x',
      'h[1:3]', 'h[a:c]', 'h[01:10:2]', 'h[3:1]', ':', '- a', '{', '}', 'hosts:', 'children:', 'vars:', '&a', '*a', '!!str'];
    fc.assert(
      fc.property(linesOf(words), fc.constantFrom('inv.ini', 'inv.yml', 'inventory'), (text, name) => {
        onlyTyped(() => parseInventoryText(text, path.join(dir, name)), ConfigError);
      }),
      { numRuns: 2500 },
    );
  });

  it('groups file throws only ConfigError', () => {
    fc.assert(
      fc.property(linesOf(['web:', '- a', '["a", "b"]', 'web[01-03]', '"@x"', '{a: b}', ':', '  - x', 'null', '~']), (text) => {
        onlyTyped(() => parseGroupsText(text, '/g.yaml'), ConfigError);
      }),
      { numRuns: 2500 },
    );
  });

  it('targets throw only HostExprError', () => {
    const cfg = fresh('Host a1 a2 b1\n');
    const groups = fresh('g: [a1, "b[1-2]"]\n');
    const catalog = loadHostCatalog({ sshConfigFile: cfg, groupsFile: groups, homeDir: HOME });
    const t = fc.constantFrom('@g', '@nope', '!a1', '!@g', 'a*', 'b[1-3]', '!', '@', 'x[', ',', '!b[1-2]', '@all', 'z z');
    // What every object inherits: a lookup keyed by user text must not find these.
    const inherited = fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype), 'prototype', 'length', 'name');
    const marked = fc.tuple(fc.constantFrom('', '@', '!', '!@', 'a1,@', '@g,!@'), fc.oneof(inherited, fc.string({ maxLength: 6 }))).map(([m, s]) => m + s);
    fc.assert(
      fc.property(fc.array(fc.oneof(t, marked, fc.string({ maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 10 })), { maxLength: 5 }), (targets) => {
        onlyTyped(() => resolveTargets(catalog, targets), HostExprError);
      }),
      { numRuns: 1000 },
    );
  });
});
