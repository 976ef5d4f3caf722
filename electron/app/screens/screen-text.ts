/**
 * Terminal output as the lines a person reads: escape sequences removed, carriage returns and
 * backspaces applied the way a terminal applies them to one line. Not a terminal emulator: cursor
 * movement across lines is dropped, which is enough for the output of shell commands.
 */

// CSI (with private and intermediate bytes), OSC and DCS/PM/APC strings (ended by BEL or ST), then
// any other two-character escape; C1 CSI (\x9b) as well.
const ESCAPES = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]/g;
// Every other control character except the ones that move within a line (\b, \r) and \n.
const OTHER_CONTROLS = /[\x00-\x07\x0b\x0c\x0e-\x1f\x7f]/g;
const ANY_OTHER_CONTROL = /[\x00-\x07\x0b\x0c\x0e-\x1f\x7f]/;

export function stripAnsi(text: string): string {
  return text.includes('\x1b') || text.includes('\x9b') ? text.replace(ESCAPES, '') : text;
}

/** One raw line (no \n) as it ends up on screen: text after a \r overwrites from column 0. */
function cookLine(raw: string): string {
  const cells: string[] = [];
  let col = 0;
  for (const ch of raw) {
    if (ch === '\r') col = 0;
    else if (ch === '\b') col = Math.max(0, col - 1);
    else {
      cells[col] = ch;
      col += 1;
    }
  }
  return Array.from(cells, (c) => c ?? ' ').join('');
}

/**
 * The lines of a stretch of output. The last element is the unfinished line (often a prompt), ''
 * when the output ended with a newline.
 */
export function screenLines(raw: string): string[] {
  const stripped = stripAnsi(raw);
  // Testing first costs a scan; replacing allocates, and most output has nothing to replace.
  const lines = (ANY_OTHER_CONTROL.test(stripped) ? stripped.replace(OTHER_CONTROLS, '') : stripped).split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    let line = lines[i]!;
    // CRLF is the usual line end from a pty; only a line that overwrites itself (a progress bar,
    // backspaces) takes the per-character pass.
    if (line.endsWith('\r')) line = line.slice(0, line.endsWith('\r\r') ? line.search(/\r+$/) : -1);
    lines[i] = line.includes('\r') || line.includes('\b') ? cookLine(line) : line;
  }
  return lines;
}
