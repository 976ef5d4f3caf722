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

/*
 * Erase in line (EL) is kept through the stripping as a marker, since it changes what a line shows:
 * a shell clears the line it redraws (bash's Ctrl-U, Ctrl-W and history recall write "\rPROMPT
 * ESC[K"), and without it the old, longer text would show through after the new one. U+FDD0..2 are
 * noncharacters: no output means them.
 */
const ERASE_RIGHT = '\ufdd0';
const ERASE_LEFT = '\ufdd1';
const ERASE_ALL = '\ufdd2';
const ERASE_IN_LINE = /(?:\x1b\[|\x9b)([012]?)K/g;
const ERASE_MARKS = { '': ERASE_RIGHT, '0': ERASE_RIGHT, '1': ERASE_LEFT, '2': ERASE_ALL } as const;

function stripKeepingErase(text: string): string {
  if (!text.includes('\x1b') && !text.includes('\x9b')) return text;
  return stripAnsi(text.replace(ERASE_IN_LINE, (_, n: '' | '0' | '1' | '2') => ERASE_MARKS[n]));
}

const ANY_ERASE = /[\ufdd0-\ufdd2]/;

/**
 * One raw line (no \n) as it ends up on screen: text after a \r overwrites from column 0, a
 * backspace moves left without erasing, and an erase in line blanks cells (the cursor stays).
 */
function cookLine(raw: string): string {
  const cells: string[] = [];
  let col = 0;
  for (const ch of raw) {
    if (ch === '\r') col = 0;
    else if (ch === '\b') col = Math.max(0, col - 1);
    else if (ch === ERASE_RIGHT) cells.length = Math.min(cells.length, col);
    else if (ch === ERASE_LEFT) cells.fill(' ', 0, Math.min(cells.length, col + 1));
    else if (ch === ERASE_ALL) cells.length = 0;
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
  const stripped = stripKeepingErase(raw);
  const erases = ANY_ERASE.test(stripped);
  // Testing first costs a scan; replacing allocates, and most output has nothing to replace.
  const lines = (ANY_OTHER_CONTROL.test(stripped) ? stripped.replace(OTHER_CONTROLS, '') : stripped).split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    let line = lines[i]!;
    // CRLF is the usual line end from a pty; only a line that overwrites itself (a progress bar,
    // backspaces) takes the per-character pass.
    if (line.endsWith('\r')) line = line.slice(0, line.endsWith('\r\r') ? line.search(/\r+$/) : -1);
    lines[i] = line.includes('\r') || line.includes('\b') || (erases && ANY_ERASE.test(line)) ? cookLine(line) : line;
  }
  return lines;
}
