/**
 * Decides whether a line typed into a session is a secret, so the timeline withholds it. Two
 * signs, either enough, and when in doubt the line is withheld:
 * - a secret prompt (password, passphrase, OTP...) appeared in the output since the last line was
 *   sent, even if more output followed it, or the output ends in one when Enter is sent;
 * - the typed characters never came back in the output: the terminal had echo off, as for
 *   `read -s`, sudo and ssh, prompt or no prompt. The echo is awaited for a while after Enter,
 *   since it usually arrives a round trip after the keys.
 */
import { endsWithSecretPrompt, stripAnsi } from '../fleet/connect/secret-prompt';

export interface SecretJudgeOptions {
  /** How long after Enter a line's echo may take before the line counts as typed with echo off. */
  echoWaitMs: number;
  /** Output kept per session while a line is open; echo beyond it is not looked for. */
  maxCapture?: number;
}

interface Pending {
  needle: string;
  /** Cursor keys or completion were used: the echo is a redraw, so only the order of characters is checked. */
  loose: boolean;
  done(secret: boolean): void;
}

interface Watch {
  /** The last output, for prompt detection. */
  tail: string;
  /** A secret prompt appeared since the last line was sent. */
  prompted: boolean;
  /**
   * The cells output left since the session's current line started (escapes dropped, backspace
   * erasing, controls removed), while lines are open or awaiting their echo.
   */
  capture: string[] | undefined;
  /** The same characters with nothing erased, for lines whose echo is a redraw. */
  drawn: string[] | undefined;
  /** The start of an escape sequence cut off at the end of the last output. */
  carry: string;
  /** Where in the capture the last matched echo ended. */
  cursor: number;
  /** The line being typed has not been sent yet. */
  open: boolean;
  pending: Pending[];
}

const TAIL_CHARS = 512;
const ZERO_WIDTH = /^[\p{M}\u200b-\u200f]$/u;
// East Asian wide and fullwidth characters and emoji take two terminal columns.
const WIDE = /^[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
// An escape sequence whose end has not arrived yet: ESC alone, CSI before its final byte, OSC before
// its terminator, SS3 before its character.
const INCOMPLETE_ESCAPE = /^\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]{0,4096}\x1b?|O)?$/;

export class SecretJudge {
  private readonly watches = new Map<string, Watch>();
  private readonly maxCapture: number;

  constructor(private readonly opts: SecretJudgeOptions) {
    this.maxCapture = opts.maxCapture ?? 1024 * 1024;
  }

  /** Output from a session, as it is shown. */
  output(sessionId: string, data: string): void {
    const w = this.watch(sessionId);
    w.tail = (w.tail + data).slice(-TAIL_CHARS);
    if (endsWithSecretPrompt(w.tail)) w.prompted = true;
    if (w.capture !== undefined && (w.drawn?.length ?? 0) < this.maxCapture) {
      w.carry = render(w.carry + data, w.capture, (w.drawn ??= []));
      w.cursor = Math.min(w.cursor, w.capture.length);
      this.match(w);
    }
  }

  /**
   * Keys were sent to a session: its echo is watched from here on. `interrupt`: they held a
   * Ctrl-C, which ends whatever prompt was showing.
   */
  typed(sessionId: string, interrupt: boolean): void {
    const w = this.watch(sessionId);
    w.capture ??= [];
    w.drawn ??= [];
    if (interrupt) w.prompted = false;
  }

