/** Host ranges against pdsh itself: `pdsh -R exec -w RANGE echo %h` (fan-out 1 keeps pdsh's order). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandHostList, HostExprError } from '../../../../electron/fleet/config/index';
import { pdshExpand } from './oracle';

/** pdsh does not drop repeats; we do (first occurrence wins), otherwise the order is pdsh's. */
function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}

const FIXED = [
  'web[01-03]', 'db[1-3,7]', 'rack[1-2]-n[1-3]', 'a,b,c[1-2]', 'x[08-11]', 'x[1-011]', 'h[9-11]', 'b,a,a',
  'web[01-03],web02', 'x[1-3]y', '[1-2]', 'x[3,1,2]', 'x[00-2]', 'x[001-10]', 'x[1-2][3-4]', 'x[1-3,02-04]', 'a,,b',
  'node[7]', 'n[0-0]', 'web[1-2].example.com',
];

describe('expandHostList equals pdsh', () => {
  for (const expr of FIXED) {
    it(expr, () => {
      const want = pdshExpand(expr);
      expect(want, `pdsh rejected ${expr}`).toBeDefined();
      expect(expandHostList(expr)).toEqual(dedupe(want ?? []));
    });
  }

  it('on generated ranges', () => {
    const num = fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 4 }));
    const range = num.map(([lo, pad, span]) => {
      const loStr = pad > 0 && lo < 10 ** (pad + 1) ? String(lo).padStart(pad + 1, '0') : String(lo);
      return span === 0 ? loStr : `${loStr}-${lo + span}`;
    });
    const bracket = fc.array(range, { minLength: 1, maxLength: 2 }).map((r) => `[${r.join(',')}]`);
    const word = fc.constantFrom('web', 'db-', 'n', '', 'r.', 'x_');
    const item = fc.tuple(word, bracket, fc.option(fc.tuple(fc.constantFrom('-n', '.', ''), bracket)), fc.constantFrom('', '.lan', 'z'))
      .map(([w, b, more, tail]) => `${w}${b}${more ? more[0] + more[1] : ''}${tail}`);
    const expr = fc.array(item, { minLength: 1, maxLength: 2 }).map((xs) => xs.join(','));
    fc.assert(
      fc.property(expr, (e) => {
        const ours = expandHostList(e);
        fc.pre(ours.length <= 40);
        const want = pdshExpand(e);
        expect(want, `pdsh rejected ${e}`).toBeDefined();
        expect(ours, e).toEqual(dedupe(want ?? []));
      }),
      { numRuns: 25 },
    );
  });
});

describe('expandHostList rejects what is malformed', () => {
  const bad: Array<[string, RegExp]> = [
    ['web[3-1]', /end is lower than the start/],
    ['web[1-3', /without a closing/],
    ['web1-3]', /without a matching/],
    ['x[]', /empty range/],
    ['x[a-c]', /expected N or N-M/],
    ['x[1-]', /expected N or N-M/],
    ['x[-2]', /expected N or N-M/],
    ['x[1-2,]', /expected N or N-M/],
    ['x[[1-2]]', /nested/],
    ['x[1-100000]', /more than 65536/],
    ['x[1-300][1-300]', /more than 65536/],
  ];
  for (const [expr, why] of bad) {
    it(expr, () => {
      expect(() => expandHostList(expr)).toThrow(HostExprError);
      expect(() => expandHostList(expr)).toThrow(why);
      // pdsh refuses these too, or takes them as literal names, which a target list must not do.
    });
  }
});
