import { describe, expect, it } from 'vitest';
import { Scrollback } from '../../../electron/app/scrollback';

describe('Scrollback', () => {
  it('keeps everything under the limit, in order', () => {
    const s = new Scrollback(100);
    s.add('a', 'one\r\n');
    s.add('a', 'two\r\n');
    s.add('b', 'other');
    expect(s.get('a')).toBe('one\r\ntwo\r\n');
    expect(s.get('b')).toBe('other');
    expect(s.get('none')).toBe('');
  });

  it('drops the oldest output past the limit, starting a huge chunk at a line start', () => {
    const s = new Scrollback(100);
    for (let i = 0; i < 50; i++) s.add('a', `line ${i}\r\n`);
    const kept = s.get('a');
    expect(kept.length).toBeLessThan(200);
    expect(kept.endsWith('line 49\r\n')).toBe(true);
    expect(kept).not.toContain('line 1\r\n');
    const big = Array.from({ length: 100 }, (_, i) => `row ${i}\n`).join('');
    s.add('a', big);
    const after = s.get('a');
    expect(after.length).toBeLessThanOrEqual(100);
    expect(after.startsWith('row ')).toBe(true);
    expect(after.endsWith('row 99\n')).toBe(true);
  });

  it('forgets a closed session', () => {
    const s = new Scrollback(100);
    s.add('a', 'x');
    s.forget('a');
    expect(s.get('a')).toBe('');
  });
});
