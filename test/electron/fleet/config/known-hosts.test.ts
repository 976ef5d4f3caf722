/** known_hosts lookups and appends, checked against ssh-keygen (-F, -H, -lf) on files the test writes. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnownHosts, fingerprintSha256 } from '../../../../electron/fleet/config/index';
import { sshKeygen, tempDir } from './oracle';

const dir = tempDir('kh');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Key {
  type: string;
  b64: string;
  blob: Buffer;
  pubFile: string;
}
const keys: Record<string, Key> = {};

function makeKey(name: string, type: string): Key {
  const f = path.join(dir, name);
  const r = sshKeygen(['-q', '-t', type, '-N', '', '-C', name, '-f', f]);
  if (r.status !== 0) throw new Error(r.stderr);
  const [t, b64] = fs.readFileSync(`${f}.pub`, 'utf8').split(' ');
  return { type: t ?? '', b64: b64 ?? '', blob: Buffer.from(b64 ?? '', 'base64'), pubFile: `${f}.pub` };
}

beforeAll(() => {
  keys.ed1 = makeKey('ed1', 'ed25519');
  keys.ed2 = makeKey('ed2', 'ed25519');
  keys.ec1 = makeKey('ec1', 'ecdsa');
  keys.rsa1 = makeKey('rsa1', 'rsa');
});

function k(name: string): Key {
  const key = keys[name];
  if (!key) throw new Error(`no key ${name}`);
  return key;
}
const entry = (hosts: string, name: string): string => `${hosts} ${k(name).type} ${k(name).b64}`;

/** Line numbers ssh-keygen -F reports for a name, and whether each is marked. */
function keygenFind(file: string, name: string): Array<{ line: number; marker: string }> {
  const r = sshKeygen(['-F', name, '-f', file]);
  const out: Array<{ line: number; marker: string }> = [];
  for (const m of r.stdout.matchAll(/^# Host .* found: line (\d+) ?(\S*)$/gm)) out.push({ line: Number(m[1]), marker: m[2] ?? '' });
  return out;
}

const knownName = (host: string, port: number): string => (port === 22 ? host : `[${host}]:${port}`);

function writeCorpus(): string {
  const f = path.join(dir, 'known_hosts');
  fs.writeFileSync(f, [
    '# a comment',
    entry('web1,web2', 'ed1'),
    entry('[web3]:2222', 'ed1'),
    '',
    entry('*.example.com,!bad.example.com', 'ec1'),
    `@revoked rev ${k('ed1').type} ${k('ed1').b64}`,
    `@cert-authority *.ca ${k('ed1').type} ${k('ed1').b64}`,
    'garbage line',
    entry('w?b9', 'ec1'),
    entry('web1', 'rsa1'),
    `web1 ssh-ed25519 not-base64!`,
    `@weird web1 ${k('ed1').type} ${k('ed1').b64}`,
    entry('UPPER.example.org', 'ed2'),
    '',
  ].join('\n'));
  return f;
}

describe('known_hosts lookups agree with ssh-keygen -F', () => {
  const queries: Array<[string, number]> = [
    ['web1', 22], ['web2', 22], ['web3', 2222], ['web3', 22], ['web1', 2200], ['a.example.com', 22], ['bad.example.com', 22],
    ['rev', 22], ['wab9', 22], ['wb9', 22], ['upper.example.org', 22], ['nowhere', 22],
  ];
  for (const [host, port] of queries) {
    it(`${host}:${port}`, () => {
      const f = writeCorpus();
      const kh = createKnownHosts();
      const found = keygenFind(f, knownName(host, port)).filter((x) => x.marker !== 'CA');
      const lines = fs.readFileSync(f, 'utf8').split('\n');
      for (const name of Object.keys(keys)) {
        const key = k(name);
        const res = kh.check([f], host, port, key.type, key.blob);
        const sameKey = found.filter((x) => (lines[x.line - 1] ?? '').includes(key.b64));
        // ssh-keygen -F prints a matching line even when its key does not parse; ssh ignores such lines.
        const validKey = (line: string): boolean => Object.values(keys).some((other) => line.split(/\s+/).includes(other.b64));
        const sameType = found.filter((x) => x.marker === '' && (lines[x.line - 1] ?? '').split(/\s+/).includes(key.type) && validKey(lines[x.line - 1] ?? ''));
        const revoked = sameKey.find((x) => x.marker === 'REVOKED');
        const known = sameKey.find((x) => x.marker === '');
        if (revoked) expect(res).toEqual({ status: 'revoked', file: f, line: revoked.line });
        else if (known) expect(res).toEqual({ status: 'known', file: f, line: known.line });
        else if (sameType.length > 0) {
          expect(res.status).toBe('changed');
          if (res.status === 'changed') expect(res.expected.map((e) => e.line)).toEqual(sameType.map((x) => x.line));
        } else expect(res).toEqual({ status: 'unknown' });
      }
    });
  }

  it('reports malformed lines and @cert-authority with file:line', () => {
    const f = writeCorpus();
    const kh = createKnownHosts();
    kh.check([f], 'web1', 22, k('ed1').type, k('ed1').blob);
    const w = kh.warnings();
    expect(w.some((x) => x.startsWith(`${f}:8: `))).toBe(true);
    expect(w.some((x) => x.startsWith(`${f}:11: `))).toBe(true);
    expect(w.some((x) => x.startsWith(`${f}:12: `))).toBe(true);
    expect(w).toContain(`${f}:7: @cert-authority entries are not supported yet; this line is ignored`);
  });

  it('a changed key lists the known entries with SHA256 fingerprints equal to ssh-keygen -lf', () => {
    const f = writeCorpus();
    const res = createKnownHosts().check([f], 'web1', 22, k('ed2').type, k('ed2').blob);
    expect(res.status).toBe('changed');
    if (res.status !== 'changed') return;
    const lf = sshKeygen(['-lf', k('ed1').pubFile]).stdout.split(' ')[1];
    expect(res.expected).toEqual([{ file: f, line: 2, keyType: 'ssh-ed25519', fingerprint: lf }]);
  });

  it('missing files are fine', () => {
    expect(createKnownHosts().check([path.join(dir, 'nope'), '/nonexistent/dir/kh'], 'web1', 22, k('ed1').type, k('ed1').blob)).toEqual({ status: 'unknown' });
  });

  it('searches files in order: the first file with the key answers', () => {
    const a = path.join(dir, 'order-a');
    const b = path.join(dir, 'order-b');
    fs.writeFileSync(a, entry('h1', 'ed1') + '\n');
    fs.writeFileSync(b, entry('h1', 'ed2') + '\n' + entry('h1', 'ec1') + '\n');
    const kh = createKnownHosts();
    expect(kh.check([a, b], 'h1', 22, 'ssh-ed25519', k('ed2').blob)).toEqual({ status: 'known', file: b, line: 1 });
    expect(kh.check([a, b], 'h1', 22, 'ecdsa-sha2-nistp256', k('ec1').blob)).toEqual({ status: 'known', file: b, line: 2 });
  });
});

describe('hashed known_hosts (made by ssh-keygen -H)', () => {
  it('finds the same lines ssh-keygen -F finds', () => {
    const f = path.join(dir, 'hashed');
    fs.writeFileSync(f, [entry('web1,web2', 'ed1'), entry('[web3]:2222', 'ec1'), entry('10.0.0.7', 'rsa1'), entry('*.pattern', 'ed2'), ''].join('\n'));
    const r = sshKeygen(['-H', '-f', f]);
    expect(r.status).toBe(0);
    expect(fs.readFileSync(f, 'utf8')).toMatch(/^\|1\|/);
    const kh = createKnownHosts();
    const cases: Array<[string, number, string]> = [['web1', 22, 'ed1'], ['web2', 22, 'ed1'], ['web3', 2222, 'ec1'], ['10.0.0.7', 22, 'rsa1'], ['x.pattern', 22, 'ed2']];
    for (const [host, port, key] of cases) {
      const found = keygenFind(f, knownName(host, port));
      expect(found.length, `ssh-keygen finds ${host}`).toBe(1);
      expect(kh.check([f], host, port, k(key).type, k(key).blob)).toEqual({ status: 'known', file: f, line: found[0]?.line });
    }
    expect(kh.check([f], 'web3', 22, k('ec1').type, k('ec1').blob)).toEqual({ status: 'unknown' });
  });
});

describe('add', () => {
  it('creates the directory (0700) and file (0600), and ssh-keygen -F finds plain and hashed entries', () => {
    const f = path.join(dir, 'new', 'sub', 'known_hosts');
    const kh = createKnownHosts();
    kh.add(f, 'Alpha', 22, 'ssh-ed25519', k('ed1').blob, false);
    kh.add(f, 'beta', 2222, 'ssh-ed25519', k('ed2').blob, true);
    kh.add(f, 'gamma', 22, 'rsa-sha2-512', k('rsa1').blob, true);
    expect(fs.statSync(path.dirname(f)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    expect(keygenFind(f, 'alpha')).toEqual([{ line: 1, marker: '' }]);
    expect(keygenFind(f, '[beta]:2222')).toEqual([{ line: 2, marker: '' }]);
    expect(keygenFind(f, 'gamma')).toEqual([{ line: 3, marker: '' }]);
    const text = fs.readFileSync(f, 'utf8').split('\n');
    expect(text[1]).toMatch(/^\|1\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+ ssh-ed25519 /);
    expect(text[2]).toMatch(/ ssh-rsa /);
    expect(kh.check([f], 'beta', 2222, 'ssh-ed25519', k('ed2').blob)).toEqual({ status: 'known', file: f, line: 2 });
    expect(kh.check([f], 'gamma', 22, 'rsa-sha2-256', k('rsa1').blob)).toEqual({ status: 'known', file: f, line: 3 });
  });

  it('appends after a last line without newline, and lookups see files changed behind their back', () => {
    const f = path.join(dir, 'nonl');
    fs.writeFileSync(f, entry('one', 'ed1'));
    const kh = createKnownHosts();
    expect(kh.check([f], 'two', 22, 'ssh-ed25519', k('ed2').blob)).toEqual({ status: 'unknown' });
    kh.add(f, 'two', 22, 'ssh-ed25519', k('ed2').blob, false);
    expect(kh.check([f], 'two', 22, 'ssh-ed25519', k('ed2').blob)).toEqual({ status: 'known', file: f, line: 2 });
    fs.appendFileSync(f, entry('three', 'ec1') + '\n');
    expect(kh.check([f], 'three', 22, 'ecdsa-sha2-nistp256', k('ec1').blob)).toEqual({ status: 'known', file: f, line: 3 });
    fs.writeFileSync(f, entry('three', 'ed1') + '\n');
    expect(kh.check([f], 'three', 22, 'ecdsa-sha2-nistp256', k('ec1').blob)).toEqual({ status: 'unknown' });
  });
});

describe('fingerprintSha256', () => {
  it('equals ssh-keygen -lf for every key type', () => {
    for (const key of Object.values(keys)) {
      const lf = sshKeygen(['-lf', key.pubFile]).stdout.split(' ')[1];
      expect(fingerprintSha256(key.blob)).toBe(lf);
    }
  });
});
