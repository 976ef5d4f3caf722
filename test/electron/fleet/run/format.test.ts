import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collate, compressHosts, prefixLines, sortn } from '../../../../electron/fleet/run/format';
import type { HostRunResult } from '../../../../electron/fleet/run/types';

const dshbakC = (input: string): string => execFileSync('dshbak', ['-c'], { input }).toString();
const result = (alias: string, stdout: string): HostRunResult => ({ alias, hostname: alias, exitCode: 0, signal: null, stdout, stderr: '', tail: '', durationMs: 1 });

describe('pdsh and dshbak formats', () => {
  it('prefixes every line with the host, as pdsh does', () => {
    expect(prefixLines('web1', 'a\nb\n')).toBe('web1: a\nweb1: b\n');
    expect(prefixLines('web1', 'partial')).toBe('web1: partial\n');
    expect(prefixLines('web1', '\n')).toBe('web1: \n');
    expect(prefixLines('web1', '')).toBe('');
  });

  it('compresses host lists exactly as dshbak -c does (dshbak is the oracle)', () => {
    // Names end in digits and each number appears once per prefix: where dshbak falls back on
    // Perl's hash order its output is not deterministic, and we do not compare there.
    const nameSet = fc
      .uniqueArray(fc.tuple(fc.constantFrom('web', 'db', 'n', 'rack1-n'), fc.integer({ min: 0, max: 120 }), fc.boolean()), {
        minLength: 1,
        maxLength: 25,
        selector: ([p, n]) => `${p}:${n}`,
      })
      .map((xs) => xs.map(([p, n, pad]) => `${p}${pad ? String(n).padStart(3, '0') : String(n)}`));
    fc.assert(
      fc.property(nameSet, (names) => {
        const out = dshbakC(names.map((n) => `${n}: same\n`).join(''));
        const header = out.split('\n')[1];
        expect(compressHosts(names)).toBe(header);
      }),
      { numRuns: 150 },
    );
  });

  it('collates identical outputs as dshbak -c does', () => {
    const results = [
      // No two names share a trailing number: there dshbak's order depends on Perl's hash order.
      result('host01', 'up 3 days\nload 0.1\n'),
      result('host02', 'up 3 days\nload 0.1\n'),
      result('host03', 'up 1 day\n'),
      result('host10', 'up 3 days\nload 0.1\n'),
      result('db4', 'up 1 day\n'),
      result('quiet7', ''),
    ];
    const pdshStyle = results.map((r) => prefixLines(r.alias, r.stdout)).join('');
    expect(collate(results)).toBe(dshbakC(pdshStyle));
  });

  it('orders by trailing number like dshbak sortn', () => {
    expect(sortn(['h10', 'h2', 'a1', 'b'])).toEqual(['b', 'a1', 'h2', 'h10']);
  });
});
