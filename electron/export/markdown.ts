/**
 * The write-up as Markdown. Everything the journal knows is filled in; what only people know
 * (summary, impact, causes, actions) gets headed placeholders in the order of design.md's
 * "What the write-up contains", so the document is the post-mortem's skeleton.
 */
import { eventData, type Incident, type JournalEvent } from '../../shared/model/incident';
import { mdCodeCell, mdText, utc } from './escape';
import { describeEvent } from './describe';

const PLACEHOLDER = '_To be written._';

export function renderMarkdown(incident: Incident, events: readonly JournalEvent[]): string {
  const out: string[] = [];
  out.push(`# ${mdText(incident.id)}: ${mdText(incident.title)}`, '');
  out.push(...header(incident, events), '');
  out.push('## Summary', '', '_To be written: what happened, who was affected, and how it was resolved._', '');
  for (const section of ['Impact', 'Lead-up and trigger', 'Detection', 'Response', 'Recovery']) {
    out.push(`## ${section}`, '', PLACEHOLDER, '');
  }
  out.push(...timeline(events), '');
  for (const section of ['Contributing factors', 'What went well', 'What went wrong', 'Where we got lucky', 'Action items']) {
    out.push(`## ${section}`, '', PLACEHOLDER, '');
  }
  out.push(...commands(events));
  return out.join('\n') + '\n';
}

function header(incident: Incident, events: readonly JournalEvent[]): string[] {
  const authors = [...new Set(events.map((e) => e.actor))];
  const last = events.at(-1);
  const rows: Array<[string, string]> = [
    ['ID', mdText(incident.id)],
    ['Title', mdText(incident.title)],
    ['Severity', mdText(incident.severity)],
    ['Status', mdText(incident.status)],
    ['Started', utc(incident.startedAt)],
    ['Last event', last ? utc(last.ts) : '—'],
    ['Commander', mdText(incident.commander)],
    ['Authors', authors.length ? authors.map(mdText).join(', ') : '—'],
    ['Events', String(events.length)],
  ];
  return ['| Field | Value |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
}

function timeline(events: readonly JournalEvent[]): string[] {
  const out = ['## Timeline', '', 'All times are UTC. Each entry is journal event `#seq`; the journal chain makes the record tamper-evident.', ''];
  if (events.length === 0) out.push('_No events._');
  for (const e of events) out.push(`- ${utc(e.ts)} · #${e.seq} · ${mdText(e.actor)} · ${describeEvent(e)}`);
  return out;
}

function commands(events: readonly JournalEvent[]): string[] {
  const rows: string[] = [];
  for (const e of events) {
    const cmd = eventData(e, 'command.broadcast');
    if (!cmd) continue;
    const line = cmd.withheld ? '_secret input withheld_' : mdCodeCell(cmd.line);
    rows.push(`| ${utc(e.ts)} | ${cmd.hosts.map(mdText).join(', ') || '—'} | ${line} | ${mdText(e.actor)} | #${e.seq} |`);
  }
  const out = ['## Supporting material', '', '### Commands run', ''];
  if (rows.length === 0) out.push('_No commands were run through Warroom._');
  else out.push('| Time (UTC) | Hosts | Command | By | Event |', '| --- | --- | --- | --- | --- |', ...rows);
  return out;
}
