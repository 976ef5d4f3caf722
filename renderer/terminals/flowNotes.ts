/**
 * What a pane header says about its output's flow: how far xterm is behind what arrived (chars
 * received and not yet parsed) and how much the Node side skipped after an interrupt. Kept outside
 * the store like the terminals themselves: it changes on every write, and only the pane header
 * reads it, at most once per scheduled frame.
 */
import { sizeText } from '../../shared/model/size';

/** Below this a pane is keeping up; a number that flickers on every batch would only be noise. */
export const BEHIND_SHOWN_CHARS = 16 * 1024;

interface Note {
  behind: number;
  skipped: number;
}

export class FlowNotes {
  private readonly notes = new Map<string, Note>();
  private readonly listeners = new Set<() => void>();
  private queued = false;

  constructor(private readonly schedule: (run: () => void) => void) {}

  received(sessionId: string, chars: number): void {
    this.note(sessionId).behind += chars;
    this.changed();
  }

  parsed(sessionId: string, chars: number): void {
    const note = this.notes.get(sessionId);
    if (!note) return;
    note.behind = Math.max(0, note.behind - chars);
    this.changed();
  }

  /** The terminal was repainted from scrollback: whatever it still had queued is no longer owed. */
  caughtUp(sessionId: string): void {
    const note = this.notes.get(sessionId);
    if (!note) return;
    note.behind = 0;
    this.changed();
  }

  skipped(sessionId: string, chars: number): void {
    this.note(sessionId).skipped += chars;
    this.changed();
  }

  forget(sessionId: string): void {
    this.notes.delete(sessionId);
    this.changed();
  }

  totals(sessionId: string): Readonly<Note> {
    return this.notes.get(sessionId) ?? { behind: 0, skipped: 0 };
  }

  /** The header text: "skipped 12.4 MB", "behind 120 KB", both, or '' when there is nothing to say. */
  text(sessionId: string): string {
    const note = this.notes.get(sessionId);
    if (!note) return '';
    const parts: string[] = [];
    if (note.skipped > 0) parts.push(`skipped ${sizeText(note.skipped)}`);
    if (note.behind >= BEHIND_SHOWN_CHARS) parts.push(`behind ${sizeText(note.behind)}`);
    return parts.join(', ');
  }

  /** Called (batched, once per scheduled frame) after any note changed; returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private note(sessionId: string): Note {
    let note = this.notes.get(sessionId);
    if (!note) this.notes.set(sessionId, (note = { behind: 0, skipped: 0 }));
    return note;
  }

  private changed(): void {
    if (this.queued || this.listeners.size === 0) return;
    this.queued = true;
    this.schedule(() => {
      this.queued = false;
      for (const listener of [...this.listeners]) listener();
    });
  }
}

