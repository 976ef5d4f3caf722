import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineEditor, PASTE_END, PASTE_START, commandsOf, inputLineCount } from '../../../shared/input/lineEditor';

function typed(...keys: string[]): LineEditor {
  const editor = new LineEditor();
  for (const k of keys) editor.feed(k);
  return editor;
}

/** Lines sent by Enter when the keys arrive one chunk at a time. */
function sent(chunks: readonly string[]): Array<{ line: string; uncertain: boolean }> {
  const editor = new LineEditor();
  return chunks.flatMap((c) => editor.feed(c));
}

// Printable characters as a shell takes them: any code point but controls and zero-width marks
// (those join the character before them; tested on their own below).
const printable = fc
  .string({ unit: 'grapheme-composite', minLength: 0, maxLength: 30 })
  .map((s) => [...s].filter((c) => !/[\p{C}\p{M}\u200b-\u200f]/u.test(c)).join(''));

// One key as xterm sends it: text, an edit key, an Enter, a cursor key, or a whole bracketed paste.
const key = fc.oneof(
  printable,
  fc.constantFrom('\x7f', '\b', '\x15', '\x17', '\x03', '\r', '\t', '\x1b[A', '\x1b[D', '\x1bOC', '\x1bb'),
  fc.array(printable, { maxLength: 4 }).map((lines) => `${PASTE_START}${lines.join('\r')}${PASTE_END}`),
);

describe('LineEditor', () => {
  it('follows typing, backspace, Ctrl-W, Ctrl-U and Ctrl-C', () => {
    expect(typed(...'rm -rf /tmpx'.split(''), '\x7f', '/a').line).toBe('rm -rf /tmp/a');
    expect(typed('sudo systemctl restart nginx', '\x17').line).toBe('sudo systemctl restart ');
    expect(typed('echo a  ', '\x17').line).toBe('echo ');
    expect(typed('reboot', '\x15', 'uptime').line).toBe('uptime');
    expect(typed('reboot', '\x03').line).toBe('');
  });

  it('erases one character per backspace: a whole code point, with the combining marks on it', () => {
    expect(typed('echo ✓€', '\x7f').line).toBe('echo ✓');
    expect(typed('echo a😀中', '\x7f\x7f', 'b').line).toBe('echo ab');
    expect(typed('echo ae\u0301', '\x7f', 'b').line).toBe('echo ab');
    expect(typed('\x7f\x7f').line).toBe('');
  });

  it('marks the line uncertain after cursor keys or completion, without taking escape bytes as text', () => {
    const arrows = typed('ls', '\x1b[A', '\x1bOD', 'x');
    expect(arrows.line).toBe('lsx');
    expect(arrows.uncertain).toBe(true);
    expect(typed('systemctl sta', '\t').uncertain).toBe(true);
    expect(typed('uptime').uncertain).toBe(false);
    // Ctrl-U kills only what is before the cursor, and the cursor may have moved.
    expect(typed('ls', '\x1b[D', '\x15').uncertain).toBe(true);
    expect(typed('ls', '\x1b[D', '\x03').uncertain).toBe(false);
  });

  it('returns each line sent with Enter; a lone Enter sends an empty line', () => {
    expect(sent(['uptime\rhostname\r', '\r'])).toEqual([
      { line: 'uptime', uncertain: false },
      { line: 'hostname', uncertain: false },
      { line: '', uncertain: false },
    ]);
  });

  it('keeps a bracketed paste on the line, line breaks included, until Enter', () => {
    const editor = new LineEditor();
    expect(editor.feed(`${PASTE_START}uptime\r\nhostname\r${PASTE_END}`)).toEqual([]);
    expect(editor.line).toBe('uptime\nhostname\n');
    expect(editor.idle).toBe(false);
    const [line] = editor.feed('\r');
    expect(commandsOf(line!.line)).toEqual(['uptime', 'hostname']);
    expect(editor.idle).toBe(true);
  });

  it('is idle only when it holds nothing, an open paste included', () => {
    expect(new LineEditor().idle).toBe(true);
    expect(typed(PASTE_START).idle).toBe(false);
    expect(typed('x\x7f').idle).toBe(true);
  });

  it('property: typed text then Enter sends exactly that text', () => {
    fc.assert(
      fc.property(printable, (text) => {
        expect(sent([...text, '\r'])).toEqual([{ line: text, uncertain: false }]);
      }),
    );
  });

  it('property: k backspaces erase the last k code points', () => {
    fc.assert(
      fc.property(printable, fc.nat(40), (text, k) => {
        const chars = [...text];
        expect(typed(text, '\x7f'.repeat(k)).line).toBe(chars.slice(0, Math.max(0, chars.length - k)).join(''));
      }),
    );
  });

  it('property: the result does not depend on how the keys are split into requests', () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 20 }), (keys) => {
        const whole = new LineEditor();
        const lines = whole.feed(keys.join(''));
        const apart = new LineEditor();
        expect(keys.flatMap((k) => apart.feed(k))).toEqual(lines);
        expect([apart.line, apart.uncertain, apart.idle]).toEqual([whole.line, whole.uncertain, whole.idle]);
      }),
    );
  });

  it('property: Ctrl-C leaves an empty, certain line whatever came before', () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 20 }), (keys) => {
        const editor = typed(...keys, '\x03');
        // Inside an open paste Ctrl-C is pasted text; closing the paste first makes it a key.
        const closed = typed(...keys, PASTE_END, '\x03');
        expect([closed.line, closed.uncertain, closed.idle]).toEqual(['', false, true]);
        if (!editor.idle) expect(editor.line).not.toBe('');
      }),
    );
  });

  it('property: a bracketed paste of lines then Enter runs its non-blank lines in order', () => {
    fc.assert(
      fc.property(fc.array(printable, { maxLength: 8 }), (lines) => {
        const [line] = sent([`${PASTE_START}${lines.join('\r')}${PASTE_END}`, '\r']);
        expect(commandsOf(line!.line)).toEqual(lines.filter((l) => l.trim() !== ''));
      }),
    );
  });
});

describe('inputLineCount', () => {
  it('counts typed keys and a trailing Enter as one line', () => {
    expect(inputLineCount('a')).toBe(1);
    expect(inputLineCount('\r')).toBe(1);
    expect(inputLineCount('\x03')).toBe(1);
    expect(inputLineCount('uptime\r')).toBe(1);
  });

  it('counts the lines of a multi-line paste, bracketed or not', () => {
    expect(inputLineCount('rm -rf /tmp/a\rrm -rf /tmp/b\r')).toBe(2);
    expect(inputLineCount('one\r\ntwo\nthree')).toBe(3);
    expect(inputLineCount('\x1b[200~one\rtwo\x1b[201~')).toBe(2);
  });
});
