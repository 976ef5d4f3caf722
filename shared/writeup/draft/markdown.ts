/**
 * How a draft writes what it quotes. Everything from people and hosts (notes, commands, host names,
 * reasons) goes through the project's Markdown escaping, and a `#` before digits in that text is
 * escaped too, so a note saying "see #12" never reads as a citation the draft did not make.
 */
import { describeEvent, type Phrase } from '../../model/describe';
import { formatDuration } from '../../model/duration';
import type { JournalEvent } from '../../model/incident';
import { markWords, type Annotations } from '../../model/annotations';
import { mdCode, mdText } from '../../markdown';

/**
 * Host names, exit texts and commands repeat thousands of times in a long incident, and escaping
 * them anew each time was most of the drafting time: each escaping remembers its last results.
 */
function remembered(escape: (text: string) => string): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    let out = seen.get(text);
    if (out === undefined) {
      out = escape(text);
      // Notes are long and seldom repeat; remembering them would only churn the map.
      if (text.length <= 80) {
        if (seen.size >= 10_000) seen.clear();
        seen.set(text, out);
      }
    }
    return out;
  };
}

/** Text from people or hosts, as Markdown that renders as exactly that text. */
export const user = remembered((text) => mdText(text).replace(/#(?=\d)/g, '\\#'));

/** A command or path as a code span (backslashes do not escape inside one; see citations in shared/writeup/document.ts). */
export const code = remembered(mdCode);

/** "2026-11-30 03:12:04 UTC": the write-up's moments, to the second, always with the date. */
export function when(ts: string): string {
  // Every event has one, so the journal's own form is read by position, not with a regex.
  if (isUtcMoment(ts)) return `${ts.slice(0, 10)} ${ts.slice(11, 19)} UTC`;
  const d = new Date(ts);
  return Number.isNaN(d.getTime()) ? user(ts) : when(d.toISOString());
}

/** 0000-00-00T00:00:00Z with optional fractional seconds (`.` and one or more digits) before the Z. */
const UTC_SHAPE = 'dddd-dd-ddTdd:dd:dd';

function isUtcMoment(ts: string): boolean {
  const n = ts.length;
  if (n < 20 || ts.charCodeAt(n - 1) !== 0x5a /* Z */) return false;
  for (let i = 0; i < UTC_SHAPE.length; i++) {
    const c = ts.charCodeAt(i);
    if (UTC_SHAPE[i] === 'd' ? c < 0x30 || c > 0x39 : c !== UTC_SHAPE.charCodeAt(i)) return false;
  }
  if (n === 20) return true;
  if (ts.charCodeAt(19) !== 0x2e /* . */ || n === 21) return false;
  for (let i = 20; i < n - 1; i++) {
    const c = ts.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** The citation a statement ends with: "(#7)", "(#7, #12)". */
export function cite(...seqs: number[]): string {
  if (seqs.length === 1) return `(#${seqs[0]})`;
  return `(${[...new Set(seqs)].map((s) => `#${s}`).join(', ')})`;
}

/** A span between two moments, in words that are right whichever comes first. */
export function spanWords(ms: number, after: string, before: string): string {
  return ms < 0 ? `${formatDuration(-ms)} ${before}` : `${formatDuration(ms)} ${after}`;
}

export function hostList(hosts: readonly string[]): string {
  return hosts.length === 0 ? 'no hosts' : hosts.map(user).join(', ');
}

function phrase(p: Phrase): string {
  return p.map((part) => (typeof part === 'string' ? user(part) : 'code' in part ? code(part.code) : 'time' in part ? when(part.time) : user(part.name))).join('');
}

/**
 * One event in words, from the shared describer table: the label, the text (its latest correction
 * for an edited note), the hosts of a command and the detail; a redacted event shows only that it
 * was redacted and why. Markers and pins follow in brackets.
 */
export function eventWords(e: JournalEvent, a: Annotations): string {
  const marks = tagWords(a, e.seq);
  const redaction = a.redactions.get(e.seq);
  if (redaction) return `Redacted by ${user(redaction.actor)}: ${user(redaction.reason)}${marks}`;
  const d = describeEvent(e);
  const label = d.label.charAt(0).toUpperCase() + d.label.slice(1);
  const edit = a.edits.get(e.seq)?.at(-1);
  const text = edit ? `${user(edit.text)} (corrected in #${edit.seq})` : phrase(d.text);
  const hosts = d.command ? ` on ${hostList(d.hosts)}` : '';
  return `${user(label)}: ${text}${hosts}${d.detail ? ` (${phrase(d.detail)})` : ''}${marks}`;
}

/** " \\[pinned, detection\\]" after an event's words, or nothing. */
export function tagWords(a: Annotations, seq: number): string {
  const tags = markWords(a, seq);
  return tags.length > 0 ? ` \\[${tags.join(', ')}\\]` : '';
}

