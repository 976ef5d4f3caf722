/** Ansible YAML inventories: groups with `hosts`, `children` and `vars`, nested to any depth. */
import { ConfigError } from '../errors';
import { isEmptyNode, isMap, parseYamlText, scalarString, type YamlFile } from '../yaml-file';
import { addHostPattern } from './add-hosts';
import { splitHostPort } from './ansible-range';
import { newGroup } from './flatten';
import type { RawInventory } from './model';

const GROUP_NAME = /^[A-Za-z0-9_.-]+$/;

export function parseYamlInventory(text: string, file: string): RawInventory {
  const y = parseYamlText(text, file);
  const raw: RawInventory = { file, hostVars: new Map(), hostLines: new Map(), groups: new Map() };
  const root = y.doc.contents;
  if (isEmptyNode(root)) return raw;
  if (!isMap(root)) throw new ConfigError(file, y.lineOf(root), 'expected a mapping of group names (usually "all:") at the top');
  for (const pair of root.items) readGroup(y, raw, pair.key, pair.value, []);
  return raw;
}

function readVars(y: YamlFile, node: unknown, what: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (isEmptyNode(node)) return out;
  if (!isMap(node)) throw new ConfigError(y.file, y.lineOf(node), `${what}: expected a mapping of variable names to values`);
  for (const p of node.items) {
    const k = scalarString(p.key);
    if (k === undefined) throw new ConfigError(y.file, y.lineOf(p.key), `${what}: expected a variable name`);
    const v = scalarString(p.value);
    // Only scalars matter to Warroom (ansible_host/port/user); structured vars are other tools' business.
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function readGroup(y: YamlFile, raw: RawInventory, keyNode: unknown, body: unknown, stack: string[]): string {
  const name = scalarString(keyNode);
  const line = y.lineOf(keyNode);
  if (name === undefined || !GROUP_NAME.test(name)) throw new ConfigError(y.file, line, 'expected a group name (letters, digits, "_", "-" or ".")');
  if (stack.includes(name)) throw new ConfigError(y.file, line, `group "${name}" is its own child`);
  let g = raw.groups.get(name);
  if (!g) raw.groups.set(name, (g = newGroup(line)));
  if (isEmptyNode(body)) return name;
  if (!isMap(body)) throw new ConfigError(y.file, y.lineOf(body), `group "${name}": expected a mapping with hosts, children or vars`);
  for (const p of body.items) {
    const k = scalarString(p.key);
    if (k === 'hosts') {
      const hosts = p.value;
      if (isEmptyNode(hosts)) continue;
      if (!isMap(hosts)) throw new ConfigError(y.file, y.lineOf(hosts), `group "${name}": hosts must be a mapping of host names (each followed by ":")`);
      for (const hp of hosts.items) {
        const pattern = scalarString(hp.key);
        const hl = y.lineOf(hp.key);
        if (pattern === undefined || pattern === '' || /\s/.test(pattern)) throw new ConfigError(y.file, hl, `group "${name}": expected a host name`);
        const split = splitHostPort(pattern);
        const vars = readVars(y, hp.value, `host "${pattern}"`);
        if (split.port !== undefined && vars.ansible_port === undefined) vars.ansible_port = split.port;
        addHostPattern(raw, g, split.pattern, vars, hl);
      }
    } else if (k === 'children') {
      const ch = p.value;
      if (isEmptyNode(ch)) continue;
      if (!isMap(ch)) throw new ConfigError(y.file, y.lineOf(ch), `group "${name}": children must be a mapping of group names`);
      for (const cp of ch.items) {
        const child = readGroup(y, raw, cp.key, cp.value, [...stack, name]);
        if (!g.children.includes(child)) g.children.push(child);
      }
    } else if (k === 'vars') {
      Object.assign(g.vars, readVars(y, p.value, `group "${name}" vars`));
    } else {
      throw new ConfigError(y.file, y.lineOf(p.key), `group "${name}": unexpected key "${k ?? '?'}": expected hosts, children or vars`);
    }
  }
  return name;
}
