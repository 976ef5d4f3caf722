/**
 * What makes a checklist item tick: the declarative matcher over one event, and the named computed
 * rules, each a small incremental fold with a predicate over what it has seen.
 */
import type { JournalEvent } from './incident';
import { Milestone } from './incident';
import type { ComputedRuleName, Condition, Matcher } from './checklist';
import { attended } from './meetingRecord';

type Test = (value: unknown) => boolean;

function conditionTest(c: Condition): Test {
  if (typeof c !== 'object') return (v) => v === c;
  if ('in' in c) return (v) => c.in.some((x) => x === v);
  if ('minLength' in c) return (v) => (typeof v === 'string' || Array.isArray(v)) && v.length >= c.minLength;
  if ('atLeast' in c) return (v) => typeof v === 'number' && v >= c.atLeast;
  if ('present' in c) return (v) => (v !== undefined && v !== null) === c.present;
  const re = new RegExp(c.matches, 'i');
  return (v) => typeof v === 'string' && re.test(v);
}

function fieldOf(path: string): (data: Record<string, unknown>) => unknown {
  const keys = path.split('.');
  return (data) => {
    let v: unknown = data;
    for (const key of keys) {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
      v = (v as Record<string, unknown>)[key];
    }
    return v;
  };
}

/** A matcher made into one function, once per fold: it runs on every event of its types. */
export function compileMatcher(m: Matcher): (e: JournalEvent) => boolean {
  const types = new Set(matcherTypes(m));
  const checks = Object.entries(m.where ?? {}).map(([path, c]) => ({ get: fieldOf(path), test: conditionTest(c) }));
  return (e) => types.has(e.type) && checks.every(({ get, test }) => test(get(e.data)));
}

/** The event types a matcher can match, so the fold only offers it those. */
export function matcherTypes(m: Matcher): readonly string[] {
  return typeof m.event === 'string' ? [m.event] : m.event;
}

