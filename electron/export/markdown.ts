/**
 * The write-up as GitHub-flavoured Markdown: YAML front matter (for tools), the header, then every
 * section of the write-up document in the journal as people wrote it (drafts marked as drafts, a
 * section nobody wrote says so once), then the evidence the journal holds: roles, milestones, key
 * moments, the timeline in time order with an `event-N` anchor per entry (what `#N` citations link
 * to), commands, attachments and recordings.
 */
import { stringify } from 'yaml';
import { Milestone, eventData, isKnownEvent, unknownEventText, type Incident, type JournalEvent } from '../../shared/model/incident';
import { DEFAULT_TEMPLATE, type SectionTemplate, type WriteupSection } from '../../shared/model/writeup';
import { replaceCitations, writeupSections } from '../../shared/writeup/document';
import { foldState, type IncidentState } from '../incident/state';
import { clocks, milestoneProblems } from '../incident/milestones';
import { formatDuration } from '../../shared/model/duration';
import { mdCode, mdCodeCell, mdFence, mdText, utc } from './escape';
import { markWords } from '../../shared/model/annotations';
import { describeEvent, mdExit, mdLink, redactWriteup } from './describe';
import { actionsMarkdown, exportedActions } from './actions';
import { meetingMarkdown } from './meeting-part';
import { aliasOf, summarizeRun, timelineRows } from '../../shared/model/timelineRuns';

/** describeEvent knows this version's types; a newer Warroom's event is named as such, with its data. */
function describeAny(e: JournalEvent, state: IncidentState): string {
  if (isKnownEvent(e) || state.redactions.has(e.seq)) return describeEvent(e, state);
  return `*${mdText(unknownEventText(e.type))}*: ${mdCode(JSON.stringify(e.data))}`;
}

/**
 * Events about the document rather than the incident: exports (journalled by older versions), the
 * write-up's own saves and its lint waivers. The write-up's timeline leaves them out; the JSON
 * export keeps them.
 */
const DOCUMENT_EVENTS: ReadonlySet<string> = new Set(['export', 'writeup.saved', 'writeup.accepted', 'lint.waived']);

export interface MarkdownExtras {
  /** Terminal recordings in the incident folder (asciicast), relative to it. */
  recordings?: ReadonlyArray<{ file: string; bytes: number }>;
  /** Section titles for this incident's type (default: DEFAULT_TEMPLATE). */
  template?: SectionTemplate;
}

export function renderMarkdown(incident: Incident, events: readonly JournalEvent[], extras: MarkdownExtras = {}): string {
  const state = foldState(events);
  const story = events.filter((e) => !DOCUMENT_EVENTS.has(e.type));
  const anchored = new Set(story.map((e) => e.seq));
  const out: string[] = [];
  out.push(...frontMatter(incident, events, state), '');
  out.push(`# ${mdText(incident.id)}: ${mdText(incident.title)}`, '');
  out.push(...header(incident, events, state), '');
  const actions = exportedActions(events, state);
  for (const section of writeupSections(redactWriteup(events, state), extras.template ?? DEFAULT_TEMPLATE)) {
    const body = writtenSection(section, anchored);
    if (section.id !== 'actions' || actions.length === 0) {
      out.push(...body, '');
      continue;
    }
    // The tracked items follow what people wrote about them; a section with only the table does not say "Not written".
    const cite = (line: string) => replaceCitations(line, (seq, raw) => (anchored.has(seq) ? `[${raw}](#event-${seq})` : raw));
    out.push(...(section.state === 'empty' ? body.slice(0, 2) : [...body, '']), ...actionsMarkdown(actions).map(cite), '');
  }
  const meeting = meetingMarkdown(events, new Set(state.redactions.keys()));
  if (meeting.length) out.push(...meeting, '');
  out.push('## Appendix: the record', '', 'What the journal holds, as recorded. All times are UTC.', '');
  out.push(...roles(state), '', ...milestones(state), '', ...keyMoments(events, state), '', ...timeline(story, state), '');
  out.push(...commands(events, state), '', ...attachments(state), '', ...recordings(extras.recordings ?? [], events));
  return out.join('\n') + '\n';
}

