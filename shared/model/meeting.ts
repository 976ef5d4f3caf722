/**
 * The post-mortem meeting: who may be invited (an address calendars can deliver to) and by when it
 * should happen. Pure, so the CLI and the window agree.
 */

export interface Attendee {
  name?: string;
  email: string;
}

// Deliberately plain: one @, no spaces or angle brackets, a dot in the domain. Calendars do the rest.
const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

/** `Name <email>` or a bare email; undefined when it is neither. */
export function parseAttendee(text: string): Attendee | undefined {
  const t = text.trim();
  const named = /^(.+?)\s*<([^<>]+)>$/.exec(t);
  if (named) {
    const name = named[1]!.trim().replace(/^"(.*)"$/, '$1');
    const email = named[2]!.trim();
    return name && EMAIL.test(email) ? { name, email } : undefined;
  }
  return EMAIL.test(t) ? { email: t } : undefined;
}

export function attendeeText(a: Attendee): string {
  return a.name ? `${a.name} <${a.email}>` : a.email;
}

/**
 * The moment `span` after `from`: `3d` is three calendar days; `5bd` is five business days, each
 * Saturday and Sunday (UTC) skipped, so a Friday resolution with `1bd` is due on Monday.
 */
export function meetingDeadline(from: Date, span: string): Date {
  const m = /^(\d+)(d|bd)$/.exec(span);
  if (!m) throw new Error(`not a meeting span: ${span}`);
  const n = Number(m[1]);
  const day = 86_400_000;
  if (m[2] === 'd') return new Date(from.getTime() + n * day);
  let t = from.getTime();
  for (let left = n; left > 0; ) {
    t += day;
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(t);
}