  /**
   * A line of this session was sent with Enter; resolves true when it must be withheld.
   * `promptNow`: the session's output ended in a secret prompt when the Enter was written.
   */
  line(sessionId: string, line: string, uncertain: boolean, promptNow: boolean): Promise<boolean> {
    const w = this.watch(sessionId);
    const prompted = w.prompted || promptNow;
    w.prompted = false;
    if (prompted) return Promise.resolve(true);
    const needle = visible(line);
    if (needle === '') return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => entry.done(true), this.opts.echoWaitMs);
      const entry: Pending = {
        needle,
        loose: uncertain,
        done: (secret) => {
          clearTimeout(timer);
          const i = w.pending.indexOf(entry);
          if (i >= 0) w.pending.splice(i, 1);
          resolve(secret);
          // A line given up on no longer holds back the ones sent after it, whose echo may be here.
          if (i === 0 && secret) this.match(w);
          this.release(w);
        },
      };
      w.pending.push(entry);
      this.match(w);
    });
  }

  /** After a request's keys: whether the session still holds a line not yet sent. */
  settle(sessionId: string, open: boolean): void {
    const w = this.watches.get(sessionId);
    if (!w) return;
    w.open = open;
    this.release(w);
  }

  /** The session went away: a line still waiting for its echo is withheld. */
  forget(sessionId: string): void {
    const w = this.watches.get(sessionId);
    this.watches.delete(sessionId);
    for (const p of [...(w?.pending ?? [])]) p.done(true);
  }

  private watch(sessionId: string): Watch {
    let w = this.watches.get(sessionId);
    if (!w) {
      w = idle();
      this.watches.set(sessionId, w);
    }
    return w;
  }

  private match(w: Watch): void {
    if (w.pending.length === 0 || w.capture === undefined) return;
    const text = w.capture.join('').replace(/ /g, '');
    // Lines echo in the order they were sent: each is looked for after the one before. A redrawn
    // echo (cursor keys) is looked for anywhere, character order only, with nothing erased.
    while (w.pending.length > 0) {
      const p = w.pending[0]!;
      if (p.loose) {
        if (subsequenceEnd((w.drawn ?? []).join(''), p.needle, 0) < 0) return;
      } else {
        const end = foundEnd(text, p.needle, w.cursor);
        if (end < 0) return;
        w.cursor = end;
      }
      p.done(false);
    }
  }

  /** Stops watching a session's echo once nothing is typed or awaited there. */
  private release(w: Watch): void {
    if (w.open || w.pending.length > 0) return;
    w.capture = undefined;
    w.drawn = undefined;
    w.carry = '';
    w.cursor = 0;
  }
}

function idle(): Watch {
  return { tail: '', prompted: false, capture: undefined, drawn: undefined, carry: '', cursor: 0, open: false, pending: [] };
}

/** The characters of a line that its echo must show (spaces may come back as redraws or wraps). */
function visible(line: string): string {
  return line.replace(/[\s\p{C}]+/gu, '');
}

/**
 * Appends the characters output leaves to `into`, one terminal cell each: escapes dropped,
 * backspace erasing, controls removed; and to `drawn` the same without erasing or spaces. Returns an escape sequence cut off at the end, to be completed by the next output.
 */
function render(output: string, into: string[], drawn: string[]): string {
  let text = output;
  let carry = '';
  const esc = text.lastIndexOf('\x1b');
  if (esc >= 0 && INCOMPLETE_ESCAPE.test(text.slice(esc))) {
    carry = text.slice(esc);
    text = text.slice(0, esc);
  }
  // Backspace moves one column: a wide character (CJK, emoji) takes two to erase, and combining
  // marks go with the character they sit on, as the shell's redraw treats them.
  let back = 0;
  // Cursor-left (CUB) moves back like backspace; the shell uses it to erase a word or more.
  const moved = text.replace(/\x1b\[(\d{0,4})D/g, (_, n: string) => '\b'.repeat(Math.max(1, Number(n) || 1)));
  for (const ch of stripAnsi(moved)) {
    const code = ch.charCodeAt(0);
    if (ch === '\b' || ch === '\x7f') {
      back += 1;
      const last = into[into.length - 1];
      if (last !== undefined && back >= width(last)) {
        into.pop();
        back = 0;
      }
      continue;
    }
    if (back > 0) {
      // The cursor stopped inside a wide character: what follows overwrites it.
      into.pop();
      back = 0;
    }
    if (ch === ' ') {
      // A space takes a column a backspace may step over, but a wrap or redraw may add or drop one.
      into.push(ch);
    } else if ((code > 0x20 && code < 0x7f) || (code > 0x7f && !/[\s\p{C}]/u.test(ch))) {
      if (ZERO_WIDTH.test(ch) && into.length > 0) into[into.length - 1] += ch;
      else into.push(ch);
      drawn.push(ch);
    }
  }
  return carry;
}

function width(cell: string): number {
  return WIDE.test(cell) ? 2 : 1;
}

function foundEnd(text: string, needle: string, from: number): number {
  const i = text.indexOf(needle, from);
  return i < 0 ? -1 : i + needle.length;
}

function subsequenceEnd(text: string, needle: string, from: number): number {
  let j = 0;
  for (let i = from; i < text.length && j < needle.length; i++) {
    if (text[i] === needle[j]) j++;
    if (j === needle.length) return i + 1;
  }
  return -1;
}
