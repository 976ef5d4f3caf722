/** Ansible inventories, INI or YAML (chosen by extension, else by content). */
import { ConfigError } from '../errors';
import { readBoundedText } from '../limits';
import { flattenInventory } from './flatten';
import { parseIniInventory } from './ini';
import type { Inventory } from './model';
import { parseYamlInventory } from './yaml';

export type { Inventory, InventoryHost } from './model';

export function parseInventoryText(text: string, file: string): Inventory {
  const yamlish = /\.ya?ml$/i.test(file) || (!/\.(ini|cfg|hosts)$/i.test(file) && /^\s*[A-Za-z0-9_.-]+\s*:\s*(#.*)?$/m.test(text.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('#')) ?? ''));
  return flattenInventory(yamlish ? parseYamlInventory(text, file) : parseIniInventory(text, file));
}

export function parseInventory(file: string): Inventory {
  let text: string;
  try {
    text = readBoundedText(file, 'the inventory');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(file, 0, `cannot read the inventory: ${(e as Error).message}`);
  }
  return parseInventoryText(text, file);
}
