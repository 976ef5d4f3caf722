import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromLineStart } from '../../../shared/model/outputTail';

describe('fromLineStart', () => {
  it('starts after the first line break when text follows it, and keeps a tail with none as it is', () => {
    expect(fromLineStart('y\r\ny\r\nsre@web-01:~$ ')).toBe('y\r\nsre@web-01:~$ ');
    expect(fromLineStart('[0m partial line\r\nsre@db-01:~$ ')).toBe('sre@db-01:~$ ');
    expect(fromLineStart('no break at all')).toBe('no break at all');
    expect(fromLineStart('ends with a break\n')).toBe('ends with a break\n');
    expect(fromLineStart('')).toBe('');
  });

  it('returns an ending of its input, cut only at a line break', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', '\x1b', 'é') }), (text) => {
        const out = fromLineStart(text);
        expect(text.endsWith(out)).toBe(true);
        if (out.length < text.length) expect(text[text.length - out.length - 1]).toBe('\n');
        expect(out.length === 0).toBe(text.length === 0);
      }),
    );
  });
});
