/** glob(3) for Include: `*`, `?` and `[...]` per path segment, sorted, dotfiles only by explicit dot. */
import fs from 'node:fs';
import path from 'node:path';

const MAGIC = /[*?[]/;

function segmentRegex(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i] ?? '';
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = seg.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = seg.slice(i + 1, close);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  try {
    return new RegExp('^' + re + '$');
  } catch {
    return new RegExp('^' + seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$');
  }
}

/** Existing regular files matching an absolute pattern; a pattern with no match yields nothing, as in ssh. */
export function globFiles(pattern: string): string[] {
  const parts = pattern.split('/').filter((p, i) => p !== '' || i === 0);
  let bases = [parts[0] === '' ? '/' : (parts[0] ?? '/')];
  for (const seg of parts.slice(1)) {
    const next: string[] = [];
    for (const b of bases) {
      if (!MAGIC.test(seg)) {
        next.push(path.join(b, seg));
        continue;
      }
      let names: string[];
      try {
        names = fs.readdirSync(b);
      } catch {
        continue;
      }
      const re = segmentRegex(seg);
      for (const n of names.sort()) if ((!n.startsWith('.') || seg.startsWith('.')) && re.test(n)) next.push(path.join(b, n));
    }
    bases = next;
  }
  return bases.filter((f) => {
    try {
      return fs.statSync(f).isFile();
    } catch {
      return false;
    }
  });
}
