/**
 * Re-verifies a JSON export on its own, away from the journal: the chain over its events must
 * hold and end at the head it states. Redacted events (chain.withheld) are trusted for linkage only.
 */
import { GENESIS_HASH } from '../../shared/model/incident';
import { eventHash } from '../journal/canonical';
import { parseIncidentExport } from './json';

export interface ExportVerification {
  ok: boolean;
  count: number;
  head: string;
  /** Seqs whose content could not be checked (redacted in the export). */
  unchecked: number[];
  error?: string;
}

export function verifyExport(text: string): ExportVerification {
  let doc;
  try {
    doc = parseIncidentExport(text);
  } catch (err) {
    return { ok: false, count: 0, head: GENESIS_HASH, unchecked: [], error: `not a Warroom incident export: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
  const withheld = new Set(doc.chain.withheld ?? []);
  let prev = GENESIS_HASH;
  for (const [i, e] of doc.events.entries()) {
    const fail = (why: string): ExportVerification => ({ ok: false, count: i, head: prev, unchecked: [...withheld], error: `event #${e.seq}: ${why}` });
    if (e.seq !== i + 1) return fail(`expected seq ${i + 1}`);
    if (e.prev !== prev) return fail('prev does not match the previous hash: the chain is broken');
    if (!withheld.has(e.seq) && eventHash(e.prev, e) !== e.hash) return fail('hash does not match its content: the event was altered');
    prev = e.hash;
  }
  if (doc.events.length !== doc.chain.count) return { ok: false, count: doc.events.length, head: prev, unchecked: [...withheld], error: `the export states ${doc.chain.count} events but holds ${doc.events.length}` };
  if (prev !== doc.chain.head) return { ok: false, count: doc.events.length, head: prev, unchecked: [...withheld], error: 'the last hash is not the stated head' };
  return { ok: true, count: doc.events.length, head: prev, unchecked: [...withheld] };
}
