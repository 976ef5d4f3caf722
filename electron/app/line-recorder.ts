/**
 * Turns the keys sent to sessions into the command lines to put on the timeline. Each session's
 * line is rebuilt by the shared LineEditor (the same reading of keys the window's guard uses); this
 * adds the per-session bookkeeping and groups sessions that ran the same line.
 */
import { LineEditor, commandsOf } from '../../shared/input/lineEditor';

export interface TypedLine {
  readonly sessionIds: readonly string[];
  readonly line: string;
  /** Arrow keys, history or tab completion were used: the shell may have run something else. */
  readonly uncertain: boolean;
}

export class LineRecorder {
  // One editor per session, not per target set: a line started on every host and finished on a
  // subset (a canary step) is still recorded, with exactly the hosts that got the Enter.
  private readonly editors = new Map<string, LineEditor>();

  /** Feeds keystrokes sent to these sessions; returns the lines completed by this input, grouped by text. */
  feed(sessionIds: readonly string[], data: string): TypedLine[] {
    const groups = new Map<string, { n: number; line: string; uncertain: boolean; sessionIds: string[] }>();
    for (const id of sessionIds) {
      const editor = this.editors.get(id) ?? new LineEditor();
      this.editors.set(id, editor);
      let n = 0;
      for (const sent of editor.feed(data)) {
        for (const line of commandsOf(sent.line)) {
          // Lines are grouped by their position in this input as well as their text, so the order
          // of several lines in one paste is kept.
          const key = `${n}\n${sent.uncertain ? 1 : 0}\n${line}`;
          const group = groups.get(key) ?? { n, line, uncertain: sent.uncertain, sessionIds: [] };
          n += 1;
          group.sessionIds.push(id);
          groups.set(key, group);
        }
      }
      if (editor.idle) this.editors.delete(id);
    }
    // By position first, so each session's lines come out in the order it got them.
    return [...groups.values()].sort((a, b) => a.n - b.n).map(({ line, uncertain, sessionIds: ids }) => ({ sessionIds: ids, line, uncertain }));
  }

  /** The line a session holds, not yet sent with Enter. */
  pending(sessionId: string): string {
    return this.editors.get(sessionId)?.line ?? '';
  }

  /** Forgets the partial line of a session that went away. */
  forget(sessionId: string): void {
    this.editors.delete(sessionId);
  }
}
