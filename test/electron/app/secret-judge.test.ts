import { describe, expect, it } from 'vitest';
import { SecretJudge } from '../../../electron/app/secret-judge';

// No echo ever comes in the cases that wait, so the wait only bounds how long they take.
const judge = () => new SecretJudge({ echoWaitMs: 30 });

/** Types `keys` (the last of them ends the line) and feeds `echo` after it; resolves the verdict. */
function typeLine(j: SecretJudge, line: string, echo: string[], opts: { uncertain?: boolean; promptNow?: boolean } = {}) {
  j.typed('s', false);
  const verdict = j.line('s', line, opts.uncertain ?? false, opts.promptNow ?? false);
  j.settle('s', false);
  for (const chunk of echo) j.output('s', chunk);
  return verdict;
}

describe('SecretJudge', () => {
  it('records a line whose characters came back, before or after the Enter', async () => {
    const j = judge();
    j.typed('s', false);
    j.output('s', 'upt');
    j.output('s', 'ime');
    expect(await typeLine(j, 'uptime', ['\r\n'])).toBe(false);
    expect(await typeLine(j, 'df -h', ['d', 'f -h\r\n/dev/sda1 ...\r\n$ '])).toBe(false);
  });

  it('withholds a line that never echoed, prompt or no prompt (read -s)', async () => {
    expect(await typeLine(judge(), 'hunter2', ['\r\n'])).toBe(true);
  });

  it('withholds the line after a secret prompt even when other output followed the prompt', async () => {
    const j = judge();
    j.output('s', 'Password: ');
    j.output('s', '\r\n[1]+  Done   sleep 1\r\n');
    expect(await typeLine(j, 'hunter2', ['hunter2\r\n'])).toBe(true);
    // Answered: the next line is judged afresh.
    expect(await typeLine(j, 'ls', ['ls\r\n'])).toBe(false);
  });

  it('withholds the line when the output ends in a prompt at Enter, split across chunks or coloured', async () => {
    const j = judge();
    j.output('s', '\x1b[1m[sudo] pass');
    j.output('s', 'word for root:\x1b[0m ');
    expect(await typeLine(j, 'hunter2', ['hunter2'])).toBe(true);
    expect(await typeLine(judge(), 'x', ['x'], { promptNow: true })).toBe(true);
  });

  it('a Ctrl-C ends the prompt it answered', async () => {
    const j = judge();
    j.output('s', 'Password: ');
    j.typed('s', true);
    expect(await typeLine(j, 'ls', ['^C\r\n$ ls\r\n'])).toBe(false);
  });

  it('reads an echo through backspaces, colours and escape sequences cut between chunks', async () => {
    expect(await typeLine(judge(), 'ac', ['ab\b\x1b[', 'Kc\r\n'])).toBe(false);
    expect(await typeLine(judge(), 'echo ✓', ['e\x1b[7mcho\x1b[27m ✓'])).toBe(false);
    // bash erases a wide character with two backspaces, an accented one (combining mark) with one.
    expect(await typeLine(judge(), 'echo ab', ['echo a中\b\b\x1b[Kb'])).toBe(false);
    expect(await typeLine(judge(), 'echo ab', ['echo ae\u0301\b\x1b[Kb'])).toBe(false);
    // Backspaces step over spaces too (Ctrl-W after trailing spaces), and CUB moves back like them.
    expect(await typeLine(judge(), 'stop b', ['stop a  \b\b\b\x1b[Kb'])).toBe(false);
    expect(await typeLine(judge(), 'stop b', ['stop a  \x1b[3D\x1b[Kb'])).toBe(false);
  });

  it('finds the lines of a paste in order, each after the one before', async () => {
    const j = judge();
    j.typed('s', false);
    const a = j.line('s', 'echo a', false, false);
    const b = j.line('s', 'echo a', false, false);
    j.settle('s', false);
    j.output('s', 'echo a\r\na\r\n$ ');
    expect(await a).toBe(false);
    // Only one echo of the line came: the second line's must be found after it.
    expect(await b).toBe(true);
  });

  it('judges the lines after one that never echoed once that one is given up on', async () => {
    const j = judge();
    j.typed('s', false);
    const secret = j.line('s', 'hunter2', false, false);
    const after = j.line('s', 'echo next', false, false);
    j.settle('s', false);
    j.output('s', '\r\n$ echo next\r\nnext\r\n');
    expect(await secret).toBe(true);
    expect(await after).toBe(false);
  });

  it('accepts a redrawn echo of a line edited with cursor keys, in order only', async () => {
    expect(await typeLine(judge(), 'lsx', ['ls\bxs\b\r\n'], { uncertain: true })).toBe(false);
  });

  it('withholds a line still awaiting its echo when its session goes away', async () => {
    const j = new SecretJudge({ echoWaitMs: 60_000 });
    j.typed('s', false);
    const verdict = j.line('s', 'uptime', false, false);
    j.forget('s');
    expect(await verdict).toBe(true);
  });
});