/** For tools (static-site generators, GitHub's front matter table): the header's facts as YAML. */
function frontMatter(incident: Incident, events: readonly JournalEvent[], state: IncidentState): string[] {
  const last = events.at(-1);
  const doc = {
    id: incident.id,
    title: incident.title,
    severity: incident.severity,
    state: incident.status,
    ...(incident.kind ? { type: incident.kind } : {}),
    commander: incident.commander,
    started: incident.startedAt,
    resolved: resolvedAt(incident, state) ?? null,
    last_event: last?.ts ?? null,
    journal: { events: events.length, head: last?.hash ?? null },
  };
  // Every string double-quoted, so `<`, `>` and `&` can be YAML escapes: a renderer that does not
  // know front matter shows it as text, and must not find HTML in it.
  const yaml = stringify(doc, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }).replace(/[<>&]/g, (c) => `\\x${c.charCodeAt(0).toString(16)}`);
  return ['---', yaml.trimEnd(), '---'];
}

function resolvedAt(incident: Incident, state: IncidentState): string | undefined {
  return incident.status === 'resolved' || incident.status === 'closed' ? (state.milestones.resolved?.at ?? state.statusChanges.filter((c) => c.to === 'resolved').at(-1)?.at) : undefined;
}

/**
 * A section as it stands in the journal. People write Markdown, so their text is kept as written;
 * raw HTML in it is not rendered (the HTML export has html off, GitHub sanitises). Citations of
 * events on the timeline become links to their anchors.
 */
function writtenSection(section: WriteupSection, anchored: ReadonlySet<number>): string[] {
  const out = [`## ${mdText(section.title)}`, ''];
  if (section.state === 'empty') return [...out, '_Not written._'];
  if (section.state === 'draft') out.push(`> **Draft**: built from the evidence (version #${section.version}), not yet reviewed by a person.`, '');
  out.push(replaceCitations(section.text.trim(), (seq, raw) => (anchored.has(seq) ? `[${raw}](#event-${seq})` : raw)));
  return out;
}

function header(incident: Incident, events: readonly JournalEvent[], state: IncidentState): string[] {
  const authors = [...new Set(events.map((e) => e.actor))];
  const last = events.at(-1);
  const resolved = resolvedAt(incident, state);
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
  const out = ['### Roles', '', '| Role | Held by |', '| --- | --- |'];
  for (const [role, holders] of Object.entries(state.roles)) out.push(`| ${role} | ${holders.map(mdText).join(', ') || '—'} |`);
  const handoffs = state.handoffs.filter((h) => h.from);
  if (handoffs.length) {
    out.push('', 'Handoffs:', '');
    for (const h of handoffs) out.push(`- ${utc(h.at)}: ${h.role} ${mdText(h.from ?? '')} → ${mdText(h.to)} (#${h.seq})`);
  }
  return out;
}

function milestones(state: IncidentState): string[] {
  const out = ['### Milestones', '', '| Milestone | Time (UTC) | Event |', '| --- | --- | --- |'];
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
  const out = ['### Key moments', ''];
  if (seqs.length === 0) return [...out, '_No events were pinned or marked._'];
  for (const seq of seqs) {
    const e = events[seq - 1];
    if (!e) continue;
    const tags = markWords(state, seq);
    out.push(`- ${utc(e.ts)} · #${seq} · ${tags.join(', ')} · ${describeAny(e, state)}`);
  }
  return out;
}

/** Why a host disconnected, after its name in a run of disconnections. */
function reason(e: JournalEvent): string {
  const gone = eventData(e, 'session.disconnected');
  return gone ? ` (${mdText(gone.reason)})` : '';
}

/**
 * Every event of the incident in time order (an event recorded late, e.g. a session connected
 * before the declaration, has its own earlier time), each with the anchor citations link to.
 * What happened before the declaration is shown apart, as such.
 */
