/**
 * Rebuilds the command lines a user typed from raw keystrokes, so that each line sent to a set of
 * hosts becomes evidence on the timeline. The remote shell owns the real line editor, so this is a
 * best-effort reading of the keys: it follows the edits a shell would apply (backspace, Ctrl-U,
 * Ctrl-W, Ctrl-C) and flags lines where cursor keys or completion made the text uncertain.
 */

export interface TypedLine {
  readonly sessionIds: readonly string[];
  readonly line: string;
  /** Arrow keys, history or tab completion were used: the shell may have run something else. */
  readonly uncertain: boolean;
}

interface Buffer {
  text: string;
  uncertain: boolean;
}

// CSI (ESC [ ... final), SS3 (ESC O x) and two-character escapes: cursor keys, function keys, alt-chords.
const ESCAPE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|O.|[^[O])/y;
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

export class LineRecorder {
  private readonly buffers = new Map<string, Buffer>();

  /** Feeds keystrokes sent to these sessions; returns the lines completed by this input. */
  feed(sessionIds: readonly string[], data: string): TypedLine[] {
    const key = [...sessionIds].sort().join('\n');
    let buf = this.buffers.get(key);
    if (!buf) {
      buf = { text: '', uncertain: false };
      this.buffers.set(key, buf);
    }
    const done: TypedLine[] = [];
    let i = 0;
    while (i < data.length) {
      const ch = data[i]!;
      if (ch === '\x1b') {
        if (data.startsWith(PASTE_START, i)) {
          i += PASTE_START.length;
          continue;
        }
        if (data.startsWith(PASTE_END, i)) {
          i += PASTE_END.length;
          continue;
        }
        ESCAPE.lastIndex = i;
        const m = ESCAPE.exec(data);
        buf.uncertain = true;
        i += m ? m[0].length : 1;
        continue;
      }
      i += 1;
      switch (ch) {
        case '\r':
        case '\n':
          // A CRLF pair from a paste is one line end, not two.
          if (ch === '\n' && data[i - 2] === '\r') break;
          if (buf.text.trim().length > 0) done.push({ sessionIds: [...sessionIds], line: buf.text, uncertain: buf.uncertain });
          buf.text = '';
          buf.uncertain = false;
          break;
        case '\x7f':
        case '\b':
          buf.text = [...buf.text].slice(0, -1).join('');
          break;
        case '\x15': // Ctrl-U kills the line
        case '\x03': // Ctrl-C abandons it
          buf.text = '';
          buf.uncertain = false;
          break;
        case '\x17': // Ctrl-W kills the previous word
          buf.text = buf.text.replace(/\S+\s*$/, '');
          break;
        case '\t':
          buf.uncertain = true;
          break;
        default:
          if (ch >= ' ') buf.text += ch;
          else if (ch !== '\x04') buf.uncertain = true;
      }
    }
    if (buf.text === '' && !buf.uncertain) this.buffers.delete(key);
    return done;
  }

  /** Forgets partial lines for sessions that went away. */
  forget(sessionId: string): void {
    for (const key of this.buffers.keys()) if (key.split('\n').includes(sessionId)) this.buffers.delete(key);
  }
}
