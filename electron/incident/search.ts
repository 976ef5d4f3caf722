/**
 * Search across every incident: titles, notes (as edited), commands and their hosts. Redacted
 * events are never returned. "Who last ran `pg_ctl promote`, and on which hosts" is one query.
 */
import { eventData, type JournalEvent } from '../../shared/model/incident';
import type { SearchHit } from '../../shared/model/incidentList';
import { foldState, type IncidentState } from './state';
import type { IncidentStore } from './store';

export type { SearchHit };
export type HitKind = SearchHit['kind'];

export interface SearchOptions {
  limit?: number;
}

/** Case-insensitive; every word of the query must appear in the event's text or hosts. Newest first. */
export async function searchIncidents(store: IncidentStore, query: string, opts: SearchOptions = {}): Promise<{ hits: SearchHit[]; skipped: string[] }> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { hits: [], skipped: [] };
  const hits: SearchHit[] = [];
  const skipped: string[] = [];
  for (const id of await store.ids()) {
    let events: JournalEvent[];
    let title: string;
    try {
      const record = await store.read(id);
      events = record.events;
      title = record.incident.title;
    } catch (err) {
      skipped.push(err instanceof Error ? err.message : String(err));
      continue;
    }
    const state = foldState(events);
    for (const e of events) {
      const candidate = searchable(e, state);
      if (!candidate) continue;
      const haystack = `${candidate.text}\n${candidate.hosts.join(' ')}`.toLowerCase();
      if (words.every((w) => haystack.includes(w))) {
        const inText = words.every((w) => candidate.text.toLowerCase().includes(w));
        hits.push({ incidentId: id, incidentTitle: title, seq: e.seq, ts: e.ts, actor: e.actor, ...candidate, kind: inText || candidate.kind !== 'command' ? candidate.kind : 'host' });
      }
    }
  }
  hits.sort((a, b) => b.ts.localeCompare(a.ts) || b.seq - a.seq);
  return { hits: opts.limit ? hits.slice(0, opts.limit) : hits, skipped };
}

function searchable(e: JournalEvent, state: IncidentState): Omit<SearchHit, 'incidentId' | 'incidentTitle' | 'seq' | 'ts' | 'actor'> | undefined {
  if (state.redactions.has(e.seq)) return undefined;
  const declared = eventData(e, 'incident.declared');
  if (declared) return { kind: 'title', text: declared.title, hosts: [] };
  const renamed = eventData(e, 'incident.title');
  if (renamed) return { kind: 'title', text: renamed.to, hosts: [] };
  const note = eventData(e, 'note');
  if (note) return { kind: 'note', text: state.edits.get(e.seq)?.at(-1)?.text ?? note.text, hosts: [] };
  const broadcast = eventData(e, 'command.broadcast');
  if (broadcast && !broadcast.withheld) return { kind: 'command', text: broadcast.line, hosts: broadcast.hosts };
  const run = eventData(e, 'command.run');
  if (run) {
    return { kind: 'command', text: run.line, hosts: run.results.map((r) => r.host), exitCodes: Object.fromEntries(run.results.map((r) => [r.host, r.exitCode])) };
  }
  const connected = eventData(e, 'session.connected') ?? eventData(e, 'session.reconnected');
  if (connected) return { kind: 'host', text: `connected ${connected.alias} (${connected.hostname})`, hosts: [connected.alias] };
  return undefined;
}
