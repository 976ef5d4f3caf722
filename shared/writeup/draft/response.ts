/**
 * Response: who held which role and every handoff, acknowledgement, the first command and where it
 * ran, and the status changes.
 */
import { isReopening } from '../../model/incident';
import type { Evidence } from './evidence';
import { cite, code, hostList, spanWords, user, when } from './markdown';
import { milestoneOf, section } from './statements';

export function response(ev: Evidence): string | null {
  return section({ heading: 'Roles:', items: roles(ev) }, { heading: 'Response:', items: [...acknowledged(ev), ...firstCommand(ev), ...statuses(ev)] });
}

function roles(ev: Evidence): string[] {
  const lines = [
    ...ev.details.handoffs.filter((h) => !ev.annotations.redactions.has(h.seq)).map((h) => ({
      seq: h.seq,
      text:
        h.seq === ev.declared?.seq
          ? `- ${user(h.to)} was ${h.role} from the declaration at ${when(h.at)} ${cite(h.seq)}.`
          : h.from
            ? `- At ${when(h.at)}, ${user(h.to)} took over ${h.role} from ${user(h.from)} ${cite(h.seq)}.`
            : `- At ${when(h.at)}, ${user(h.to)} became ${h.role} ${cite(h.seq)}.`,
    })),
    ...ev.releases.map((r) => ({ seq: r.seq, text: `- At ${when(r.ts)}, ${user(r.who)} released ${r.role} ${cite(r.seq)}.` })),
  ];
  return lines.sort((a, b) => a.seq - b.seq).map((l) => l.text);
}

function acknowledged(ev: Evidence): string[] {
  const ack = milestoneOf(ev, 'acknowledged');
  if (!ack) return [];
  const detected = milestoneOf(ev, 'detected');
  const after = detected ? `, ${spanWords(Date.parse(ack.at) - Date.parse(detected.at), 'after', 'before')} detection` : '';
  return [`- Acknowledged at ${when(ack.at)}${after} ${cite(ack.seq, ...(detected ? [detected.seq] : []))}.`];
}

function firstCommand(ev: Evidence): string[] {
  const first = ev.commands[0];
  if (!first) return [];
  const hosts = 'results' in first ? first.results.map((r) => r.host) : first.hosts;
  const line = 'withheld' in first && first.withheld ? 'secret input (withheld)' : code(first.line);
  const d = ev.declared;
  const after = d ? `, ${spanWords(Date.parse(first.ts) - Date.parse(d.ts), 'after', 'before')} the declaration` : '';
  return [`- The first command was ${line} on ${hostList(hosts)}, at ${when(first.ts)}${after} ${cite(first.seq)}.`];
}

function statuses(ev: Evidence): string[] {
  return ev.details.statusChanges
    .filter((c) => !ev.annotations.redactions.has(c.seq))
    .map((c) => `- Status ${c.from} → ${c.to}${isReopening(c) ? ' (reopened)' : ''} at ${when(c.at)} by ${user(c.actor)}${c.reason ? `: ${user(c.reason)}` : ''} ${cite(c.seq)}.`);
}
