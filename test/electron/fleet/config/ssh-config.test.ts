/** ssh config resolution compared field by field with real `ssh -G` / `ssh -v` on a corpus the test writes. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ConfigError, HostExprError, resolveHost } from '../../../../electron/fleet/config/index';
import { KNOWN_KEYWORDS } from '../../../../electron/fleet/config/ssh/keywords';
import { VALUE_SETS } from '../../../../electron/fleet/config/ssh/value-sets';
import { compareWithSsh } from './compare';
import { HOME, LOCAL_USER, sshG, sshGWithHome, tempDir, writeFiles } from './oracle';

const root = tempDir('sshcfg');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let n = 0;
/** Writes the files (`@` in their text is the case's own directory) and returns the main config path. */
function corpus(files: Record<string, string>): { dir: string; cfg: string } {
  const dir = path.join(root, `case${n++}`);
  const withDir = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.replaceAll('@/', `${dir}/`)]));
  writeFiles(dir, withDir);
  return { dir, cfg: path.join(dir, 'config') };
}

interface Case {
  name: string;
  files: Record<string, string>;
  aliases: string[];
}

const CASES: Case[] = [
  {
    name: 'first value wins across Host blocks; Host * last supplies defaults',
    files: { config: 'Host web1\n  Port 2201\n  User alice\nHost web*\n  Port 2299\n  User bob\n  HostName %h.example.com\nHost *\n  User carol\n  ServerAliveInterval 15\n  ServerAliveCountMax 5\n' },
    aliases: ['web1', 'web2', 'db1', 'WEB1'],
  },
  {
    name: 'several patterns, ? and ! negation',
    files: { config: 'Host db? !db3 cache*\n  User dba\n  Port 5432\nHost !bastion *\n  ProxyJump bastion\nHost *\n  User everyone\n' },
    aliases: ['db1', 'db3', 'db12', 'cache-east', 'bastion', 'x'],
  },
  {
    name: 'ProxyJump multi-hop as written, none, and ProxyCommand vs ProxyJump first-wins',
    files: { config: 'Host deep\n  ProxyJump ops@jump1:2222,jump2,[fe80::1]:22\nHost direct\n  ProxyJump none\nHost pc\n  ProxyCommand true %h %p %r %n %%\n  ProxyJump nope\nHost pj\n  ProxyJump first\n  ProxyCommand true never\nHost *\n  ProxyJump fallback\n' },
    aliases: ['deep', 'direct', 'pc', 'pj', 'other'],
  },
  {
    name: 'tokens in HostName, IdentityFile, UserKnownHostsFile and ProxyCommand',
    files: { config: 'Host tok\n  HostName Real-%h.%%lab\n  User ops\n  Port 2022\n  IdentityFile ~/.ssh/id_%h_%r_%p\n  IdentityFile @/keys/%n-%u-%d-%C-%l-%L-%i-%k\n  UserKnownHostsFile @/kh/%h_%p %d/kh2_%n\n  GlobalKnownHostsFile @/global_%k\n  ProxyCommand true %h:%p as %r for %n %%\nHost alias-k\n  HostKeyAlias keyname\n  UserKnownHostsFile @/kh_%k\n' },
    aliases: ['tok', 'alias-k'],
  },
  {
    name: 'IdentitiesOnly, IdentityFile accumulation, StrictHostKeyChecking values, HashKnownHosts, times',
    files: { config: 'Host a\n  IdentitiesOnly yes\n  IdentityFile ~/.ssh/a1\n  StrictHostKeyChecking accept-new\n  HashKnownHosts yes\n  ConnectTimeout 1m30s\nHost a b\n  IdentityFile ~/.ssh/ab\n  StrictHostKeyChecking no\n  ServerAliveInterval 2m\nHost c\n  StrictHostKeyChecking off\n  IdentitiesOnly no\nHost d\n  StrictHostKeyChecking yes\n  ConnectTimeout 7\nHost e\n  StrictHostKeyChecking=ask\n  UserKnownHostsFile none\n' },
    aliases: ['a', 'b', 'c', 'd', 'e', 'f'],
  },
  {
    name: 'no User anywhere: the local user',
    files: { config: 'Host plain\n  HostName 10.0.0.5\n' },
    aliases: ['plain', 'unnamed'],
  },
  {
    name: 'Match host (after HostName), originalhost, user, localuser, all, negated criteria',
    files: {
      config: [
        'Host short',
        '  HostName long.example.org',
        'Match host *.example.org',
        '  User from-match-host',
        'Match originalhost short',
        '  Port 2300',
        'Match originalhost other user ' + LOCAL_USER,
        '  Port 2400',
        'Match localuser ' + LOCAL_USER + ' !host nothere',
        '  ServerAliveInterval 9',
        'Match !localuser ' + LOCAL_USER,
        '  ServerAliveCountMax 99',
        'Match all',
        '  IdentitiesOnly yes',
        '',
      ].join('\n'),
    },
    aliases: ['short', 'other', 'third'],
  },
  {
    name: 'Match exec is never run: treated as not matching (exec false agrees with ssh)',
    files: { config: 'Match exec "false"\n  Port 2500\nHost *\n  Port 2600\n' },
    aliases: ['any'],
  },
  {
    name: 'Include globs, Include inside Host and Match that applies only when the block matches',
    files: {
      config: 'Host inc-*\n  Include @/conf.d/*.conf\nMatch originalhost m1\n  Include @/match/*.conf\nHost *\n  User tail\n  Include @/missing/*.conf\n',
      'conf.d/10-first.conf': 'Port 3001\nHost inc-b\n  User only-b\n',
      'conf.d/20-second.conf': 'Port 3002\nUser second\nHostName %h.inc\n',
      'conf.d/.hidden.conf': 'Port 3999\n',
      'match/m.conf': 'HostName matched.example\nProxyJump j1,j2\n',
    },
    aliases: ['inc-a', 'inc-b', 'm1', 'm2'],
  },
  {
    name: 'Include of a directory or a missing file is ignored, as ssh does',
    files: { config: 'Include @/adir\nInclude @/nothere.conf\nHost *\n  Port 2345\n', 'adir/inner.conf': 'Port 1\n' },
    aliases: ['x'],
  },
  {
    name: 'Match final: a second pass against the resolved name',
    files: { config: 'Host alias\n  HostName real.host\nHost real.host\n  Port 4000\nMatch final host real.host\n  User final-user\n' },
    aliases: ['alias', 'real.host'],
  },
  {
    name: 'CanonicalizeHostname yes/always: a second pass like Match final (no DNS: names under .invalid)',
    files: {
      config: 'Host c1\n  CanonicalizeHostname yes\nHost c2\n  CanonicalizeHostname always\n  ProxyCommand true\nHost c3\n  CanonicalizeHostname no\nHost c*\n  HostName %h.invalid\nHost *.invalid\n  Port 7\nMatch canonical\n  User canon\n',
    },
    aliases: ['c1', 'c2', 'c3'],
  },
  {
    name: 'quotes, = separators, case-insensitive keywords, comments',
    files: { config: '# comment\nHOST q\n  hostname = "quoted.example"\n  IDENTITYFILE "@/with space/key"\n  user=me   # trailing\n\n\tPort\t2700\n' },
    aliases: ['q'],
  },
  {
    name: 'IgnoreUnknown lets unknown keywords pass',
    files: { config: 'IgnoreUnknown UseKeychain,AddKeys*\nHost *\n  UseKeychain yes\n  AddKeysToAgentish no\n  Port 2800\n' },
    aliases: ['x'],
  },
];

