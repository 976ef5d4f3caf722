/**
 * The recent output of each session, kept on the Node side so a window that reloads (or a second
 * browser tab) shows what the terminals already printed instead of blank panes.
 */
export const SCROLLBACK_CHARS = 64 * 1024;

export class Scrollback {
  private readonly chunks = new Map<string, { parts: string[]; size: number }>();

  constructor(private readonly limit = SCROLLBACK_CHARS) {}

  add(sessionId: string, data: string): void {
    const entry = this.chunks.get(sessionId) ?? { parts: [], size: 0 };
    this.chunks.set(sessionId, entry);
    entry.parts.push(data);
    entry.size += data.length;
    // Drop whole chunks from the front; cut the last one only at a line start, so a replay does not
    // begin inside an escape sequence.
    while (entry.size - (entry.parts[0]?.length ?? 0) >= this.limit && entry.parts.length > 1) {
      entry.size -= entry.parts.shift()!.length;
    }
    if (entry.size > this.limit * 2) {
      const joined = entry.parts.join('');
      let cut = joined.length - this.limit;
      const nl = joined.indexOf('\n', cut);
      if (nl !== -1) cut = nl + 1;
      entry.parts = [joined.slice(cut)];
      entry.size = entry.parts[0]!.length;
    }
  }

  get(sessionId: string): string {
    const entry = this.chunks.get(sessionId);
    if (!entry) return '';
    const joined = entry.parts.join('');
    entry.parts = [joined];
    return joined;
  }

  /**
   * The output since the last line feed (the line the cursor is on, as far as text tells), read from
   * the last chunks only: get() joins the whole scrollback, which an Enter on N hosts did N times
   * to find each prompt.
   */
  lastLine(sessionId: string): string {
    const parts = this.chunks.get(sessionId)?.parts ?? [];
    const line: string[] = [];
    for (let i = parts.length - 1; i >= 0; i--) {
      const part = parts[i]!;
      const nl = part.lastIndexOf('\n');
      line.push(nl === -1 ? part : part.slice(nl + 1));
      if (nl !== -1) break;
    }
    return line.reverse().join('');
  }

  forget(sessionId: string): void {
    this.chunks.delete(sessionId);
  }
}
