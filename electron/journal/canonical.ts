/**
 * The one definition of how an event is serialised and hashed. Everything that verifies a journal
 * (open, catch-up, `warroom verify`, other tools) must agree with it byte for byte, so it lives
 * alone and is documented in shared/schema/README.md.
 *
 *   canonical(e) = CJSON([e.seq, e.ts, e.type, e.actor, e.data])
 *   e.hash       = lowercase hex SHA-256 of the UTF-8 bytes of (e.prev + "\n" + canonical(e))
 *
 * CJSON is JSON.stringify with no whitespace and every object's keys sorted by UTF-16 code units
 * (JavaScript's default sort), recursively. An array, not an object, wraps the top level so the
 * field order is fixed by position and cannot drift with property insertion order.
 */
import { hash as digest } from 'node:crypto';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with sorted keys and no whitespace: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    // undefined, functions and symbols have no JSON form; callers normalise first.
    if (text === undefined) throw new TypeError('value has no JSON form');
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/**
 * Puts caller data through a JSON round trip, so what is hashed at append time is exactly what a
 * reader parses back later (undefined dropped, -0 becomes 0, Dates become strings, ...).
 */
export function normaliseData(data: unknown): Record<string, Json> {
  const text = JSON.stringify(data);
  if (text === undefined) throw new TypeError('event data has no JSON form');
  const parsed = JSON.parse(text) as unknown;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new TypeError('event data must be a JSON object');
  return parsed as Record<string, Json>;
}

export interface HashedFields {
  seq: number;
  ts: string;
  type: string;
  actor: string;
  data: unknown;
}

export function canonicalEvent(e: HashedFields): string {
  return `[${e.seq},${JSON.stringify(e.ts)},${JSON.stringify(e.type)},${JSON.stringify(e.actor)},${canonicalJson(e.data)}]`;
}

export function eventHash(prev: string, e: HashedFields): string {
  return digest('sha256', `${prev}\n${canonicalEvent(e)}`, 'hex');
}

/** The same hash, given `data` already in canonical text (as it is inside a stored line). */
export function eventHashOfText(prev: string, e: Omit<HashedFields, 'data'>, canonicalData: string): string {
  const text = `[${e.seq},${JSON.stringify(e.ts)},${JSON.stringify(e.type)},${JSON.stringify(e.actor)},${canonicalData}]`;
  return digest('sha256', `${prev}\n${text}`, 'hex');
}

/** The stored line (without its newline): fixed key order, data in canonical form. */
export function eventLine(e: HashedFields & { prev: string; hash: string }): string {
  return (
    `{"seq":${e.seq},"ts":${JSON.stringify(e.ts)},"type":${JSON.stringify(e.type)},"actor":${JSON.stringify(e.actor)},` +
    `"data":${canonicalJson(e.data)},"prev":${JSON.stringify(e.prev)},"hash":${JSON.stringify(e.hash)}}`
  );
}
