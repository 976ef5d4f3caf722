/** Text filters that read files or a pipe: tail, head, grep, wc, sort. */
import { fail, joinLines, lines, ok, resolvePath, type Command, type Invocation, type Outcome, type Watch } from '../types';

/** Reads the operands (or stdin) as lines, reporting missing files the way coreutils does. */
function inputs(inv: Invocation, operands: string[]): { sources: Array<{ name: string; lines: string[] }>; err: string } {
  if (operands.length === 0) return { sources: [{ name: '(standard input)', lines: lines(inv.stdin ?? '') }], err: '' };
  const sources: Array<{ name: string; lines: string[] }> = [];
  let err = '';
  for (const p of operands) {
    const abs = resolvePath(inv.env.cwd, p);
    const text = inv.host.readLines(abs);
    if (text) sources.push({ name: p, lines: text });
    else if (inv.host.dirs.has(abs)) err += `${inv.name}: error reading '${p}': Is a directory\n`;
    else err += `${inv.name}: cannot open '${p}' for reading: No such file or directory\n`;
  }
  return { sources, err };
}

/** head/tail: -n N, -nN, -N, --lines=N, and -f (which here prints and returns: nothing more will come). */
function headTail(which: 'head' | 'tail'): Command {
  return (inv) => {
    let n = 10;
    let follow = false;
    const operands: string[] = [];
    const args = inv.args;
    for (let i = 0; i < args.length; i += 1) {
      const a = args[i] as string;
      let v: string | undefined;
      if (a === '-n' || a === '--lines') v = args[++i];
      else if (a.startsWith('--lines=')) v = a.slice(8);
      else if (/^-n[+-]?\d+$/.test(a)) v = a.slice(2);
      else if (/^-\d+$/.test(a)) v = a.slice(1);
      else if (a === '-f' || a === '-F' || a === '--follow') follow = which === 'tail';
      else if (a === '-q') continue;
      else if (a.startsWith('-') && a !== '-') return fail(`${which}: invalid option -- '${a.slice(1)}'\nTry '${which} --help' for more information.\n`);
      else operands.push(a);
      if (v !== undefined) {
        if (!/^[+-]?\d+$/.test(v)) return fail(`${which}: invalid number of lines: '${v}'\n`);
        n = Math.abs(Number.parseInt(v, 10));
      }
    }
    const { sources, err } = inputs(inv, operands);
    const out: string[] = [];
    sources.forEach((s, i) => {
      if (sources.length > 1) out.push(`${i > 0 ? '\n' : ''}==> ${s.name} <==`);
      out.push(...(which === 'tail' ? (n === 0 ? [] : s.lines.slice(-n)) : s.lines.slice(0, n)));
    });
    // Following a pipe ends with the pipe; following files waits for Ctrl-C, showing lines as they come.
    if (!follow || operands.length === 0 || sources.length === 0) return { out: joinLines(out), err, code: err ? 1 : 0 };
    const paths = operands.map((p) => resolvePath(inv.env.cwd, p)).filter((p) => inv.host.files.has(p));
    const watch: Watch = (emit) => {
      const stops = paths.map((p) => inv.host.watchFile(p, (line) => emit(`${line}\n`)));
      return () => stops.forEach((stop) => stop());
    };
    return { out: joinLines(out), err, code: err ? 1 : 0, follow: true, watch };
  };
}

const grep: Command = (inv) => {
  const flags = new Set<string>();
  let pattern: string | undefined;
  const operands: string[] = [];
  for (let i = 0; i < inv.args.length; i += 1) {
    const a = inv.args[i] as string;
    if (a === '-e') pattern = inv.args[++i];
    else if (a.startsWith('-') && a.length > 1 && pattern === undefined) for (const ch of a.slice(1)) flags.add(ch);
    else if (pattern === undefined) pattern = a;
    else operands.push(a);
  }
  if (pattern === undefined) return fail("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2);
  let re: RegExp;
  try {
    const src = flags.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern.replace(/\\\|/g, '|');
    re = new RegExp(src, flags.has('i') ? 'i' : '');
  } catch {
    return fail('grep: Unmatched ( or \\(\n', 2);
  }
  const { sources, err } = inputs(inv, operands);
  const out: string[] = [];
  let count = 0;
  for (const s of sources) {
    let c = 0;
    for (const line of s.lines) {
      if (re.test(line) !== flags.has('v')) {
        c += 1;
        if (!flags.has('c') && !flags.has('q')) out.push(sources.length > 1 ? `${s.name}:${line}` : line);
      }
    }
    if (flags.has('c')) out.push(sources.length > 1 ? `${s.name}:${c}` : String(c));
    count += c;
  }
  const result: Outcome = { out: flags.has('q') ? '' : joinLines(out), err, code: err ? 2 : count > 0 ? 0 : 1 };
  return result;
};

const wc: Command = (inv) => {
  const operands = inv.args.filter((a) => !a.startsWith('-'));
  const only = inv.args.filter((a) => a.startsWith('-')).join('');
  const { sources, err } = inputs(inv, operands);
  const out = sources.map((s) => {
    const text = joinLines(s.lines);
    const counts = { l: s.lines.length, w: text.split(/\s+/).filter(Boolean).length, c: Buffer.byteLength(text) };
    const picked = only ? (['l', 'w', 'c'] as const).filter((k) => only.includes(k)) : (['l', 'w', 'c'] as const);
    const nums = picked.map((k) => String(counts[k]));
    const body = operands.length === 0 && picked.length === 1 ? nums[0] as string : nums.map((x) => x.padStart(only ? 1 : 7)).join(' ');
    return operands.length ? `${body} ${s.name}` : body;
  });
  return { out: joinLines(out), err, code: err ? 1 : 0 };
};

const sort: Command = (inv) => {
  const operands = inv.args.filter((a) => !a.startsWith('-'));
  const { sources, err } = inputs(inv, operands);
  const all = sources.flatMap((s) => s.lines);
  const human = inv.args.some((a) => /^-[a-z]*h/.test(a));
  const numeric = inv.args.some((a) => /^-[a-z]*n/.test(a));
  const value = (l: string): number => {
    const m = /^\s*([0-9.]+)([KMGT]?)/.exec(l);
    if (!m) return 0;
    return Number(m[1]) * (human ? ({ '': 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12 }[m[2] as '' | 'K' | 'M' | 'G' | 'T']) : 1);
  };
  all.sort(human || numeric ? (a, b) => value(a) - value(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (inv.args.some((a) => /^-[a-z]*r/.test(a))) all.reverse();
  return { out: joinLines(all), err, code: err ? 2 : 0 };
};

export const textCommands: Record<string, Command> = {
  head: headTail('head'),
  tail: headTail('tail'),
  grep,
  egrep: grep,
  wc,
  sort,
  uniq: (inv) => ok(joinLines(lines(inv.stdin ?? '').filter((l, i, a) => i === 0 || a[i - 1] !== l))),
};
