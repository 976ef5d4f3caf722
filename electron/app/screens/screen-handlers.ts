import type { Handler } from '../../rpc/handlers';
import { UserError } from '../../core/errors';
import type { SearchMode } from '../../../shared/model/screens';
import type { HandlerDeps } from '../ports';
import { ScreenLinesCache, searchScrollbacks } from './search';

type ScreenRequest = 'screen.latest' | 'screen.regroup' | 'scrollback.search' | 'scrollback.evidence';

/** Matching lines kept per host in a `scrollback.found` event: evidence, not a copy of the scrollback. */
const EVIDENCE_LINES = 20;

/** The latest verdict, grouping a line again, and searching every session's scrollback (also as timeline evidence). */
export function screenHandlers(deps: Pick<HandlerDeps, 'fleet' | 'incidents' | 'actor' | 'scrollback' | 'screens'>): { [K in ScreenRequest]: Handler<K> } {
  const cache = new ScreenLinesCache();
  const search = (query: string, mode: SearchMode) => {
    const sessions = deps.fleet.sessions();
    cache.retain(new Set(sessions.map((s) => s.sessionId)));
    return searchScrollbacks(
      sessions.map((s) => ({ sessionId: s.sessionId, host: s.alias, lines: cache.lines(s.sessionId, deps.scrollback(s.sessionId)) })),
      query,
      mode,
    );
  };
  return {
    'screen.latest': () => ({ verdict: deps.screens.latest() ?? null }),
    'screen.regroup': ({ lineId, loose }) => {
      const verdict = deps.screens.regroup(lineId, loose);
      if (!verdict) throw new UserError(`screen grouping: line ${lineId} is no longer kept (only the latest lines are)`);
      return verdict;
    },
    'scrollback.search': ({ query, ...mode }) => ({ hits: search(query, mode), searched: deps.fleet.sessions().length }),
    'scrollback.evidence': async ({ query, ...mode }) => {
      const hits = search(query, mode);
      const event = await deps.incidents.record({
        type: 'scrollback.found',
        actor: deps.actor,
        data: {
          query,
          ...(mode.regex ? { regex: true } : {}),
          ...(mode.wholeWord ? { wholeWord: true } : {}),
          ...(mode.caseSensitive ? { caseSensitive: true } : {}),
          hits: hits.map((h) => ({ host: h.host, count: h.count, lines: h.lines.slice(0, EVIDENCE_LINES).map((l) => l.text) })),
        },
      });
      return { event: event ?? null };
    },
  };
}