/** One computed rule: folds the events it cares about and says whether it holds now. */
export interface ComputedRule {
  /** The only event types apply() looks at. */
  readonly types: readonly string[];
  /** Applies one event; returns whether the event could have changed the answer. */
  apply(e: JournalEvent): boolean;
  holds(): boolean;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * verify-recovery: every host that failed a check has passed the same check since, and, once the
 * `mitigated` milestone is set, a host that failed before it has passed after it. A check is a
 * `command.run` line (whitespace-normalised) on one host; failing is any exit other than 0 (an
 * unreachable host fails too). Nothing failed yet means nothing to verify: it does not tick by itself.
 * On the practice drill: `systemctl status nginx` exits 3 on web-02, the repair, then exits 0.
 */
function verifyRecovery(): ComputedRule {
  interface Check {
    firstFail?: string;
    lastTs: string;
    lastPass: boolean;
  }
  /** line \0 host → its first failure and latest result. Kept with a count of the unverified ones, so each event costs O(its hosts). */
  const checks = new Map<string, Check>();
  /** Normalised lines by the line as recorded: runs repeat the same few checks. */
  const lines = new Map<string, string>();
  let mitigatedAt: string | undefined;
  let failed = 0;
  let unverified = 0;
  const unverifiedNow = (c: Check): boolean =>
    c.firstFail !== undefined && (!c.lastPass || (mitigatedAt !== undefined && c.firstFail < mitigatedAt && c.lastTs <= mitigatedAt));
  return {
    types: ['milestone', 'command.run'],
    apply(e) {
      if (e.type === 'milestone') {
        if (e.data.milestone !== 'mitigated' || typeof e.data.at !== 'string') return false;
        mitigatedAt = e.data.at;
        unverified = [...checks.values()].filter(unverifiedNow).length;
        return true;
      }
      if (e.type !== 'command.run' || !Array.isArray(e.data.results)) return false;
      const raw = str(e.data.line);
      if (raw === undefined) return false;
      let line = lines.get(raw);
      if (line === undefined) lines.set(raw, (line = raw.trim().replace(/\s+/g, ' ')));
      if (!line) return false;
      for (const r of e.data.results as unknown[]) {
        if (!r || typeof r !== 'object') continue;
        const host = str((r as Record<string, unknown>).host);
        if (!host) continue;
        const pass = (r as Record<string, unknown>).exitCode === 0;
        const key = `${line}\0${host}`;
        let c = checks.get(key);
        if (!c) checks.set(key, (c = { lastTs: e.ts, lastPass: true }));
        const was = unverifiedNow(c);
        if (!pass && c.firstFail === undefined) {
          c.firstFail = e.ts;
          failed++;
        }
        c.lastTs = e.ts;
        c.lastPass = pass;
        unverified += Number(unverifiedNow(c)) - Number(was);
      }
      return true;
    },
    holds: () => failed > 0 && unverified === 0,
  };
}

/** milestones-in-order: detected, mitigated and resolved are set, and no set milestone is earlier than one before it in the lifecycle. */
function milestonesInOrder(): ComputedRule {
  const at = new Map<Milestone, string>();
  return {
    types: ['incident.declared', 'milestone'],
    apply(e) {
      if (e.type === 'incident.declared') {
        if (!at.has('started')) at.set('started', e.ts);
        return true;
      }
      if (e.type !== 'milestone') return false;
      const m = Milestone.safeParse(e.data.milestone);
      const when = str(e.data.at);
      if (m.success && when) at.set(m.data, when);
      return true;
    },
    holds() {
      if (!(['detected', 'mitigated', 'resolved'] as const).every((m) => at.has(m))) return false;
      let last = '';
      for (const m of Milestone.options) {
        const t = at.get(m);
        if (t === undefined) continue;
        if (t < last) return false;
        last = t;
      }
      return true;
    },
  };
}

/** The action items as `action.created` / `action.updated` leave them: status and whether a ticket is linked. */
function actionsFold(test: (a: { status: string; ticket: boolean }) => boolean): ComputedRule {
  const actions = new Map<string, { status: string; ticket: boolean }>();
  return {
    types: ['action.created', 'action.updated'],
    apply(e) {
      const id = str(e.data.id);
      if (!id) return false;
      if (e.type === 'action.created') {
        actions.set(id, { status: 'open', ticket: typeof e.data.ticket === 'string' && e.data.ticket !== '' });
        return true;
      }
      if (e.type !== 'action.updated') return false;
      const a = actions.get(id);
      if (!a) return false;
      const status = str(e.data.status);
      if (status) a.status = status;
      const changes = e.data.changes;
      if (changes && typeof changes === 'object' && 'ticket' in changes) a.ticket = typeof (changes as { ticket?: unknown }).ticket === 'string' && (changes as { ticket: string }).ticket !== '';
      return true;
    },
    holds: () => actions.size > 0 && [...actions.values()].every(test),
  };
}

const CLOSED = new Set(['done', 'verified', 'not-doing']);

/** The write-up's review state as `writeup.state` events leave it; an approval counts only with its `writeup.approved` record. */
function reviewFold(test: (r: { state: string; approved: boolean }) => boolean): ComputedRule {
  const r = { state: 'draft', approved: false };
  return {
    types: ['writeup.state', 'writeup.approved'],
    apply(e) {
      if (e.type === 'writeup.approved') r.approved = true;
      else {
        const to = str(e.data.to);
        if (!to) return false;
        r.state = to;
        if (to === 'draft') r.approved = false;
      }
      return true;
    },
    holds: () => test(r),
  };
}

/**
 * meeting-held: a post-mortem meeting has ended whose attendees (as `postmortem.started` names them)
 * include the write-up owner and the incident commander at the meeting's start. The commander is the
 * declarer until a `role.assigned` hands the role on.
 */
function meetingHeld(): ComputedRule {
  let commander: string | undefined;
  let running: { attendees: string[]; owner: string; commander: string | undefined } | undefined;
  let held = false;
  return {
    types: ['incident.declared', 'role.assigned', 'role.released', 'postmortem.started', 'postmortem.ended'],
    apply(e) {
      const d = e.data;
      if (e.type === 'incident.declared') commander = str(d.commander);
      else if (e.type === 'role.assigned' && d.role === 'commander') commander = str(d.to);
      else if (e.type === 'role.released' && d.role === 'commander' && d.who === commander) commander = undefined;
      else if (e.type === 'postmortem.started' && Array.isArray(d.attendees) && typeof d.owner === 'string') {
        running = { attendees: d.attendees.filter((a): a is string => typeof a === 'string'), owner: d.owner, commander };
      } else if (e.type === 'postmortem.ended' && running) {
        const m = running;
        running = undefined;
        if (m.commander !== undefined && attended(m.attendees, m.commander) && attended(m.attendees, m.owner)) held = true;
        return true;
      }
      return false;
    },
    holds: () => held,
  };
}

export const COMPUTED_RULES: Record<ComputedRuleName, () => ComputedRule> = {
  'verify-recovery': verifyRecovery,
  'milestones-in-order': milestonesInOrder,
  /** actions-complete: at least one action, and every one done, verified, or not doing (with its reason). */
  'actions-complete': () => actionsFold((a) => CLOSED.has(a.status)),
  /** actions-ticketed: at least one action, and every one not dropped (not-doing) links a ticket. */
  'actions-ticketed': () => actionsFold((a) => a.status === 'not-doing' || a.ticket),
  /** writeup-approved: an approval is in force (approved or published, not reopened since). */
  'writeup-approved': () => reviewFold((r) => r.approved && (r.state === 'approved' || r.state === 'published')),
  /** writeup-published: the approved write-up is published and not reopened since. */
  'writeup-published': () => reviewFold((r) => r.approved && r.state === 'published'),
  'meeting-held': meetingHeld,
};