const ERRORS: Case[] = [
  { name: 'unknown keyword', files: { config: 'Host x\n  Port 22\n  Bogus 1\n' }, aliases: ['x'] },
  { name: 'unknown keyword in a block that does not apply', files: { config: 'Host other\n  NotAnOption yes\n' }, aliases: ['x'] },
  { name: 'bad port', files: { config: 'Host x\n  Port 70000\n' }, aliases: ['x'] },
  { name: 'port zero', files: { config: 'Port 0\n' }, aliases: ['x'] },
  { name: 'missing argument', files: { config: 'Host x\n  User\n' }, aliases: ['x'] },
  { name: 'all combined', files: { config: 'Match all host x\n  Port 1\n' }, aliases: ['x'] },
  { name: 'unsupported Match attribute', files: { config: 'Match colour blue\n  Port 1\n' }, aliases: ['x'] },
  { name: 'Match without criteria', files: { config: 'Match\n' }, aliases: ['x'] },
  { name: 'bad StrictHostKeyChecking', files: { config: 'StrictHostKeyChecking maybe\n' }, aliases: ['x'] },
  { name: 'bad flag', files: { config: 'IdentitiesOnly perhaps\n' }, aliases: ['x'] },
  { name: 'bad time', files: { config: 'ServerAliveInterval 5x\n' }, aliases: ['x'] },
  { name: 'bad count', files: { config: 'ServerAliveCountMax -1\n' }, aliases: ['x'] },
  { name: 'error inside an included file', files: { config: 'Include @/bad.conf\n', 'bad.conf': 'Port 22\n\nWhatever yes\n' }, aliases: ['x'] },
];

