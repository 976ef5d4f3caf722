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
  // One buffer per session, not per target set: a line started on every host and finished on a
  // subset (a canary step) is still recorded, with exactly the hosts that got the Enter.
  private readonly buffers = new Map<string, Buffer>();

  /** Feeds keystrokes sent to these sessions; returns the lines completed by this input, grouped by text. */
  feed(sessionIds: readonly string[], data: string): TypedLine[] {
    const done: TypedLine[] = [];
    const groups = new Map<string, { line: string; uncertain: boolean; sessionIds: string[] }>();
    for (const id of sessionIds) {
      const buf = this.buffers.get(id) ?? { text: '', uncertain: false };
      this.buffers.set(id, buf);
      let n = 0;
      for (const typed of apply(buf, data)) {
        // Lines are grouped by their position in this input as well as their text, so the order
        // of several lines in one paste is kept.
        const key = `${n++}\n${typed.uncertain ? 1 : 0}\n${typed.line}`;
        const group = groups.get(key) ?? { ...typed, sessionIds: [] };
        group.sessionIds.push(id);
        groups.set(key, group);
      }
      if (buf.text === '' && !buf.uncertain) this.buffers.delete(id);
    }
    for (const g of groups.values()) done.push(g);
    return done;
  }

  /** Forgets the partial line of a session that went away. */
  forget(sessionId: string): void {
    this.buffers.delete(sessionId);
  }
}

/** Applies keystrokes to one line buffer as a shell's line editor would; returns completed lines. */
function apply(buf: Buffer, data: string): Array<{ line: string; uncertain: boolean }> {
  const done: Array<{ line: string; uncertain: boolean }> = [];
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
        if (buf.text.trim().length > 0) done.push({ line: buf.text, uncertain: buf.uncertain });
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
  return done;
}
