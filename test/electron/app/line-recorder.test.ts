import { describe, expect, it } from 'vitest';
import { LineRecorder } from '../../../electron/app/line-recorder';

const lines = (r: LineRecorder, ids: string[], ...chunks: string[]) => chunks.flatMap((c) => r.feed(ids, c));

describe('LineRecorder', () => {
  it('records a line typed key by key when Enter is pressed, with its targets', () => {
    const r = new LineRecorder();
    const out = lines(r, ['a', 'b'], ...'uptime'.split(''), '\r');
    expect(out).toEqual([{ sessionIds: ['a', 'b'], line: 'uptime', uncertain: false }]);
  });

  it('applies backspace, Ctrl-W, Ctrl-U and Ctrl-C as a shell would', () => {
    const r = new LineRecorder();
    expect(lines(r, ['a'], 'df -x', '\x7f', 'h', '\r')[0]!.line).toBe('df -h');
    expect(lines(r, ['a'], 'rm -rf /tmp/x', '\x17', 'y', '\r')[0]!.line).toBe('rm -rf y');
    expect(lines(r, ['a'], 'reboot', '\x15', 'uptime\r')[0]!.line).toBe('uptime');
    expect(lines(r, ['a'], 'reboot', '\x03', '\r')).toEqual([]);
  });

  it('keeps multi-byte characters whole when erasing', () => {
    const r = new LineRecorder();
    expect(lines(r, ['a'], 'echo ✓€', '\x7f', '\r')[0]!.line).toBe('echo ✓');
  });

  it('records a bracketed paste at the Enter that runs it, one line per command, as bash runs it', () => {
    const r = new LineRecorder();
    expect(r.feed(['a'], '\x1b[200~uptime\r\nhostname\r\x1b[201~')).toEqual([]);
    expect(r.feed(['a'], '\r').map((l) => l.line)).toEqual(['uptime', 'hostname']);
  });

  it('splits an unbracketed paste into lines as its line breaks arrive, CRLF counting once', () => {
    const r = new LineRecorder();
    expect(r.feed(['a'], 'uptime\r\nhostname\r').map((l) => l.line)).toEqual(['uptime', 'hostname']);
  });

  it('flags lines edited with cursor keys or completion as uncertain', () => {
    const r = new LineRecorder();
    expect(r.feed(['a'], '\x1b[A\r')).toEqual([]);
    expect(r.feed(['a'], 'systemctl res\ttart nginx\r')[0]).toMatchObject({ uncertain: true });
    expect(r.feed(['a'], 'ls\x1b[Dx\r')[0]).toMatchObject({ line: 'lsx', uncertain: true });
    expect(r.feed(['a'], 'ls\r')[0]).toMatchObject({ uncertain: false });
  });

  it('keeps a partial line per session, so a line finished on a subset (a canary) is recorded with that subset', () => {
    const r = new LineRecorder();
    r.feed(['a', 'b', 'c'], 'systemctl restart nginx');
    expect(r.feed(['a'], '\r')).toEqual([{ sessionIds: ['a'], line: 'systemctl restart nginx', uncertain: false }]);
    expect(r.feed(['b', 'c'], '\r')).toEqual([{ sessionIds: ['b', 'c'], line: 'systemctl restart nginx', uncertain: false }]);
  });

  it('records what each session actually had when their partial lines differ', () => {
    const r = new LineRecorder();
    r.feed(['a'], 'host');
    r.feed(['b'], 'up');
    const out = r.feed(['a', 'b'], 'time\r');
    expect(out).toEqual([
      { sessionIds: ['a'], line: 'hosttime', uncertain: false },
      { sessionIds: ['b'], line: 'uptime', uncertain: false },
    ]);
  });
});
