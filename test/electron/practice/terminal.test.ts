/**
 * The practice terminal on its own, fed keystrokes directly: whatever is typed and erased, the line
 * that runs is the line a reader of the screen would expect, and stray bytes never break it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFleetHosts } from '../../../electron/practice/host/build';
import { practiceLayout } from '../../../electron/practice/layout';
import { PracticeTerminal } from '../../../electron/practice/terminal';

function terminal(): { t: PracticeTerminal; out: () => string; ended: () => number | null } {
  const host = buildFleetHosts(practiceLayout(2, 2), Date.now()).get('web-01');
  if (!host) throw new Error('no host');
  let text = '';
  let code: number | null = null;
  const t = new PracticeTerminal(host, {
    stdout: (s) => {
      text += s;
      return true;
    },
    onDrain: () => undefined,
    after: () => () => undefined,
    stderr: (s) => {
      text += s;
    },
    end: (c) => {
      code = c;
    },
  }, true);
  t.start(Date.now());
  return { t, out: () => text, ended: () => code };
}

type Key = { kind: 'char'; ch: string } | { kind: 'backspace' } | { kind: 'kill' } | { kind: 'arrow'; dir: 'C' | 'D' };

const keyArb: fc.Arbitrary<Key> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'abcxyz019 -_./é●'.split('')).map((ch): Key => ({ kind: 'char', ch })) },
  { weight: 2, arbitrary: fc.constant<Key>({ kind: 'backspace' }) },
  { weight: 1, arbitrary: fc.constant<Key>({ kind: 'kill' }) },
  { weight: 1, arbitrary: fc.constantFrom('C', 'D').map((dir): Key => ({ kind: 'arrow', dir: dir as 'C' | 'D' })) },
);

describe('practice terminal line editing', () => {
  it('runs exactly the line shown on screen, after any mix of typing, backspace, Ctrl-U and cursor keys', () => {
    fc.assert(fc.property(fc.array(keyArb, { maxLength: 40 }), (keys) => {
      const { t, out } = terminal();
      let model = "echo '[";
      t.input(model);
      for (const k of keys) {
        if (k.kind === 'char') {
          t.input(k.ch);
          model += k.ch;
        } else if (k.kind === 'backspace') {
          t.input('\x7f');
          model = [...model].slice(0, -1).join('');
        } else if (k.kind === 'kill') {
          t.input('\x15');
          model = '';
        } else {
          t.input(`\x1b[${k.dir}`);
        }
      }
      const prompt = 'sre@web-01:~$ ';
      // Erasing leaves blanks at the end of a screen line, so compare without trailing spaces.
      expect(screenLine(out())).toBe(`${prompt}${model}`.replace(/ +$/, ""));
      t.input('\r');
      if (model.trim() === '') return;
      const before = out().length;
      t.input('history\r');
      const listed = out().slice(before).split('\r\n').filter((l) => /^ +\d+  /.test(l));
      expect(listed[listed.length - 2]?.replace(/^ +\d+  /, '')).toBe(model);
    }), { numRuns: 300 });
  });

  it('survives any bytes, including broken UTF-8 and stray escapes, and still answers after Ctrl-C', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const { t, out, ended } = terminal();
      t.input(Buffer.from(bytes));
      if (ended() !== null) return; // a Ctrl-D on an empty line logged out: that is allowed
      t.input('\x03');
      if (ended() !== null) return;
      const before = out().length;
      // A lone ESC or an open CSI may still be waiting for its final byte; 'Z' ends either.
      t.input('Z\x03hostname\r');
      expect(out().slice(before)).toContain('web-01\r\nsre@web-01:~$ ');
    }), { numRuns: 300 });
  });

  it('logs out on Ctrl-D only when the line is empty', () => {
    const { t, out, ended } = terminal();
    t.input('echo x\x04');
    expect(ended()).toBeNull();
    t.input('\x15\x04');
    expect(ended()).toBe(0);
    expect(out().endsWith('logout\r\n')).toBe(true);
  });
});

/** The cursor's line as a terminal would show it, from the bytes written so far. */
function screenLine(bytes: string): string {
  let line: string[] = [];
  let col = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const c = bytes[i] as string;
    if (bytes.startsWith('\x1b[K', i)) {
      line = line.slice(0, col);
      i += 2;
    } else if (c === '\n') {
      line = [];
      col = 0;
    } else if (c === '\r') {
      col = 0;
    } else if (c === '\b') {
      col = Math.max(0, col - 1);
    } else {
      const cp = bytes.codePointAt(i) as number;
      const ch = String.fromCodePoint(cp);
      if (ch.length === 2) i += 1;
      line[col] = ch;
      col += 1;
    }
  }
  return line.join('').replace(/ +$/, '');
}

describe('sleep in a command list', () => {
  /** A terminal whose timers are held here: a sleep is a wait the test ends, never a real delay. */
  function timed(pty: boolean) {
    const host = buildFleetHosts(practiceLayout(2, 2), Date.now()).get('web-01');
    if (!host) throw new Error('no host');
    let text = '';
    let code: number | null = null;
    const timers: { ms: number; wake: () => void }[] = [];
    const t = new PracticeTerminal(host, {
      stdout: (s) => {
        text += s;
        return true;
      },
      onDrain: () => undefined,
      after: (ms, wake) => {
        timers.push({ ms, wake });
        return () => undefined;
      },
      stderr: (s) => {
        text += s;
      },
      end: (c) => {
        code = c;
      },
    }, pty);
    t.start(Date.now());
    /** Fires the oldest pending timer, as time passing would, and says how long it was. */
    const elapse = () => {
      const next = timers.shift();
      if (!next) throw new Error(`nothing waits; output so far: ${JSON.stringify(text)}`);
      next.wake();
      return next.ms;
    };
    return { t, out: () => text, ended: () => code, elapse, pending: () => timers.length };
  }

  it.each([
    ['echo a; sleep 0.5; echo b', [500]],
    ['echo a;sleep .5;echo b', [500]],
    ['echo a; sleep 0.25; sleep 0.25 && echo b', [250, 250]],
    ['echo a; sleep 0.5 | cat; echo b', [500]],
    ['echo a; echo x | sleep 1s; echo b', [1000]],
  ])('`%s` prints b only after the sleep, in a pty and in exec', (line, waits) => {
    for (const pty of [true, false]) {
      const s = timed(pty);
      const from = s.out().length;
      if (pty) s.t.input(`${line}\r`);
      else s.t.exec(line);
      const sinceTyped = () => s.out().slice(from).replace(line, '');
      for (const ms of waits) {
        expect(sinceTyped(), `${line} (pty ${pty}) before ${ms} ms`).toMatch(/a\r?\n$/);
        expect(s.elapse()).toBe(ms);
      }
      expect(s.pending()).toBe(0);
      expect(sinceTyped()).toMatch(pty ? /a\r\nb\r\nsre@web-01:~\$ $/ : /^a\nb\n$/);
      if (!pty) expect(s.ended()).toBe(0);
    }
  });
});
