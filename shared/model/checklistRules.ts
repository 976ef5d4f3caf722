/**
 * What makes a checklist item tick: the declarative matcher over one event, and the named computed
 * rules, each a small incremental fold with a predicate over what it has seen.
 */
import type { JournalEvent } from './incident';
import { Milestone } from './incident';
import type { ComputedRuleName, Condition, Matcher } from './checklist';

function field(data: Record<string, unknown>, path: string): unknown {
  let v: unknown = data;
  for (const key of path.split('.')) {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function holds(value: unknown, c: Condition, regexps: Map<string, RegExp>): boolean {
  if (typeof c !== 'object') return value === c;
  if ('in' in c) return c.in.some((x) => x === value);
  if ('minLength' in c) return (typeof value === 'string' || Array.isArray(value)) && value.length >= c.minLength;
  if ('atLeast' in c) return typeof value === 'number' && value >= c.atLeast;
  if ('present' in c) return (value !== undefined && value !== null) === c.present;
  let re = regexps.get(c.matches);
  if (!re) regexps.set(c.matches, (re = new RegExp(c.matches, 'i')));
  return typeof value === 'string' && re.test(value);
}

const compiled = new Map<string, RegExp>();

export function matches(m: Matcher, e: JournalEvent): boolean {
  if (typeof m.event === 'string' ? m.event !== e.type : !m.event.includes(e.type)) return false;
  for (const [path, c] of Object.entries(m.where ?? {})) if (!holds(field(e.data, path), c, compiled)) return false;
  return true;
}

/** One computed rule: folds the events it cares about and says whether it holds now. */
export interface ComputedRule {
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
  /** line \0 host → latest result time and pass, and the first failure's time. */
  const checks = new Map<string, { firstFail?: string; lastTs: string; lastPass: boolean }>();
  let mitigatedAt: string | undefined;
  return {
    apply(e) {
      if (e.type === 'milestone' && e.data.milestone === 'mitigated' && typeof e.data.at === 'string') {
        mitigatedAt = e.data.at;
        return true;
      }
      if (e.type !== 'command.run' || !Array.isArray(e.data.results)) return false;
      const line = str(e.data.line)?.trim().replace(/\s+/g, ' ');
      if (!line) return false;
      for (const r of e.data.results as unknown[]) {
        if (!r || typeof r !== 'object') continue;
        const host = str((r as Record<string, unknown>).host);
        if (!host) continue;
        const pass = (r as Record<string, unknown>).exitCode === 0;
        const key = `${line}\0${host}`;
        const prev = checks.get(key);
        checks.set(key, { lastTs: e.ts, lastPass: pass, ...(prev?.firstFail ? { firstFail: prev.firstFail } : pass ? {} : { firstFail: e.ts }) });
      }
      return true;
    },
    holds() {
      let failed = 0;
      for (const c of checks.values()) {
        if (c.firstFail === undefined) continue;
        failed++;
        if (!c.lastPass) return false;
        if (mitigatedAt !== undefined && c.firstFail < mitigatedAt && c.lastTs <= mitigatedAt) return false;
      }
      return failed > 0;
    },
  };
}

/** milestones-in-order: detected, mitigated and resolved are set, and no set milestone is earlier than one before it in the lifecycle. */
function milestonesInOrder(): ComputedRule {
  const at = new Map<Milestone, string>();
  return {
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

export const COMPUTED_RULES: Record<ComputedRuleName, () => ComputedRule> = {
  'verify-recovery': verifyRecovery,
  'milestones-in-order': milestonesInOrder,
  /** actions-complete: at least one action, and every one done, verified, or not doing (with its reason). */
  'actions-complete': () => actionsFold((a) => CLOSED.has(a.status)),
  /** actions-ticketed: at least one action, and every one not dropped (not-doing) links a ticket. */
  'actions-ticketed': () => actionsFold((a) => a.status === 'not-doing' || a.ticket),
};
