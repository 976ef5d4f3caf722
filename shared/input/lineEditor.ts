/**
 * The line a remote shell's editor holds, rebuilt from the keys sent to it. The window uses it to
 * hold a dangerous line at Enter, the Node side to record each line on the timeline; both read the
 * keys the same way, so what was guarded is what gets recorded.
 *
 * The model is bash's readline in a UTF-8 locale (checked against a real bash in
 * test/electron/app/lineEditor.bash.test.ts): backspace erases one character, Ctrl-U the line
 * before the cursor, Ctrl-W the word before it, Ctrl-C abandons the line, and the text of a
 * bracketed paste is inserted as it is, line breaks included, to run at the next Enter. The shell
 * owns the real line; anything that moves the cursor or completes (escape sequences, Tab, other
 * control keys) marks the line uncertain rather than guessing.
 */

/** Bracketed-paste markers (DECSET 2004): xterm wraps a paste in them when the shell asks. */
export const PASTE_START = '\x1b[200~';
export const PASTE_END = '\x1b[201~';

export interface EditedLine {
  /** The text the shell received at Enter; a bracketed paste may put line breaks (\n) in it. */
  readonly line: string;
  /** Cursor keys, history, completion or an unknown control key were used: the shell may hold something else. */
  readonly uncertain: boolean;
}

// CSI (ESC [ ... final), SS3 (ESC O x) and two-character escapes: cursor keys, function keys, alt-chords.
const ESCAPE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|O.|[^[O])?/y;
// readline's backward-delete-char steps over zero-width characters to the one they sit on, so an
// accent typed as a combining mark goes with its letter.
const LAST_CHAR = /(?:[^\p{M}\u200b-\u200f]|^)[\p{M}\u200b-\u200f]*$/u;
// unix-word-rubout: the whitespace before the cursor, then the word before that.
const LAST_WORD = /\S*\s*$/;

export class LineEditor {
  private text = '';
  private unsure = false;
  private pasting = false;

  /** Applies keys; returns the lines that an Enter in them sent to the shell, in order (empty ones too). */
  feed(data: string): EditedLine[] {
    const done: EditedLine[] = [];
    let i = 0;
    while (i < data.length) {
      if (data.startsWith(PASTE_START, i)) {
        this.pasting = true;
        i += PASTE_START.length;
        continue;
      }
      if (data.startsWith(PASTE_END, i)) {
        this.pasting = false;
        i += PASTE_END.length;
        continue;
      }
      const ch = data[i]!;
      if (this.pasting) {
        i += 1;
        if (ch === '\r' || ch === '\n') {
          // A CRLF pair is one line break.
          if (ch === '\r' && data[i] === '\n') i += 1;
          this.text += '\n';
        } else if (ch >= ' ' || ch === '\t') this.text += ch;
        // Readline inserts other control characters literally, but the shell would then parse them.
        else this.unsure = true;
        continue;
      }
      if (ch === '\x1b') {
        ESCAPE.lastIndex = i;
        const m = ESCAPE.exec(data);
        this.unsure = true;
        i += m ? m[0].length : 1;
        continue;
      }
      i += 1;
      switch (ch) {
        case '\r':
        case '\n':
          done.push({ line: this.text, uncertain: this.unsure });
          this.text = '';
          this.unsure = false;
          break;
        case '\x7f':
        case '\b':
          this.text = this.text.replace(LAST_CHAR, '');
          break;
        case '\x15': // Ctrl-U kills back to the start of the line (all of it when the cursor never moved)
          this.text = '';
          break;
        case '\x03': // Ctrl-C abandons the line
          this.reset();
          break;
        case '\x17':
          this.text = this.text.replace(LAST_WORD, '');
          break;
        case '\x04': // Ctrl-D at the end of a line deletes nothing (on an empty one the shell exits)
          break;
        default:
          if (ch >= ' ') this.text += ch;
          else this.unsure = true;
      }
    }
    return done;
  }

  /** The line typed so far, not yet sent with Enter. */
  get line(): string {
    return this.text;
  }

  get uncertain(): boolean {
    return this.unsure;
  }

  /** Nothing typed and nothing to remember: the editor can be dropped. */
  get idle(): boolean {
    return this.text === '' && !this.unsure && !this.pasting;
  }

  reset(): void {
    this.text = '';
    this.unsure = false;
    this.pasting = false;
  }
}

/**
 * Counts the lines of input that would run, or 1 for anything typed. A single Enter, or text that
 * ends with one, is one line; a paste that carries a line break before its end is more.
 */
export function inputLineCount(data: string): number {
  const body = data.split(PASTE_START).join('').split(PASTE_END).join('').replace(/(\r\n|\r|\n)$/, '');
  const breaks = body.match(/\r\n|\r|\n/g);
  return 1 + (breaks ? breaks.length : 0);
}

/** The commands in a line sent at Enter: each non-blank line of it, as the shell runs them one by one. */
export function commandsOf(line: string): string[] {
  return line.split('\n').filter((l) => l.trim().length > 0);
}