describe('ssh config: resolution equals ssh -G, field by field', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const { cfg } = corpus(c.files);
      for (const a of c.aliases) compareWithSsh(cfg, a);
    });
  }
});

/** One-line quirks of ssh's tokeniser: comments, quotes, `=`, whitespace, extra arguments. */
const QUIRKS: string[] = [
  'Port 2200 # comment', 'User bob #c', 'Host a # comment\n Port 7', 'Host a#b\n Port 7', 'Host "a"\n Port 7', 'Host=a\n Port=7',
  'Host = a\n Port = 7', 'Port="7"', 'User "b o b"', 'User "bob', "User 'bob'", 'User b\\"ob', 'HostName "x y"', 'IdentityFile "/a b" /c',
  'IdentityFile /a#b', 'Match host a # c\n Port 9', 'Match originalhost=a\n Port 9', 'Match host=a,b user=' + LOCAL_USER + '\n Port 9', '  \t Port\t\t9  ',
  'Port 9 9', 'ProxyJump x y', 'ProxyJump a', 'Host a\n HostName b\n ProxyJump b', 'ProxyJump u@a:22', 'ProxyJump j1,a', 'ProxyJump a:2222',
  'ProxyCommand "true x"', 'User=', 'Host', 'Host ""', 'Host a !\n Port 5', 'Port =9', 'Port= 9', '=Port 9', 'Match host', 'Match !all',
  'Match canonical all', 'Match final all\n Port 4', 'Match all # c\n Port 4', 'Port 0x10', 'Port 022', 'ServerAliveInterval 1M', 'ConnectTimeout 0',
  'ProxyJump none #x', 'ProxyJump j1 #x', 'ProxyJump "none"', 'ProxyJump x y,z', 'ProxyJump u@h:022', 'ProxyJump ssh://u@h:22', 'ProxyJump a,,b',
  'ProxyJump a,', 'ProxyJump [::1]:22', 'ProxyJump h:x', 'ProxyJump none,a', 'ProxyJump  a , b',
  'IdentityFile2 /x2', 'ProtocolKeepAlives 5\n ServerAliveInterval 9', 'SetupTimeOut 7', 'UserKnownHostsFile2 /u2',
  'BatchMode yes', 'BatchMode yes\n ServerAliveInterval 5', 'BatchMode no',
  'HashKnownHosts TRUE', 'StrictHostKeyChecking Accept-New', 'IdentitiesOnly', 'Host a\n\n\nBogus', 'hOsT a\n pOrT 11',
];

describe('ssh config: tokeniser quirks agree with ssh -G', () => {
  for (const q of QUIRKS) {
    it(JSON.stringify(q), () => {
      const { cfg } = corpus({ config: q.replaceAll('\\n', '\n') + '\n' });
      compareWithSsh(cfg, 'a', { checkExpansions: false });
    });
  }
});

