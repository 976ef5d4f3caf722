/**
 * Warroom's groups file: YAML mapping a group name to host expressions (aliases, pdsh ranges, `*`
 * patterns, or `@othergroup`), e.g. `web: ["web[01-03]", "lb1"]`. A lone string is a one-item list.
 */
import { ConfigError } from './errors';
import { readBoundedText } from './limits';
import { isEmptyNode, isMap, isSeq, parseYamlText, scalarString } from './yaml-file';

export interface GroupsFile {
  /** Group name → the expressions as written, in order. */
  groups: Record<string, string[]>;
  /** Where each group was defined, for messages. */
  lines: Record<string, number>;
}

const GROUP_NAME = /^[A-Za-z0-9_.-]+$/;

/** Reads the groups file; a missing file is an empty one. Throws ConfigError naming file:line. */
export function readGroupsFile(file: string): GroupsFile {
  let text: string;
  try {
    text = readBoundedText(file, 'the groups file');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { groups: Object.create(null) as Record<string, string[]>, lines: Object.create(null) as Record<string, number> };
    throw new ConfigError(file, 0, `cannot read the groups file: ${(e as Error).message}`);
  }
  return parseGroupsText(text, file);
}

export function parseGroupsText(text: string, file: string): GroupsFile {
  const y = parseYamlText(text, file);
  const root = y.doc.contents;
  const out: GroupsFile = { groups: Object.create(null) as Record<string, string[]>, lines: Object.create(null) as Record<string, number> };
  if (isEmptyNode(root)) return out;
  if (!isMap(root)) throw new ConfigError(file, y.lineOf(root), 'expected a mapping of group name to a list of hosts, such as  web: ["web[01-03]", "lb1"]');
  for (const pair of root.items) {
    const name = scalarString(pair.key);
    const line = y.lineOf(pair.key);
    if (name === undefined || !GROUP_NAME.test(name)) throw new ConfigError(file, line, 'expected a group name (letters, digits, "_", "-" or ".")');
    const v = pair.value;
    const items: string[] = [];
    if (isEmptyNode(v)) {
      // An empty group is allowed: it may be filled in later.
    } else if (isSeq(v)) {
      for (const it of v.items) {
        const s = scalarString(it);
        if (s === undefined || s.trim() === '') throw new ConfigError(file, y.lineOf(it), `group "${name}": expected a host name, range or pattern`);
        items.push(s.trim());
      }
    } else {
      const s = scalarString(v);
      if (s === undefined) throw new ConfigError(file, y.lineOf(v), `group "${name}": expected a list of hosts`);
      if (s.trim() !== '') items.push(s.trim());
    }
    out.groups[name] = items;
    out.lines[name] = line;
  }
  return out;
}
