import { useWarroom } from '../../app/context';
import { OutputDiff } from './OutputDiff';

/** Each minority group's output against the majority's, line by line (dshbak -c with a diff). */
export function ScreenCompare() {
  const verdict = useWarroom((s) => (s.screensCompare ? s.screenGroups : null));
  if (!verdict || verdict.groups.length < 2) return null;
  const [major, ...minors] = verdict.groups;
  return (
    <section className="screen-compare" aria-label="Compare outputs" data-testid="screen-compare-view">
      <div className="muted">
        After <code>{verdict.line}</code>: against the {major!.count} identical ({major!.hosts.slice(0, 8).join(', ')}
        {major!.hosts.length > 8 ? ', …' : ''})
      </div>
      {minors.map((g) => (
        <div key={g.sessionIds[0]} className="compare-group" data-testid="screen-compare-group" data-hosts={g.hosts.join(',')}>
          <div className="alias">{g.hosts.join(', ')}</div>
          <OutputDiff base={major!.output} other={g.output} />
        </div>
      ))}
    </section>
  );
}
