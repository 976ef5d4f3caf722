import { execFileSync, spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldRanges, nameHostSet } from '../../../shared/model/hostSet';

/** The hosts of `w` that are not in `x`, as pdsh expands both ("" when none): `pdsh -w W -x X -q`. */
function pdshMinus(w: string, x: string): string {
  const run = spawnSync('pdsh', ['-w', w, '-x', x, '-q'], { encoding: 'utf8' });
  if (`${run.stderr}`.includes('no remote hosts specified')) return '';
  const at = run.stdout.indexOf('-- Target nodes --');
  if (at < 0) throw new Error(`pdsh -q printed no target list for -w ${w} -x ${x}:\n${run.stdout}${run.stderr}`);
  return run.stdout.slice(at).split('\n')[1] ?? '';
}

/** Whether pdsh expands two expressions to the same set of hosts. */
function samePdshSet(a: string, b: string): void {
  expect(pdshMinus(a, b)).toBe('');
  expect(pdshMinus(b, a)).toBe('');
}

/** What pdsh expands an expression to, host by host: -R exec runs `echo %h` once per host (the label before ": " drops the domain). */
function pdshExpand(expr: string): string[] {
  const out = execFileSync('pdsh', ['-R', 'exec', '-f', '1', '-w', expr, 'echo', '%h'], { encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .map((l) => l.slice(l.indexOf(': ') + 2))
    .sort();
}

const numberedName = fc
  .record({
    prefix: fc.constantFrom('web', 'db', 'app-', 'r1n', 'edge.', 'x'),
    n: fc.integer({ min: 0, max: 130 }),
    width: fc.integer({ min: 0, max: 3 }),
    suffix: fc.constantFrom('', '', '.dc1', '-a'),
  })
  .map(({ prefix, n, width, suffix }) => `${prefix}${String(n).padStart(width, '0')}${suffix}`);
const otherName = fc.stringMatching(/^[a-z][a-z0-9.-]{0,6}$/);
const hostSet = fc.uniqueArray(fc.oneof({ arbitrary: numberedName, weight: 4 }, { arbitrary: otherName, weight: 1 }), { minLength: 1, maxLength: 70 });

describe('foldRanges', () => {
  it('folds numbered runs into pdsh ranges, keeping zero padding', () => {
    const web = Array.from({ length: 32 }, (_, i) => `web${String(i + 1).padStart(2, '0')}`);
    expect(foldRanges([...web, 'db01', 'db02', 'db03', 'db07', 'bastion'])).toEqual(['web[01-32]', 'db[01-03,07]', 'bastion']);
    expect(foldRanges(['db1', 'db2', 'db12', 'db9', 'db10', 'db11'])).toEqual(['db[1-2,9-12]']);
    expect(foldRanges(['web09', 'web10', 'web11', 'web7'])).toEqual(['web[09-11]', 'web7']);
    expect(foldRanges(['n1.dc1', 'n2.dc1', 'n3.dc1', 'n3.dc2'])).toEqual(['n[1-3].dc1', 'n3.dc2']);
  });

  it('lists one or two numbered names and names without a number as they are', () => {
    expect(foldRanges(['web05', 'bastion', 'bastion', 'db-1', 'db-2'])).toEqual(['web05', 'bastion', 'db-1', 'db-2']);
  });

  it('names exactly the same set as pdsh expands (random sets, pdsh -w/-x as the oracle)', () => {
    fc.assert(
      fc.property(hostSet, (hosts) => {
        samePdshSet(foldRanges(hosts).join(','), hosts.join(','));
      }),
      { numRuns: 60 },
    );
  });

  it('expands back host by host through pdsh', () => {
    const hosts = ['web01', 'web02', 'web03', 'web10', 'db1', 'db2', 'db12', 'r1n007.dc1', 'r1n008.dc1', 'r1n010.dc1', 'bastion'];
    expect(foldRanges(hosts)).toEqual(['web[01-03,10]', 'db[1-2,12]', 'r1n[007-008,010].dc1', 'bastion']);
    expect(pdshExpand(foldRanges(hosts).join(','))).toEqual([...hosts].sort());
  });
});

describe('nameHostSet', () => {
  const web = Array.from({ length: 32 }, (_, i) => `web${String(i + 1).padStart(2, '0')}`);
  const db = Array.from({ length: 16 }, (_, i) => `db${String(i + 1).padStart(2, '0')}`);
  const groups = { web, db: [...db, 'db-spare'] };

  it('names whole groups, folds the rest', () => {
    expect(nameHostSet([...web, ...db, 'bastion'], { groups }).text).toBe('web (32), db[01-16], bastion');
    expect(nameHostSet([...web, ...db, 'db-spare'], { groups }).text).toBe('web (32), db (17)');
    expect(nameHostSet([...web, ...db, 'db-spare'], { groups, groupStyle: 'at' }).parts).toEqual(['@web', '@db']);
  });

  it('prefers the larger of overlapping groups and skips groups that add nothing', () => {
    const all = [...web, ...db, 'db-spare'];
    expect(nameHostSet(all, { groups: { ...groups, all } }).text).toBe('all (49)');
  });

  it('caps the parts and counts the hosts left out', () => {
    const name = nameHostSet(['a', 'b', ...web, 'c'], { max: 2 });
    expect(name).toEqual({ parts: ['a', 'b'], more: 33, text: 'a, b, +33 more' });
  });

  it('names every host of the set, shown or counted', () => {
    fc.assert(
      fc.property(hostSet, fc.integer({ min: 1, max: 6 }), (hosts, max) => {
        const all = nameHostSet(hosts);
        samePdshSet(all.parts.join(','), hosts.join(','));
        const capped = nameHostSet(hosts, { max });
        expect(capped.parts).toEqual(all.parts.slice(0, max));
        expect(capped.more).toBe(all.parts.length > max ? pdshExpandCount(all.parts.slice(max)) : 0);
      }),
      { numRuns: 25 },
    );
  });
});

/** How many hosts some folded parts name, counted by pdsh's folding of each (disjoint by construction). */
function pdshExpandCount(parts: string[]): number {
  return parts.reduce((n, p) => n + (p.includes('[') ? countBracket(p) : 1), 0);
}

function countBracket(part: string): number {
  const inner = part.slice(part.indexOf('[') + 1, part.lastIndexOf(']'));
  return inner.split(',').reduce((n, run) => {
    const [lo = '0', hi = lo] = run.split('-');
    return n + Number(hi) - Number(lo) + 1;
  }, 0);
}
