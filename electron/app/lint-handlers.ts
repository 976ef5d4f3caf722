import type { Handler } from '../rpc/handlers';
import type { HandlerDeps } from './ports';

type LintRequest = 'writeup.lint' | 'writeup.waive';

/** The blameless lint's requests: the report for the active incident, and waiving a finding. */
export function lintHandlers({ incidents }: Pick<HandlerDeps, 'incidents'>): { [K in LintRequest]: Handler<K> } {
  return {
    'writeup.lint': () => incidents.lint(),
    'writeup.waive': (input) => incidents.waive(input),
  };
}
