/**
 * Ansible INI inventories. The `ini` package cannot read `host key=value ...` lines or keep line
 * numbers, so this is a small line parser: `[group]`, `[group:vars]`, `[group:children]`, host lines.
 */
import { ConfigError } from '../errors';
import { addHostPattern } from './add-hosts';
import { splitHostPort } from './ansible-range';
import { newGroup } from './flatten';
import type { RawInventory } from './model';

const GROUP_NAME = /^[A-Za-z0-9_.-]+$/;

/** shlex-like split: whitespace separates, quotes group, as Ansible reads host lines. */
function splitHostLine(s: string): string[] | undefined {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let any = false;
  for (const c of s) {
    if (quote) {
      if (c === quote) quote = undefined;
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      any = true;
    } else if (/\s/.test(c)) {
      if (any) out.push(cur);
      cur = '';
      any = false;
    } else if (c === '#' && !any) {
      break;
    } else {
      cur += c;
      any = true;
    }
  }
  if (quote) return undefined;
  if (any) out.push(cur);
  return out;
}

function stripQuotes(v: string): string {
  return /^(["']).*\1$/.test(v) && v.length >= 2 ? v.slice(1, -1) : v;
}

export function parseIniInventory(text: string, file: string): RawInventory {
  const raw: RawInventory = { file, hostVars: new Map(), hostLines: new Map(), groups: new Map() };
  raw.groups.set('all', newGroup(1));
  raw.groups.set('ungrouped', newGroup(1));
  let section = 'ungrouped';
  let kind: 'hosts' | 'vars' | 'children' = 'hosts';
  const group = (name: string, line: number) => {
    let g = raw.groups.get(name);
    if (!g) raw.groups.set(name, (g = newGroup(line)));
    return g;
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const t = (lines[i] ?? '').replace(/\r$/, '').trim();
    if (t === '' || t.startsWith('#') || t.startsWith(';')) continue;
    // As Ansible: a section header starts with "[" and ends with "]"; "[2001:db8::1]:2222" is a host.
    if (t.startsWith('[') && /\]\s*(?:[#;].*)?$/.test(t)) {
      const m = /^\[([^\]:\s]+)(?::(vars|children))?\]\s*(?:[#;].*)?$/.exec(t);
      if (!m?.[1] || !GROUP_NAME.test(m[1])) throw new ConfigError(file, lineNo, 'expected a section header: [group], [group:vars] or [group:children]');
      section = m[1];
      kind = (m[2] as 'vars' | 'children' | undefined) ?? 'hosts';
      group(section, lineNo);
      continue;
    }
    if (kind === 'vars') {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(t);
      if (!m?.[1]) throw new ConfigError(file, lineNo, `[${section}:vars]: expected "name=value"`);
      group(section, lineNo).vars[m[1]] = stripQuotes((m[2] ?? '').trim());
      continue;
    }
    if (kind === 'children') {
      if (!GROUP_NAME.test(t)) throw new ConfigError(file, lineNo, `[${section}:children]: expected a group name`);
      group(t, lineNo);
      const g = group(section, lineNo);
      if (!g.children.includes(t)) g.children.push(t);
      continue;
    }
    const words = splitHostLine(t);
    if (!words || words.length === 0) throw new ConfigError(file, lineNo, 'unterminated quote: expected "host [name=value ...]"');
    const [pattern, ...assigns] = words;
    const vars: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const a of assigns) {
      const eq = a.indexOf('=');
      if (eq <= 0) throw new ConfigError(file, lineNo, `expected "name=value" after the host name, found "${a}"`);
      vars[a.slice(0, eq)] = a.slice(eq + 1);
    }
    const hp = splitHostPort(pattern ?? '');
    if (hp.pattern.startsWith('[')) throw new ConfigError(file, lineNo, 'expected a section header: [group], [group:vars] or [group:children]');
    if (hp.port !== undefined && vars.ansible_port === undefined) vars.ansible_port = hp.port;
    addHostPattern(raw, group(section, lineNo), hp.pattern, vars, lineNo);
  }
  return raw;
}