describe('ssh config: what ssh rejects, we reject with file:line', () => {
  for (const c of ERRORS) {
    it(c.name, () => {
      const { cfg } = corpus(c.files);
      const r = compareWithSsh(cfg, c.aliases[0] ?? 'x', { checkExpansions: false });
      expect(r.error, 'ssh accepted this config, so the case is not an error case').toBeInstanceOf(ConfigError);
      expect(r.error?.message).toMatch(/^\/.+:\d+: \S/);
    });
  }
});

describe('ssh config: behaviour ssh -G cannot show here', () => {
  it('Match exec is reported with file:line and its block is skipped, even when the command would succeed', () => {
    const { cfg } = corpus({ config: 'Host *\n  User u\nMatch exec "true"\n  Port 2500\n' });
    const r = resolveHost('h', { configFile: cfg, homeDir: HOME });
    expect(r.host.port).toBe(22);
    expect(r.warnings).toEqual([`${cfg}:3: Match exec is not supported (Warroom never runs it); this block is treated as not matching`]);
  });

  it('relative Include paths are relative to ~/.ssh of the given home', () => {
    const { dir, cfg } = corpus({ config: 'Include conf.d/*\nInclude ~/.ssh/other\n', '.ssh/conf.d/a': 'Host x\n  Port 4100\n', '.ssh/other': 'Host y\n  Port 4200\n' });
    expect(resolveHost('x', { configFile: cfg, homeDir: dir }).host.port).toBe(4100);
    expect(resolveHost('y', { configFile: cfg, homeDir: dir }).host.port).toBe(4200);
    expect(resolveHost('x', { configFile: cfg, homeDir: dir }).host.identityFiles[0]).toBe(path.join(dir, '.ssh', 'id_rsa'));
  });

  it('the local user can be given, and is the default user and %u', () => {
    const { cfg } = corpus({ config: 'Host x\n  IdentityFile /k/%u-%r\n' });
    const r = resolveHost('x', { configFile: cfg, homeDir: HOME, localUser: 'someone' });
    expect(r.host.user).toBe('someone');
    expect(r.host.identityFiles).toEqual(['/k/someone-someone']);
  });

  it('a missing config file resolves to the defaults', () => {
    const r = resolveHost('nowhere', { configFile: path.join(root, 'does-not-exist'), homeDir: HOME, localUser: 'me' });
    expect(r.host).toMatchObject({ hostname: 'nowhere', port: 22, user: 'me', proxyJump: [], strictHostKeyChecking: 'ask', serverAliveInterval: 0, serverAliveCountMax: 3 });
  });

  it('an Include loop stops with an error naming the line', () => {
    const { cfg } = corpus({ config: 'Include @/config\n' });
    expect(() => resolveHost('x', { configFile: cfg, homeDir: HOME })).toThrow(ConfigError);
    expect(() => resolveHost('x', { configFile: cfg, homeDir: HOME })).toThrow(/:1: Include nested deeper/);
  });

  it('an unknown token or unset variable: an error where ssh -G fails, a warning in IdentityFile (ssh -G prints it as is)', () => {
    const { cfg } = corpus({ config: 'Host x\n  IdentityFile ~/.ssh/%z\n  IdentityFile ${WARROOM_SURELY_UNSET}/k\nHost y\n  UserKnownHostsFile /kh/%z\nHost z\n  UserKnownHostsFile ${WARROOM_SURELY_UNSET}/kh\n' });
    const x = resolveHost('x', { configFile: cfg, homeDir: HOME });
    expect(x.host.identityFiles).toEqual(['~/.ssh/%z', '${WARROOM_SURELY_UNSET}/k']);
    expect(x.warnings).toEqual([
      `${cfg}:2: IdentityFile: unknown token %z; ssh would refuse to connect`,
      `${cfg}:3: IdentityFile: environment variable \${WARROOM_SURELY_UNSET} is not set; ssh would refuse to connect`,
    ]);
    expect(sshG(cfg, 'x').ok).toBe(true);
    for (const alias of ['y', 'z']) {
      expect(sshG(cfg, alias).ok).toBe(false);
      expect(() => resolveHost(alias, { configFile: cfg, homeDir: HOME })).toThrow(ConfigError);
    }
    expect(() => resolveHost('y', { configFile: cfg, homeDir: HOME })).toThrow(`${cfg}:5: UserKnownHostsFile: unknown token %z`);
  });

  it("values and keywords named like Object's members are refused, as ssh -G refuses them", () => {
    const lines = ['Port constructor', 'Port toString', 'StrictHostKeyChecking constructor', 'IdentitiesOnly __proto__', 'BatchMode valueOf',
      'ServerAliveInterval 1constructor', 'constructor yes', 'toString 1', '__proto__ x', 'AddressFamily constructor'];
    for (const line of lines) {
      const { cfg } = corpus({ config: `Host x\n  ${line}\n` });
      expect(sshG(cfg, 'x').ok, line).toBe(false);
      expect(() => resolveHost('x', { configFile: cfg, homeDir: HOME }), line).toThrow(new RegExp(`^${cfg}:2: `));
    }
  });

  it('re-reads a config that changed on disk', () => {
    const { cfg } = corpus({ config: 'Host x\n  Port 1111\n' });
    expect(resolveHost('x', { configFile: cfg, homeDir: HOME }).host.port).toBe(1111);
    fs.writeFileSync(cfg, 'Host x\n  Port 22222\n');
    expect(resolveHost('x', { configFile: cfg, homeDir: HOME }).host.port).toBe(22222);
  });
});

