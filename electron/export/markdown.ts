/**
 * The write-up as Markdown. Everything the journal knows is filled in; what only people know
 * (summary, impact, causes, actions) gets headed placeholders in the order of design.md's
 * "What the write-up contains", so the document is the post-mortem's skeleton.
 */
import { Milestone, eventData, isKnownEvent, unknownEventText, type Incident, type JournalEvent } from '../../shared/model/incident';
import { foldState, type IncidentState } from '../incident/state';
import { clocks, milestoneProblems } from '../incident/milestones';
import { formatDuration } from '../../shared/model/duration';
import { mdCode, mdCodeCell, mdText, utc } from './escape';
import { markWords } from '../../shared/model/annotations';
import { describeEvent, mdExit, mdLink } from './describe';

/** describeEvent knows this version's types; a newer Warroom's event is named as such, with its data. */
function describeAny(e: JournalEvent, state: IncidentState): string {
  if (isKnownEvent(e) || state.redactions.has(e.seq)) return describeEvent(e, state);
  return `*${mdText(unknownEventText(e.type))}*: ${mdCode(JSON.stringify(e.data))}`;
}

const PLACEHOLDER = '_To be written._';

export interface MarkdownExtras {
  /** Terminal recordings in the incident folder (asciicast), relative to it. */
  recordings?: ReadonlyArray<{ file: string; bytes: number }>;
}

export function renderMarkdown(incident: Incident, events: readonly JournalEvent[], extras: MarkdownExtras = {}): string {
  const state = foldState(events);
  const out: string[] = [];
  out.push(`# ${mdText(incident.id)}: ${mdText(incident.title)}`, '');
  out.push(...header(incident, events, state), '');
  out.push('## Summary', '', '_To be written: what happened, who was affected, and how it was resolved._', '');
  for (const section of ['Impact', 'Lead-up and trigger', 'Detection', 'Response', 'Recovery']) {
    out.push(`## ${section}`, '', PLACEHOLDER, '');
  }
  out.push(...roles(state), '', ...milestones(state), '', ...keyMoments(events, state), '', ...timeline(events, state), '');
  for (const section of ['Contributing factors', 'What went well', 'What went wrong', 'Where we got lucky']) {
    out.push(`## ${section}`, '', PLACEHOLDER, '');
  }
  out.push('## Action items', '', '| Action | Owner | Due | Priority | Ticket |', '| --- | --- | --- | --- | --- |', '|  |  |  |  |  |', '');
  out.push('## Messages sent', '', '_Internal and external updates: to be written._', '');
  out.push(...commands(events, state), '', ...attachments(state), '', ...recordings(extras.recordings ?? []));
  return out.join('\n') + '\n';
}

