/**
 * Replies versus keys, against a real xterm (its parser runs in Node without a DOM): what xterm
 * answers while parsing output reaches `replied`, what `input()` feeds as the user reaches `typed`.
 */
import { describe, expect, it } from 'vitest';
import { Terminal } from '@xterm/xterm';
import { ReplySorter, replyPieces } from '../../../renderer/terminals/replies';

function harness() {
  const term = new Terminal({ cols: 80, rows: 24 });
  const typed: string[] = [];
  const replied: string[] = [];
  const sorter = new ReplySorter(
    { typed: (d) => typed.push(d), replied: (d) => replied.push(d) },
    { focusReporting: () => term.modes.sendFocusMode },
  );
  term.onData((d) => sorter.data(d));
  // As TermWrap does it.
  const write = (data: string, live = true) =>
    new Promise<void>((resolve) => {
      sorter.settle();
      term.write(data, () => {
        sorter.parsed(live);
        resolve();
      });
    });
  /** Lets queued microtasks (the sorter's settle step) run. */
  const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  return { term, typed, replied, write, settle };
}

describe('ReplySorter with a real xterm', () => {
  it('sends the answers to cursor, device attribute and mode queries as replies, none as keys', async () => {
    const h = harness();
    await h.write('hello\x1b[6n');
    await h.write('\x1b[c\x1b[>c\x1b[?2004$p');
    await h.settle();
    expect(h.typed).toEqual([]);
    expect(h.replied).toHaveLength(2);
    expect(h.replied[0]).toBe('\x1b[1;6R');
    // Every answer to one chunk travels together, in the order asked.
    expect(h.replied[1]).toMatch(/^\x1b\[\?[\d;]+c\x1b\[>[\d;]+c\x1b\[\?2004;\d\$y$/);
  });

  it('treats user input as keys, even when it lands between chunks of output with queries', async () => {
    const h = harness();
    const first = h.write('\x1b[6n');
    h.term.input('ls\r', true);
    await first;
    await h.settle();
    // Right after user input xterm parses the next write at once, inside the write call.
    h.term.input('x', true);
    await h.write('\x1b[5n');
    await h.settle();
    expect(h.typed).toEqual(['ls\r', 'x']);
    expect(h.replied).toEqual(['\x1b[1;1R', '\x1b[0n']);
  });

  it('keeps keys in the order they were typed', async () => {
    const h = harness();
    for (const k of ['a', 'b', '\x1b[A', '\r']) h.term.input(k, true);
    await h.settle();
    expect(h.typed).toEqual(['a', 'b', '\x1b[A', '\r']);
  });

  it('drops the answers to queries in replayed scrollback, and answers live output after it', async () => {
    const h = harness();
    await h.write('old prompt $ printf "\\e[6n"\r\n\x1b[6n\x1b[c', false);
    await h.write('\x1b[6n');
    await h.settle();
    expect(h.typed).toEqual([]);
    expect(h.replied).toEqual(['\x1b[2;1R']);
  });

  it('sends focus reports to their own session once the host asked for them, and keys as keys', async () => {
    const h = harness();
    // Before the host enables focus reporting, these characters can only have been typed.
    h.term.input('\x1b[I', true);
    await h.settle();
    // Enabling it makes xterm report the current focus at once, while parsing.
    await h.write('\x1b[?1004h');
    // What a DOM focus event then emits, outside any parsing.
    h.term.input('\x1b[I', false);
    h.term.input('\x1b[O', false);
    h.term.input('\x1b[A', true);
    await h.settle();
    expect(h.typed).toEqual(['\x1b[I', '\x1b[A']);
    expect(h.replied).toEqual(['\x1b[O', '\x1b[I', '\x1b[O']);
  });

  it('sends nothing for output without queries', async () => {
    const h = harness();
    await h.write('\x1b[1;31mred\x1b[0m and a title\x1b]0;title\x07\r\n');
    await h.settle();
    expect(h.typed).toEqual([]);
    expect(h.replied).toEqual([]);
  });
});

describe('ReplySorter on its own', () => {
  it('settles keys after the task, unless a parsed chunk claims them first', () => {
    const queued: (() => void)[] = [];
    const typed: string[] = [];
    const replied: string[] = [];
    const sorter = new ReplySorter({ typed: (d) => typed.push(d), replied: (d) => replied.push(d) }, { afterTask: (run) => queued.push(run) });
    sorter.data('\x1b[3;4R');
    sorter.parsed(true);
    sorter.data('k');
    expect(replied).toEqual(['\x1b[3;4R']);
    expect(typed).toEqual([]);
    for (const run of queued) run();
    expect(typed).toEqual(['k']);
    sorter.data('j');
    sorter.settle();
    sorter.parsed(true);
    expect(typed).toEqual(['k', 'j']);
    expect(replied).toEqual(['\x1b[3;4R']);
  });
});

describe('replyPieces', () => {
  it('cuts long bursts into pieces no longer than the limit and loses nothing', () => {
    const burst = '\x1b[12;34R'.repeat(1000);
    const pieces = replyPieces(burst, 4096);
    expect(pieces.every((p) => p.length <= 4096 && p.length > 0)).toBe(true);
    expect(pieces.join('')).toBe(burst);
    expect(replyPieces('short', 4096)).toEqual(['short']);
    expect(replyPieces('', 4096)).toEqual([]);
  });

  it('never splits a surrogate pair', () => {
    const pieces = replyPieces('ab😀cd', 3);
    expect(pieces.join('')).toBe('ab😀cd');
    expect(pieces[0]).toBe('ab');
    // A lone high surrogate at the end of a piece would be a split pair.
    for (const p of pieces) expect(/[\uD800-\uDBFF]$/.test(p)).toBe(false);
  });
});
