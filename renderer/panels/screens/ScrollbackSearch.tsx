import { useState } from 'react';
import { MAX_QUERY_CHARS, type SearchMode } from '../../../shared/model/screens';
import { useController, useWarroom } from '../../app/context';

/** One box that searches the scrollback of every session, rendered or not; hits open their pane. */
export function ScrollbackSearch() {
  const controller = useController();
  const search = useWarroom((s) => s.scrollbackSearch);
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<SearchMode>({ regex: false, wholeWord: false, caseSensitive: false });
  const run = (q = query, m = mode) => void controller.screens.search(q, m);
  const toggle = (key: keyof SearchMode) => {
    const next = { ...mode, [key]: !mode[key] };
    setMode(next);
    if (query) run(query, next);
  };
  const option = (key: keyof SearchMode, label: string, title: string) => (
    <button type="button" className={mode[key] ? 'chip active' : 'chip'} aria-pressed={mode[key]} title={title} data-testid={`scrollback-search-${key}`} onClick={() => toggle(key)}>
      {label}
    </button>
  );
  const shown = search.status !== 'idle';
  return (
    <span className="scrollback-search">
      <input
        type="search"
        data-testid="scrollback-search"
        aria-label="Search every scrollback"
        placeholder="search scrollbacks"
        maxLength={MAX_QUERY_CHARS}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') run();
          if (e.key === 'Escape') {
            setQuery('');
            run('', mode);
          }
        }}
      />
      {option('caseSensitive', 'Aa', 'Match case')}
      {option('wholeWord', 'W', 'Whole word')}
      {option('regex', '.*', 'Regular expression')}
      {shown ? (
        <div className="scrollback-results" role="region" aria-label="Scrollback search results">
          {search.status === 'running' ? <div className="muted">searching…</div> : null}
          {search.status === 'failed' ? (
            <div className="error" data-testid="scrollback-search-error">
              {search.error}
            </div>
          ) : null}
          {search.status === 'done' ? (
            <>
              <div className="muted" data-testid="scrollback-summary">
                {search.hits.length === 0 ? `no match in ${search.searched} scrollbacks` : `${search.hits.length} of ${search.searched} hosts match`}
                {search.hits.length > 0 ? (
                  <button type="button" className="link" data-testid="scrollback-evidence" onClick={() => void controller.screens.evidence()}>
                    add to timeline
                  </button>
                ) : null}
                <button type="button" className="link" onClick={() => run('', mode)}>
                  close
                </button>
              </div>
              <ul>
                {search.hits.map((hit) => (
                  <li key={hit.sessionId}>
                    <button type="button" className="hit" data-testid="scrollback-hit" data-host={hit.host} onClick={() => controller.screens.open(hit)}>
                      <span className="alias">{hit.host}</span> <span className="count">{hit.count}</span>
                      <span className="line">{hit.lines[hit.lines.length - 1]?.text}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </span>
  );
}
