import { outliers, verdictText } from '../../../shared/model/screens';
import { useController, useWarroom } from '../../app/context';

/** "61 identical · 3 differ" for the latest broadcast line, with fold, compare and the numbers option. */
export function ScreenVerdict() {
  const controller = useController();
  const { verdict, folded, compare } = useWarroom((s) => ({ verdict: s.screenGroups, folded: s.screensFolded, compare: s.screensCompare }));
  if (!verdict) return null;
  const differ = outliers(verdict.groups);
  const apart = [...(verdict.interrupted ?? []), ...(verdict.running ?? [])];
  const state = controller.store.getState();
  return (
    <span className="screen-verdict" aria-live="polite">
      <span
        data-testid="screen-groups"
        data-groups={verdict.groups.length}
        data-incomplete={apart.length}
        className={differ.length > 0 ? 'verdict differ' : apart.length > 0 ? 'verdict incomplete' : 'verdict same'}
        title={`After ${verdict.line}${differ.length > 0 ? `; differ: ${differ.join(', ')}` : ''}${apart.length > 0 ? `; not complete (not grouped): ${apart.join(', ')}` : ''}`}
      >
        {verdictText(verdict.groups, ' · ', verdict)}
      </span>
      {differ.length > 0 && differ.length <= 5 && (verdict.groups[0]?.count ?? 0) > 1 ? <span className="muted"> ({differ.join(', ')})</span> : null}
      <label className="include" title="Treat numbers and host names inside the output as equal">
        <input type="checkbox" data-testid="screen-groups-loose" checked={verdict.loose} onChange={(e) => void controller.screens.regroup(e.target.checked)} />
        numbers equal
      </label>
      <button type="button" className="chip" data-testid="screen-fold" aria-pressed={folded} onClick={() => state.setScreensFolded(!folded)}>
        {folded ? 'unfold' : 'fold identical'}
      </button>
      {differ.length > 0 ? (
        <button type="button" className="chip" data-testid="screen-compare" aria-pressed={compare} onClick={() => state.setScreensCompare(!compare)}>
          {compare ? 'close compare' : 'compare'}
        </button>
      ) : null}
    </span>
  );
}
