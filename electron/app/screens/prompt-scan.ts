/**
 * Looking for a line's next prompt as its output arrives, holding only what is still to be looked
 * at: the unfinished last line and what came after it (at most PROMPT_WINDOW chars). After each
 * chunk, the same verdict as promptShows over all the output so far (property-tested),
 * without reading that output again: each check sliced the target's whole output, which V8 copies
 * when it was built by appending, so with many lines watched on many hosts (keys typed right after
 * Enter, type-ahead) every check copied every watched output, on the path of the next echo.
 */

/** The end of the output looked at for the next prompt, so each chunk costs the same. */
export const PROMPT_WINDOW = 4096;

export class PromptScan {
  /** Output not looked at whole yet: the unfinished last line and what came after it. */
  private fresh = '';
  /** Whether the line holding the echoed command has ended (lines before it are not prompts). */
  private pastEcho = false;
  /** Whether `fresh` starts at the start of a line (false once the window cut into one). */
  private atLineStart = false;

  push(data: string): void {
    this.fresh += data;
  }

  /**
   * Whether a line that starts with `prompt` arrived since the last check (or is the unfinished
   * one). `lines` turns output into screen lines; the caller may reuse its answer for equal text.
   */
  check(prompt: string, lines: (text: string) => string[]): boolean {
    if (prompt === '') {
      this.fresh = '';
      return false;
    }
    if (!this.pastEcho) {
      const nl = this.fresh.indexOf('\n');
      if (nl === -1) {
        if (this.fresh.length > PROMPT_WINDOW) this.fresh = this.fresh.slice(-PROMPT_WINDOW);
        return false;
      }
      this.pastEcho = true;
      this.fresh = this.fresh.slice(nl + 1);
      this.atLineStart = true;
    }
    if (this.fresh.length > PROMPT_WINDOW) {
      this.atLineStart = this.fresh[this.fresh.length - PROMPT_WINDOW - 1] === '\n';
      this.fresh = this.fresh.slice(-PROMPT_WINDOW);
    }
    // A window that starts mid-line holds only the end of that line: not a prompt.
    const seen = lines(this.fresh).some((l, i) => (i > 0 || this.atLineStart) && l.startsWith(prompt));
    const last = this.fresh.lastIndexOf('\n');
    if (last !== -1) {
      this.fresh = this.fresh.slice(last + 1);
      this.atLineStart = true;
    }
    return seen;
  }
}
