import { MarkerKind } from '../../../shared/model/incident';
import { useController, useWarroom } from '../../app/context';

/** Marker and actor filters beside the timeline's kind and host filters; kept in the store. */
export function TimelineExtras({ actors }: { actors: readonly string[] }) {
  const controller = useController();
  const extra = useWarroom((s) => s.timelineExtra);
  const set = controller.store.getState().setTimelineExtra;
  return (
    <>
      <select
        data-testid="timeline-marker"
        aria-label="Only events with this marker"
        value={extra.markers[0] ?? ''}
        onChange={(e) => set({ markers: e.target.value ? [MarkerKind.parse(e.target.value)] : [] })}
      >
        <option value="">any marker</option>
        {MarkerKind.options.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <select data-testid="timeline-actor" aria-label="Only events by this actor" value={extra.actors[0] ?? ''} onChange={(e) => set({ actors: e.target.value ? [e.target.value] : [] })}>
        <option value="">any actor</option>
        {actors.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
    </>
  );
}
