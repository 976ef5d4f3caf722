/**
 * Terminal output as the lines a person reads: escape sequences removed, carriage returns and
 * backspaces applied the way a terminal applies them to one line. Not a terminal emulator: cursor
 * movement across lines is dropped, which is enough for the output of shell commands.
 */

// CSI (with private and intermediate bytes), OSC and DCS/PM/APC strings (ended by BEL or ST), then
// any other two-character escape; C1 CSI (\x9b) as well.
const ESCAPES = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]/g;
const OTHER_CONTROLS = /[\x00-\x07\x0b-\x0c\x0e-\x1f\x7f]/g;

export function stripAnsi(text: string): string {
  return text.replace(ESCAPES, '');
}

/** One raw line (no \n) as it ends up on screen: text after a \r overwrites from column 0. */
function cookLine(raw: string): string {
  if (!raw.includes('\r') && !raw.includes('\b')) return raw.replace(OTHER_CONTROLS, '');
  let cells: string[] = [];
  let col = 0;
  for (const ch of raw) {
    if (ch === '\r') col = 0;
    else if (ch === '\b') col = Math.max(0, col - 1);
    else if (ch >= ' ' && ch !== '\x7f') {
      cells[col] = ch;
      col += 1;
    }
  }
  cells = Array.from(cells, (c) => c ?? ' ');
  return cells.join('');
}

/**
 * The lines of a stretch of output. The last element is the unfinished line (often a prompt), ''
 * when the output ended with a newline.
 */
export function screenLines(raw: string): string[] {
  return stripAnsi(raw).split('\n').map(cookLine);
}
