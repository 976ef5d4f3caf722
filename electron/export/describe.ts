/**
 * One line of Markdown per journal event, for the write-up: shared/model/describe.ts says what the
 * event is; this file only renders that in Markdown. Text from users and hosts is escaped.
 */
import { describeEvent as describe, exitText, type Phrase } from '../../shared/model/describe';
import { nameHostSet } from '../../shared/model/hostSet';
import type { JournalEvent } from '../../shared/model/incident';
import type { IncidentState } from '../incident/state';
import { mdCode, mdText, utc } from './escape';

export function describeEvent(e: JournalEvent, state?: Pick<IncidentState, 'edits' | 'redactions'>): string {
  const redaction = state?.redactions.get(e.seq);
  if (redaction) return `*Redacted by ${mdText(redaction.actor)} at ${utc(redaction.ts)}: ${mdText(redaction.reason)}*`;
  const d = describe(e);
  const label = `**${mdText(d.label.charAt(0).toUpperCase() + d.label.slice(1))}**`;
  const latest = state?.edits.get(e.seq)?.at(-1);
  const text = latest ? `${mdText(latest.text)} *(edited by ${mdText(latest.actor)} at ${utc(latest.ts)}; originally: ${mdPhrase(d.text)})*` : mdPhrase(d.text);
  const hosts = d.command ? ` on ${hostList(d.hosts)}` : '';
  return `${label}: ${text}${hosts}${d.detail ? ` (${mdPhrase(d.detail)})` : ''}`;
}

/** A description's phrase in Markdown: text escaped, commands and paths as code, times in UTC, files as links. */
export function mdPhrase(phrase: Phrase): string {
  return phrase.map((p) => (typeof p === 'string' ? mdText(p) : 'code' in p ? mdCode(p.code) : 'time' in p ? utc(p.time) : mdLink(p.name, p.file))).join('');
}

/** A link from exports/<id>.md to a file in the incident folder; the target cannot leave it or break the link syntax. */
export function mdLink(name: string, file: string): string {
  return `[${mdText(name)}](<../${file.replace(/[<>\n\r]/g, '').replace(/^(\.\.\/)+/, '')}>)`;
}

/** "64 hosts (web[01-32], db[01-32])": numbered runs as pdsh ranges, uncapped, so every host is named. */
export function hostList(hosts: readonly string[]): string {
  if (hosts.length === 0) return 'no hosts';
  return `${hosts.length} host${hosts.length === 1 ? '' : 's'} (${nameHostSet(hosts).parts.map(mdText).join(', ')})`;
}

/** How one host's end of a run reads, escaped: the signal or error came from the host. */
export function mdExit(r: Parameters<typeof exitText>[0]): string {
  return mdText(exitText(r));
}

/**
 * The events as the write-up document is folded from in exports: a redacted section version keeps
 * its place in the history (so the section does not silently fall back to an older text) but its
 * text is the redaction notice, like every other redacted event.
 */
export function redactWriteup(events: readonly JournalEvent[], state: Pick<IncidentState, 'redactions'>): JournalEvent[] {
  return events.map((e) => {
    const r = e.type === 'writeup.saved' ? state.redactions.get(e.seq) : undefined;
    return r ? { ...e, data: { ...e.data, text: `*Redacted by ${mdText(r.actor)} at ${utc(r.ts)}: ${mdText(r.reason)}*` } } : e;
  });
}
