/**
 * Where a tail cut from a longer output starts: after its first line break when more follows it,
 * so it begins on a line of its own, not inside a line, an escape sequence or a character. The
 * Node side's skip after an interrupt (OutputPump) and the window's trim (OutputFeed) cut the same.
 */
export function fromLineStart(tail: string): string {
  const nl = tail.indexOf('\n');
  return nl !== -1 && nl + 1 < tail.length ? tail.slice(nl + 1) : tail;
}