describe('ssh config: the keyword list is the one this ssh has', () => {
  it('accepts exactly the keywords ssh accepts (candidates taken from the ssh binary itself)', () => {
    const sshPath = spawnSync('sh', ['-c', 'command -v ssh'], { encoding: 'utf8' }).stdout.trim();
    const bin = fs.readFileSync(sshPath).toString('latin1');
    const candidates = [...new Set([...bin.matchAll(/(?<=\0)[a-z][a-z0-9]{3,39}(?=\0)/g)].map((m) => m[0]))];
    const words = [...new Set([...candidates, ...KNOWN_KEYWORDS])].filter((w) => w !== 'host' && w !== 'match' && w !== 'include');
    // ssh keeps going after an unknown keyword and names every one, but a bad value for a known
    // keyword can stop it: then that word is known, and the rest is tried again from the next line.
    const bad = new Set<string>();
    let start = 0;
    for (let round = 0; start < words.length && round < 100; round++) {
      const slice = words.slice(start);
      const { cfg } = corpus({ config: slice.map((w) => `${w} 1`).join('\n') + '\n' });
      const r = spawnSync('ssh', ['-G', '-F', cfg, 'a'], { encoding: 'utf8', timeout: 20_000 });
      for (const m of r.stderr.matchAll(/line (\d+): Bad configuration option/g)) bad.add(slice[Number(m[1]) - 1] ?? '');
      if (r.status === 0 || /terminating, \d+ bad configuration options/.test(r.stderr)) break;
      const lines = [...r.stderr.matchAll(/line (\d+)/g)].map((m) => Number(m[1]));
      const stop = lines[lines.length - 1];
      if (stop === undefined) throw new Error(`ssh stopped without naming a line: ${r.stderr}`);
      start += stop;
    }
    const sshKnows = words.filter((w) => !bad.has(w));
    expect(sshKnows.length).toBeGreaterThan(80);
    expect(sshKnows.filter((w) => !KNOWN_KEYWORDS.has(w)), 'keywords ssh accepts that we reject').toEqual([]);
    expect([...KNOWN_KEYWORDS].filter((w) => bad.has(w)), 'keywords we accept that ssh rejects').toEqual([]);
  });
});