function header(incident: Incident, events: readonly JournalEvent[], state: IncidentState): string[] {
  const authors = [...new Set(events.map((e) => e.actor))];
  const last = events.at(-1);
  const resolved = incident.status === 'resolved' || incident.status === 'closed' ? (state.milestones.resolved?.at ?? state.statusChanges.filter((c) => c.to === 'resolved').at(-1)?.at) : undefined;
  const rows: Array<[string, string]> = [
    ['ID', mdText(incident.id)],
    ['Title', mdText(incident.title)],
    ['Severity', mdText(incident.severity)],
    ...(incident.kind ? ([['Type', mdText(incident.kind)]] as Array<[string, string]>) : []),
    ['Status', mdText(incident.status)],
    ['Started', utc(incident.startedAt)],
    ['Resolved', resolved ? utc(resolved) : '—'],
    ['Duration', resolved ? formatDuration(Date.parse(resolved) - Date.parse(incident.startedAt)) : '—'],
    ['Last event', last ? utc(last.ts) : '—'],
    ['Commander', mdText(incident.commander)],
    ['Authors', authors.length ? authors.map(mdText).join(', ') : '—'],
    ['Events', String(events.length)],
    ['Journal head', last ? `\`${last.hash}\`` : '—'],
  ];
  return ['| Field | Value |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
}

function roles(state: IncidentState): string[] {
  const out = ['## Roles', '', '| Role | Held by |', '| --- | --- |'];
  for (const [role, holders] of Object.entries(state.roles)) out.push(`| ${role} | ${holders.map(mdText).join(', ') || '—'} |`);
  const handoffs = state.handoffs.filter((h) => h.from);
  if (handoffs.length) {
    out.push('', 'Handoffs:', '');
    for (const h of handoffs) out.push(`- ${utc(h.at)}: ${h.role} ${mdText(h.from ?? '')} → ${mdText(h.to)} (#${h.seq})`);
  }
  return out;
}

function milestones(state: IncidentState): string[] {
  const out = ['## Milestones', '', '| Milestone | Time (UTC) | Event |', '| --- | --- | --- |'];
  for (const m of Milestone.options) {
    const mark = state.milestones[m];
    out.push(`| ${m} | ${mark ? utc(mark.at) : '—'} | ${mark ? `#${mark.seq}` : ''} |`);
  }
  const c = clocks(state);
  const clock = (label: string, ms: number | undefined) => (ms === undefined ? [] : [`- ${label}: ${formatDuration(ms)}`]);
  const lines = [
    ...clock('Time to detect', c.timeToDetectMs),
    ...clock('Time to acknowledge', c.timeToAcknowledgeMs),
    ...clock('Time to mitigate', c.timeToMitigateMs),
    ...clock('Time to resolve', c.timeToResolveMs),
  ];
  if (lines.length) out.push('', ...lines);
  const problems = milestoneProblems(state);
  if (problems.length) out.push('', ...problems.map((p) => `> **Milestones out of order**: ${mdText(p)}`));
  return out;
}

function keyMoments(events: readonly JournalEvent[], state: IncidentState): string[] {
  const seqs = [...new Set([...state.pinned, ...state.markers.keys()])].sort((a, b) => a - b);
  const out = ['## Key moments', ''];
  if (seqs.length === 0) return [...out, '_No events were pinned or marked._'];
  for (const seq of seqs) {
    const e = events[seq - 1];
    if (!e) continue;
    const tags = markWords(state, seq);
    out.push(`- ${utc(e.ts)} · #${seq} · ${tags.join(', ')} · ${describeAny(e, state)}`);
  }
  return out;
}

function timeline(events: readonly JournalEvent[], state: IncidentState): string[] {
  const out = ['## Timeline', '', 'All times are UTC. Each entry is journal event `#seq`; the journal chain makes the record tamper-evident.', ''];
  if (events.length === 0) out.push('_No events._');
  const evidence = new Map<number, string[]>();
  for (const a of state.attachments) {
    if (a.ref === undefined || state.redactions.has(a.seq)) continue;
    evidence.set(a.ref, [...(evidence.get(a.ref) ?? []), mdLink(a.name, a.file)]);
  }
  for (const e of events) {
    const tags = markWords(state, e.seq);
    const links = evidence.get(e.seq);
    out.push(
      `- ${utc(e.ts)} · #${e.seq} · ${mdText(e.actor)} · ${describeAny(e, state)}${tags.length ? ` \\[${tags.join(', ')}\\]` : ''}` +
        (links ? ` · evidence: ${links.join(', ')}` : ''),
    );
  }
  return out;
}

function commands(events: readonly JournalEvent[], state: IncidentState): string[] {
  const rows: string[] = [];
  for (const e of events) {
    if (state.redactions.has(e.seq)) continue;
    const cmd = eventData(e, 'command.broadcast');
    if (cmd) {
      const line = cmd.withheld ? '_secret input withheld_' : mdCodeCell(cmd.line);
      rows.push(`| ${utc(e.ts)} | ${cmd.hosts.map(mdText).join(', ') || '—'} | ${line} | typed | ${mdText(e.actor)} | #${e.seq} |`);
    }
    const run = eventData(e, 'command.run');
    if (run) {
      const hosts = run.results.map((r) => mdText(r.host)).join(', ') || '—';
      const exits = run.results.map((r) => `${mdText(r.host)}: ${mdExit(r)}`).join(', ');
      rows.push(`| ${utc(e.ts)} | ${hosts} | ${mdCodeCell(run.line)} | ${exits} | ${mdText(e.actor)} | #${e.seq} |`);
    }
  }
  const out = ['## Supporting material', '', '### Commands run', ''];
  if (rows.length === 0) out.push('_No commands were run through Warroom._');
  else out.push('| Time (UTC) | Hosts | Command | Exit codes | By | Event |', '| --- | --- | --- | --- | --- | --- |', ...rows);
  return out;
}

function attachments(state: IncidentState): string[] {
  const out = ['### Attachments', ''];
  const list = state.attachments.filter((a) => !state.redactions.has(a.seq));
  if (list.length === 0) return [...out, '_None._'];
  for (const a of list) {
    out.push(`- ${mdLink(a.name, a.file)} (${a.bytes} bytes, sha256 \`${a.sha256}\`)${a.caption ? `: ${mdText(a.caption)}` : ''} (#${a.seq})`);
  }
  return out;
}

function recordings(list: ReadonlyArray<{ file: string; bytes: number }>): string[] {
  const out = ['### Recordings', ''];
  if (list.length === 0) return [...out, '_None._'];
  out.push('Terminal sessions as asciicast v2 (play with `asciinema play FILE`):', '');
  for (const r of list) out.push(`- ${mdLink(r.file.split('/').pop() ?? r.file, r.file)} (${r.bytes} bytes)`);
  return out;
}