function timeline(events: readonly JournalEvent[], state: IncidentState): string[] {
  const out = ['### Journal timeline', '', 'Each entry is journal event `#seq`; the journal chain makes the record tamper-evident.', ''];
  if (events.length === 0) out.push('_No events._');
  const evidence = new Map<number, string[]>();
  for (const a of state.attachments) {
    if (a.ref === undefined || state.redactions.has(a.seq)) continue;
    evidence.set(a.ref, [...(evidence.get(a.ref) ?? []), mdLink(a.name, a.file)]);
  }
  const declared = events.find((e) => e.type === 'incident.declared')?.ts;
  const ordered = [...events].sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.seq - b.seq));
  const before = declared ? ordered.filter((e) => e.ts < declared) : [];
  const after = ordered.slice(before.length);
  // Runs of connection events (64 hosts connecting) read as one entry with every #seq under it;
  // an event with marks, corrections or evidence keeps its own entry. A run never spans the declaration.
  const alone = (e: JournalEvent) => state.redactions.has(e.seq) || state.edits.has(e.seq) || evidence.has(e.seq) || markWords(state, e.seq).length > 0;
  const rows = [...timelineRows(before, alone), ...timelineRows(after, alone)];
  for (const row of rows) {
    const first = 'run' in row ? row.events[0] : row.event;
    if (before.length && first === before[0]) out.push('**Before the declaration** (recorded when the incident was declared):', '');
    if (before.length && first === after[0]) out.push('', '**From the declaration**:', '');
    if ('run' in row) {
      const s = summarizeRun(row);
      const actors = [...new Set(row.events.map((e) => e.actor))].map(mdText).join(', ');
      out.push(
        `- ${utc(s.from.ts)} to ${utc(s.to.ts)} · #${s.from.seq} to #${s.to.seq} · ${actors} · **${s.label.charAt(0).toUpperCase()}${s.label.slice(1)}** ${s.count}: ${mdText(s.hosts)}`,
        `  - ${row.events.map((e) => `<a id="event-${e.seq}"></a>#${e.seq} ${mdText(aliasOf(e) ?? '')}${reason(e)}`).join(', ')}`,
      );
      continue;
    }
    const e = row.event;
    const tags = markWords(state, e.seq);
    const links = [...(evidence.get(e.seq) ?? []), ...(state.redactions.has(e.seq) ? [] : outputLinks(e))];
    out.push(
      `- <a id="event-${e.seq}"></a>${utc(e.ts)} · #${e.seq} · ${mdText(e.actor)} · ${describeAny(e, state)}${tags.length ? ` \\[${tags.join(', ')}\\]` : ''}` +
        (links.length ? ` · evidence: ${links.join(', ')}` : ''),
    );
  }
  return out;
}

/** A run's output files, linked from its timeline entry. */
function outputLinks(e: JournalEvent): string[] {
  return (eventData(e, 'command.run')?.results ?? []).flatMap((r) => (r.output ? [mdLink(r.output.file.split('/').pop() ?? r.output.file, r.output.file)] : []));
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
  const out = ['### Commands run', ''];
  if (rows.length === 0) out.push('_No commands were run through Warroom._');
  else out.push('| Time (UTC) | Hosts | Command | Exit codes | By | Event |', '| --- | --- | --- | --- | --- | --- |', ...rows);
  return [...out, ...commandOutput(events, state)];
}

/** What each run printed: the tail the journal holds, per host, and the file with all of it. */
function commandOutput(events: readonly JournalEvent[], state: IncidentState): string[] {
  const out: string[] = [];
  for (const e of events) {
    if (state.redactions.has(e.seq)) continue;
    const run = eventData(e, 'command.run');
    if (!run) continue;
    for (const r of run.results) {
      if (!r.tail && !r.output) continue;
      const file = r.output ? `; all of it: ${mdLink(r.output.file.split('/').pop() ?? r.output.file, r.output.file)} (${r.output.bytes} bytes, sha256 \`${r.output.sha256}\`)` : '';
      const dropped = r.dropped ? `; ${r.dropped} more bytes were not kept` : '';
      out.push(`**#${e.seq}** ${mdCode(run.line)} on ${mdText(r.host)}, last 4 KiB${file}${dropped}:`, '', mdFence(r.tail ?? ''), '');
    }
  }
  return out.length === 0 ? [] : ['', '### Command output', '', 'The end of what each host printed (stdout and stderr as they arrived), as plain text.', '', ...out.slice(0, -1)];
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

function recordings(list: ReadonlyArray<{ file: string; bytes: number }>, events: readonly JournalEvent[]): string[] {
  const out = ['### Recordings', ''];
  if (list.length === 0) return [...out, '_None._'];
  // The latest seal of each file is the one `warroom verify` holds it to.
  const seals = new Map<string, { seq: number; sha256: string; bytes: number }>();
  for (const e of events) {
    const sealed = eventData(e, 'recording.sealed');
    if (sealed) seals.set(sealed.file, { seq: e.seq, sha256: sealed.sha256, bytes: sealed.bytes });
  }
  out.push('Terminal sessions as asciicast v2 (play with `asciinema play FILE`):', '');
  for (const r of list) {
    const seal = seals.get(r.file);
    const sealed = seal ? `, sealed at ${seal.bytes} bytes with sha256 \`${seal.sha256}\` (#${seal.seq})` : ', not sealed (still recording, or the app stopped abruptly)';
    out.push(`- ${mdLink(r.file.split('/').pop() ?? r.file, r.file)} (${r.bytes} bytes${sealed})`);
  }
  return out;
}
