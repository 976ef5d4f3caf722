/** Summary: the facts of the header in sentences (what was declared, where it stands, how long). */
import type { Evidence } from './evidence';
import { cite, spanWords, user, when } from './markdown';
import { section } from './statements';

export function summary(ev: Evidence): string | null {
  const d = ev.declared;
  if (!d) return null;
  const items = [`- ${user(d.commander)} declared ${d.severity}${d.kind ? ` (${user(d.kind)})` : ''} “${user(d.title)}” at ${when(d.ts)} ${cite(d.seq)}.`];
  const sev = ev.severityChanges.at(-1);
  if (sev) items.push(`- The severity is now ${sev.to} ${cite(sev.seq)}.`);
  const status = ev.details.statusChanges.filter((c) => !ev.annotations.redactions.has(c.seq)).at(-1);
  if (status && !ev.end.resolved) items.push(`- The status is now ${status.to} ${cite(status.seq)}.`);
  const span = spanWords(Date.parse(ev.end.ts) - Date.parse(d.ts), 'after', 'before');
  items.push(
    ev.end.resolved
      ? `- Resolved at ${when(ev.end.ts)}, ${span} the declaration ${cite(...(ev.end.seq ? [ev.end.seq] : []), d.seq)}.`
      : `- Not resolved at ${when(ev.end.ts)}, ${span} the declaration ${cite(d.seq)}.`,
  );
  return section({ items });
}
