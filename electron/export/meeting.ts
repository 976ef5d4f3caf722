/**
 * Scheduling the post-mortem meeting: an iCalendar invite (ical-generator), a pre-read (the
 * write-up as it stands, HTML and PDF) in the incident's exports/, and a `postmortem.scheduled`
 * event. Every input is checked before anything is written.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ical from 'ical-generator';
import type { JournalEvent, Severity } from '../../shared/model/incident';
import { attendeeText, meetingDeadline, parseAttendee, type Attendee } from '../../shared/model/meeting';
import { exportsDir, incidentDir } from '../core/data-layout';
import { UserError } from '../core/errors';
import { withIncident } from '../incident/session';
import type { MeetingSpan } from '../incident/config';
import { PRIVATE_FILE, mkdirPrivate, ownPrivateDir, writeFileAtomic } from '../journal/files';
import { renderWriteup } from './approved';
import { renderHtml } from './html';
import { printPdf } from './pdf';

export interface ScheduleRequest {
  dataDir: string;
  /** The incident's journal file and id. */
  journalFile: string;
  id: string;
  actor: string;
  /** As typed: ISO 8601 with a zone (Z or ±hh:mm). */
  at: string;
  /** As typed, comma-separated; absent: proposed from the incident's roles. */
  attendees?: string;
  durationMinutes?: number;
  /** Where the .ics goes (default: exports/<id>.postmortem.ics). */
  out?: string;
  meetingWithin: Partial<Record<Severity, MeetingSpan>>;
  now?: Date;
}

export interface Scheduled {
  event: JournalEvent;
  invite: string;
  preRead: { html: string; pdf: string };
  attendees: Attendee[];
  /** e.g. the meeting is later than the severity's limit. */
  warnings: string[];
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseMeetingTime(text: string, now: Date): Date {
  const t = text.trim();
  const ms = ISO_WITH_ZONE.test(t) ? Date.parse(t) : NaN;
  if (Number.isNaN(ms)) throw new UserError(`--at ${JSON.stringify(text)}: not an ISO 8601 time with a zone, e.g. 2026-12-01T15:00:00Z or 2026-12-01T16:00+01:00`);
  if (ms <= now.getTime()) throw new UserError(`--at ${JSON.stringify(text)}: that is in the past (now is ${now.toISOString()})`);
  // Calendars keep whole seconds; the event records the same moment the invite holds.
  return new Date(Math.floor(ms / 1000) * 1000);
}

/** Splits on commas outside double quotes (`"Ops, Carol" <carol@example.com>` is one attendee). */
export function parseAttendees(text: string): Attendee[] {
  const parts = text.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new UserError('--attendees: no attendee given');
  const bad = parts.filter((p) => !parseAttendee(p));
  if (bad.length) throw new UserError(`--attendees: ${bad.map((b) => JSON.stringify(b)).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not Name <email> or an email address`);
  return parts.map((p) => parseAttendee(p) as Attendee);
}

/** The invite's text; UID is the incident's, so a rescheduled meeting replaces the earlier invite. */
export function inviteText(req: { id: string; title: string; start: Date; durationMinutes: number; attendees: Attendee[]; organizer?: Attendee; preRead: string[] }): string {
  const calendar = ical({ name: `Post-mortem ${req.id}`, prodId: { company: 'warroom', product: 'warroom' } });
  calendar.createEvent({
    id: `${req.id}-postmortem@warroom.invalid`,
    start: req.start,
    end: new Date(req.start.getTime() + req.durationMinutes * 60_000),
    summary: `Post-mortem: ${req.id} ${req.title}`,
    description: `Post-mortem meeting for incident ${req.id}. Pre-read: ${req.preRead.join(', ')}`,
    attendees: req.attendees.map((a) => ({ email: a.email, ...(a.name ? { name: a.name } : {}), rsvp: true })),
    ...(req.organizer ? { organizer: { name: req.organizer.name ?? req.organizer.email, email: req.organizer.email } } : {}),
  });
  return calendar.toString();
}

export async function scheduleMeeting(req: ScheduleRequest): Promise<Scheduled> {
  const now = req.now ?? new Date();
  const start = parseMeetingTime(req.at, now);
  const durationMinutes = req.durationMinutes ?? 60;
  if (!Number.isInteger(durationMinutes) || durationMinutes < 1 || durationMinutes > 24 * 60) throw new UserError(`--duration ${durationMinutes}: whole minutes, 1 to 1440`);
  const given = req.attendees === undefined ? undefined : parseAttendees(req.attendees);
  return withIncident(req.journalFile, async ({ journal, incident, state }) => {
    const events = journal.events;
    const warnings: string[] = [];
    const attendees = given ?? proposeFromRoles(state.roles, warnings);
    const span = req.meetingWithin[incident.severity];
    if (span) {
      const resolvedAt = state.milestones.resolved?.at ?? state.statusChanges.filter((c) => c.to === 'resolved').at(-1)?.at;
      const from = new Date(resolvedAt ?? incident.startedAt);
      const by = meetingDeadline(from, span);
      if (start > by) {
        warnings.push(`${incident.severity} post-mortems meet within ${span.endsWith('bd') ? `${span.slice(0, -2)} business days` : `${span.slice(0, -1)} days`} of ${resolvedAt ? 'resolution' : 'the declaration'} (by ${by.toISOString()}); this one is at ${start.toISOString()}`);
      }
    }

    const exports = exportsDir(req.dataDir, req.id);
    await ownPrivateDir(exports);
    const html = path.join(exports, `${req.id}.pre-read.html`);
    const pdf = path.join(exports, `${req.id}.pre-read.pdf`);
    const markdown = await renderWriteup(req.dataDir, incident, events);
    await writeFileAtomic(html, renderHtml(markdown, `Pre-read: ${incident.id}: ${incident.title}`));
    await printPdf(html, pdf);
    await fs.chmod(pdf, PRIVATE_FILE);

    const invite = path.resolve(req.out ?? path.join(exports, `${req.id}.postmortem.ics`));
    if (req.out !== undefined) await mkdirPrivate(path.dirname(invite));
    const organizer = parseAttendee(req.actor);
    await writeFileAtomic(invite, inviteText({ id: incident.id, title: incident.title, start, durationMinutes, attendees, ...(organizer ? { organizer } : {}), preRead: [html, pdf] }));

    const folder = incidentDir(req.dataDir, req.id);
    const relative = path.relative(folder, invite);
    const event = await journal.append({
      type: 'postmortem.scheduled',
      actor: req.actor,
      data: { at: start.toISOString(), attendees: attendees.map(attendeeText), durationMinutes, invite: relative.startsWith('..') ? invite : relative },
    });
    return { event, invite, preRead: { html, pdf }, attendees, warnings };
  });
}

/** The role holders whose names are addresses; the error lists the others, so the user knows whom to spell out. */
function proposeFromRoles(roles: Record<string, string[]>, warnings: string[]): Attendee[] {
  const holders = [...new Set(Object.values(roles).flat())];
  const found = holders.map(parseAttendee).filter((a): a is Attendee => a !== undefined);
  const named = Object.entries(roles).flatMap(([role, who]) => who.filter((w) => !parseAttendee(w)).map((w) => `${role} ${w}`));
  if (found.length > 0) {
    if (named.length) warnings.push(`not invited, as their role names no email address: ${named.join(', ')}`);
    return found;
  }
  throw new UserError(
    named.length
      ? `no --attendees given, and no role holder is an email address (${named.join(', ')}): give --attendees "Name <email>,..."`
      : 'no --attendees given, and the incident has no roles to propose them from: give --attendees "Name <email>,..."',
  );
}
