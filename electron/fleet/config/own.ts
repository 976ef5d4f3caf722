/**
 * Looks a key the user typed up in a plain-object table. `table[key]` would also find what every
 * object inherits, so "constructor", "toString" or "__proto__" in a config or target list would
 * come back as a function instead of "not there".
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
