import { describe, expect, it } from 'vitest';
import { groupOutputs, normaliseOutput } from '../../../../electron/app/screens/group';
import { screenLines, stripAnsi } from '../../../../electron/app/screens/screen-text';
import { outliers, verdictText } from '../../../../shared/model/screens';

const host = (h: string, output: string, names: string[] = []) => ({ sessionId: `s-${h}`, host: h, names, output });

describe('grouping hosts by what a line printed', () => {
  it('does not count a host its own name or address as a difference, in output or prompt', () => {
    const groups = groupOutputs([
      host('web-01', 'web-01 is up at 127.0.0.2', ['127.0.0.2']),
      host('web-02', 'web-02 is up at 127.0.0.3', ['127.0.0.3']),
      host('web-03.example.com', 'web-03 is up at 127.0.0.4', ['127.0.0.4']),
      host('web-04', 'web-04 is down', ['127.0.0.5']),
    ]);
    expect(groups.map((g) => g.hosts)).toEqual([['web-01', 'web-02', 'web-03.example.com'], ['web-04']]);
    expect(groups[0]).toMatchObject({ count: 3, output: 'web-01 is up at 127.0.0.2' });
    expect(verdictText(groups)).toBe('3 identical · 1 differ');
    expect(outliers(groups)).toEqual(['web-04']);
  });

  it('still tells apart a host that names another host, and a name inside a longer one', () => {
    const groups = groupOutputs([host('web-1', 'peer web-2'), host('web-2', 'peer web-2'), host('web-3', 'web-10 ok'), host('web-10', 'web-10 ok')]);
    // web-2 naming itself equals web-1 naming web-2 only loosely; web-3 mentions web-10, which is not its own name.
    expect(groups.map((g) => g.hosts).sort()).toEqual([['web-1'], ['web-10'], ['web-2'], ['web-3']].sort());
    expect(normaliseOutput('web-10 ok', ['web-1'], [], {})).toBe('web-10 ok');
    expect(normaliseOutput('at 10.0.0.12', ['10.0.0.1'], [], {})).toBe('at 10.0.0.12');
    expect(normaliseOutput('two-web-1 web-1-backup', ['web-1'], [], {})).toBe('two-\u0000HOST\u0000 \u0000HOST\u0000-backup');
  });

  it('treats numbers and any fleet host name as equal only with the loose option', () => {
    const outputs = [
      host('db-01', '/dev/vda1  40G  12G  28G  30% /'),
      host('db-02', '/dev/vda1  40G  31G  9.2G  77% /'),
      host('web-01', 'replica of db-01, lag 12 ms'),
      host('web-02', 'replica of db-02, lag 340 ms'),
    ];
    expect(groupOutputs(outputs)).toHaveLength(4);
    const loose = groupOutputs(outputs, { loose: true });
    expect(loose.map((g) => g.count)).toEqual([2, 2]);
    expect(loose.map((g) => g.hosts)).toEqual([['db-01', 'db-02'], ['web-01', 'web-02']]);
    expect(groupOutputs([host('a', 'x 1'), host('b', 'y 1')], { loose: true })).toHaveLength(2);
  });

  it('says "n identical" when nothing differs, largest group first', () => {
    expect(verdictText(groupOutputs([host('a', 'ok'), host('b', 'ok')]))).toBe('2 identical');
    const g = groupOutputs([host('a', 'x'), host('b', 'y'), host('c', 'y')]);
    expect(g.map((x) => x.hosts)).toEqual([['b', 'c'], ['a']]);
    expect(verdictText(groupOutputs([host('a', 'x'), host('b', 'y'), host('c', 'z')]))).toBe('all 3 differ');
  });
});

describe('screen text', () => {
  it('strips colours, titles and cursor codes, and applies carriage returns and backspaces', () => {
    expect(stripAnsi('\x1b[1;31mfailed\x1b[0m \x1b]0;sre@web-01: ~\x07ok \x1b[?2004h')).toBe('failed ok ');
    expect(screenLines('10%\r50%\r100%\r\nab\bc\r\nsre@web-01:~$ ')).toEqual(['100%', 'ac', 'sre@web-01:~$ ']);
    // Erase in line blanks cells from the cursor (0K), up to it (1K) or all (2K), the cursor staying.
    expect(screenLines('abcdef\b\b\b\x1b[K\r\n')).toEqual(['abc', '']);
    expect(screenLines('abcdef\b\b\b\x1b[0KX\r\nabcdef\b\b\b\x1b[1KX\r\nabcdef\x1b[2KX')).toEqual(['abcX', '   Xef', '      X']);
    // Other escapes go as before, and output that merely looks like a marker is left alone.
    expect(screenLines('\x1b[32mok\x1b[0m\x1b[K')).toEqual(['ok']);
  });
});
