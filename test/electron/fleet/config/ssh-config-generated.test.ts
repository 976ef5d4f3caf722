/** Generated configs (a grammar of the directives Warroom reads) resolved by us and by ssh -G must agree. */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { compareWithSsh } from './compare';
import { LOCAL_USER, tempDir } from './oracle';

const dir = tempDir('sshgen');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ALIASES = ['a', 'b', 'ab', 'A', 'web1.example.com'];
const pattern = fc.constantFrom('a', 'b', 'ab', 'A', '*', 'a*', '?b', '!a', '!b*', 'web?.example.com', '*.com', '!*.com');
const criterion = fc.oneof(
  fc.tuple(fc.constantFrom('host', 'originalhost', '!host', '!originalhost'), fc.constantFrom('a', 'b*', 'x.example', '*.com,!web1*', 'ab')).map(([k, v]) => `${k} ${v}`),
  fc.tuple(fc.constantFrom('user', 'localuser', '!user'), fc.constantFrom(LOCAL_USER, 'u1', 'u*', `!${LOCAL_USER},*`)).map(([k, v]) => `${k} ${v}`),
);
const option = fc.oneof(
  fc.constantFrom('HostName x.example', 'HostName %h.d', 'HostName Up.Case', 'HostName 10.1.2.3', 'User u1', 'User u2', 'IdentityFile ~/.ssh/k_%h_%r', 'IdentityFile /keys/%n'),
  fc.integer({ min: 0, max: 70000 }).map((p) => `Port ${p}`),
  fc.constantFrom('ProxyJump j1,u@j2:2222', 'ProxyJump none', 'ProxyCommand true %h %p', 'ProxyCommand none'),
  fc.constantFrom('StrictHostKeyChecking yes', 'StrictHostKeyChecking accept-new', 'StrictHostKeyChecking no', 'StrictHostKeyChecking ask', 'StrictHostKeyChecking sometimes'),
  fc.constantFrom('ServerAliveInterval 10', 'ServerAliveInterval 1m', 'ServerAliveCountMax 7', 'ConnectTimeout 5', 'ConnectTimeout 2h'),
  fc.constantFrom('HashKnownHosts yes', 'IdentitiesOnly yes', 'IdentitiesOnly no', 'UserKnownHostsFile /kh/%h /kh2', 'HostKeyAlias K1.Alias'),
  fc.constantFrom('IdentityFile ${HOME}/k_%h', 'UserKnownHostsFile ${HOME}/kh_%n', 'UserKnownHostsFile ${WARROOM_SURELY_UNSET}/kh', 'UserKnownHostsFile /kh/%z'),
  fc.constantFrom('Bogus value', 'Port', 'Port abc', 'ForwardAgent yes', 'Compression no', 'Compression maybe', 'BatchMode yes'),
  // No CanonicalDomains: ssh then makes no DNS lookup, only the second pass.
  fc.constantFrom('CanonicalizeHostname yes', 'CanonicalizeHostname always', 'CanonicalizeHostname no'),
);
// Included files the generated configs can pull in (absolute paths: ssh takes ~ from the password database).
const INCLUDES: Record<string, string> = {
  'inc/10-a.conf': 'Port 2001\nHost b\n  User inc-b\n  ProxyJump ij\n',
  'inc/20-b.conf': 'User inc-top\nMatch originalhost ab\n  HostName from-include.%h\n',
  'one.conf': 'Host *\n  ServerAliveInterval 77\nHost a\n  IdentityFile /inc/%h\n',
};
for (const [rel, text] of Object.entries(INCLUDES)) {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}
const include = fc.constantFrom(`Include ${dir}/inc/*.conf`, `Include ${dir}/one.conf`, `Include ${dir}/missing*.conf ${dir}/one.conf`);

const line = fc.oneof(
  { weight: 1, arbitrary: include },
  { weight: 2, arbitrary: fc.array(pattern, { minLength: 1, maxLength: 3 }).map((p) => `Host ${p.join(' ')}`) },
  { weight: 1, arbitrary: fc.array(criterion, { minLength: 1, maxLength: 2 }).map((c) => `Match ${c.join(' ')}`) },
  { weight: 1, arbitrary: fc.constantFrom('Match all', 'Match final host *.d', 'Match canonical all', 'Match canonical host *.d', 'Match !canonical') },
  { weight: 6, arbitrary: fc.tuple(option, fc.constantFrom(' ', '=', ' = ', '\t', '= '), fc.constantFrom('', ' # note', '\t#x'), fc.boolean()).map(([o, sep, comment, quote]) => {
    // Re-spell the line the many ways ssh accepts: separators, a quoted single value, trailing comments.
    const sp = o.indexOf(' ');
    if (sp < 0) return `  ${o}${comment}`;
    const [k, v] = [o.slice(0, sp), o.slice(sp + 1)];
    const value = quote && !v.includes(' ') && !k.startsWith('Proxy') ? `"${v}"` : v;
    return `  ${k}${sep}${value}${k === 'ProxyCommand' ? '' : comment}`;
  }) },
);

describe('ssh config: generated configs agree with ssh -G', () => {
  it('on 70 generated configs and 5 aliases each', () => {
    let n = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 14 }), (lines) => {
        const cfg = path.join(dir, `c${n++}`);
        fs.writeFileSync(cfg, lines.join('\n') + '\n');
        for (const [i, a] of ALIASES.entries()) compareWithSsh(cfg, a, { checkExpansions: i === 0 });
      }),
      { numRuns: 70 },
    );
    // 350 runs of `ssh -G`: a fixed amount of work that took 65 s beside another full CI run.
  }, 300_000);
});
