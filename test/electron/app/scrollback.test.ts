import fc from 'fast-check';
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

  it('gives the output since the last line feed, however it was split into chunks', () => {
    const s = new Scrollback(100);
    expect(s.lastLine('a')).toBe('');
    s.add('a', 'motd\r\nsre@web-01:~$ ');
    expect(s.lastLine('a')).toBe('sre@web-01:~$ ');
    s.add('a', 'up');
    s.add('a', 'time');
    expect(s.lastLine('a')).toBe('sre@web-01:~$ uptime');
    s.add('a', '\r\n');
    expect(s.lastLine('a')).toBe('');
    s.add('b', 'no line feed yet');
    expect(s.lastLine('b')).toBe('no line feed yet');
  });

  it('gives the same last line as the whole scrollback cut at its last line feed, past the limit too', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('row\r\n', '\n', 'part ', 'x'.repeat(70), '$ ', 'a\nb'), { maxLength: 60 }), (chunks) => {
        const s = new Scrollback(100);
        for (const c of chunks) s.add('a', c);
        // lastLine first: get() joins the chunks it reads.
        const last = s.lastLine('a');
        const all = s.get('a');
        expect(last).toBe(all.slice(all.lastIndexOf('\n') + 1));
      }),
    );
  });

  it('forgets a closed session', () => {
    const s = new Scrollback(100);
    s.add('a', 'x');
    s.forget('a');
    expect(s.get('a')).toBe('');
  });
});