describe('ssh config: yes/no-style values are checked as ssh checks them', () => {
  it('accepts and rejects the same values as ssh for every keyword with a fixed value set', () => {
    const keywords = Object.keys(VALUE_SETS);
    const probes = ['yes', 'NO', 'true', 'False', 'ask', 'auto', 'always', 'force', 'autoask', 'ethernet', 'point-to-point', 'unbound', 'host-bound',
      'inet6', 'subsystem', 'none', 'maybe', '5', 'on'];
    for (const value of probes) {
      const { cfg } = corpus({ config: keywords.map((k) => `${k} ${value}`).join('\n') + '\n' });
      const r = spawnSync('ssh', ['-G', '-F', cfg, 'a'], { encoding: 'utf8', timeout: 20_000 });
      expect(r.stderr, 'ssh must get through every line').toMatch(/terminating|^$/);
      const sshRejects = new Set([...r.stderr.matchAll(/line (\d+): (?!Deprecated)/g)].map((m) => keywords[Number(m[1]) - 1]));
      for (const k of keywords) {
        const one = corpus({ config: `${k} ${value}\n` }).cfg;
        let weReject = false;
        try {
          resolveHost('a', { configFile: one, homeDir: HOME });
        } catch (e) {
          if (!(e instanceof ConfigError)) throw e;
          weReject = true;
        }
        expect(weReject, `${k} ${value}`).toBe(sshRejects.has(k));
      }
    }
  });
});

describe('ssh config: host names ssh refuses on its command line', () => {
  it('are refused here too; odd but valid names resolve like ssh', () => {
    const { cfg } = corpus({ config: 'Host *\n  Port 2999\n' });
    for (const bad of ['a$b', 'a;b', 'a&b', 'a|b', 'a(b', "a'b", 'a`b', 'a{b', 'a<b', 'a\\b', '-x', 'a b', 'a"b']) {
      const g = sshG(cfg, bad);
      expect(g.ok, `ssh -G accepted ${bad}`).toBe(false);
      expect(() => resolveHost(bad, { configFile: cfg, homeDir: HOME }), bad).toThrow(HostExprError);
    }
    for (const odd of ['a*b', 'a~b', 'a%b', 'A:B', 'x!y', 'a/b']) compareWithSsh(cfg, odd, { checkExpansions: false });
  });
});

describe('ssh config: ~ and relative Include against ssh with a home of our own', () => {
  it('resolves like ssh -G run with that home (a private mount namespace covers the real one)', (ctx) => {
    const home = path.join(root, 'home');
    writeFiles(home, {
      '.ssh/config': 'Include conf.d/*.conf\nHost rel\n  Include nested/first.conf\nHost *\n  IdentityFile ~/.ssh/id_%h\n  UserKnownHostsFile ~/kh/%h ~/.ssh/kh2\n',
      '.ssh/conf.d/10.conf': 'Host tilde\n  Port 4010\n  Include ~/.ssh/tilde.conf\n',
      '.ssh/conf.d/20.conf': 'Host *\n  ServerAliveCountMax 9\n',
      '.ssh/tilde.conf': 'User from-tilde\n',
      '.ssh/nested/first.conf': 'Include nested/second.conf\nPort 4020\n',
      '.ssh/nested/second.conf': 'User from-nested\nProxyJump hop\n',
    });
    const cfg = path.join(home, '.ssh', 'config');
    const probe = sshGWithHome(home, cfg, 'tilde');
    if (!probe) {
      console.log('skipped: cannot make a mount namespace here (needs root and unshare)');
      ctx.skip();
      return;
    }
    for (const alias of ['tilde', 'rel', 'other']) {
      const g = sshGWithHome(home, cfg, alias);
      if (!g?.ok) throw new Error(`ssh -G failed: ${g && !g.ok ? g.stderr : ''}`);
      const h = resolveHost(alias, { configFile: cfg, homeDir: home }).host;
      // Inside the namespace ssh's home is still called HOME; ours is the test's directory.
      const asSsh = (p: string): string => (p.startsWith(home) ? HOME + p.slice(home.length) : p);
      expect([h.user, String(h.port), h.proxyJump.join(','), String(h.serverAliveCountMax)], alias).toEqual([
        g.values.get('user')?.[0], g.values.get('port')?.[0], g.values.get('proxyjump')?.[0] ?? '', g.values.get('serveralivecountmax')?.[0],
      ]);
      expect(h.knownHostsFiles.slice(0, 2).map(asSsh).join(' '), alias).toBe(g.values.get('userknownhostsfile')?.[0]);
    }
  });
});
