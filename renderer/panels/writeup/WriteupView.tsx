import { useMemo, useState } from 'react';
import { useController, useWarroom } from '../../app/context';
import '../../styles/writeup.css';
import { lintContext } from './lintMarks';
import { SectionCard } from './SectionCard';

/**
 * The write-up beside the terminals: every section of the template with its state, version and
 * author, each opening into its own editor. Drafting fills only empty sections; what people wrote
 * is never replaced.
 */
export function WriteupView() {
  const writeup = useController().writeup;
  const { doc, incidentId, unsaved, conflicts, events } = useWarroom((s) => ({
    doc: s.writeup,
    incidentId: s.incident?.id,
    unsaved: s.writeupUnsaved,
    conflicts: s.writeupConflicts,
    events: s.events,
  }));
  // Folded again only when the journal grows: the editors' marks read it on every pause in typing.
  const lint = useMemo(() => lintContext(events), [events]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);

  if (!doc || doc.incidentId !== incidentId) return <p className="muted small">Loading the write-up…</p>;
  const empty = doc.sections.filter((s) => s.state === 'empty').length;
  const draftAll = async () => {
    setBusy(true);
    const out = await writeup.draft();
    setBusy(false);
    if (out) setOutcome(`${out.filled.length} drafted${out.skipped.length ? `, ${out.skipped.length} left empty (no evidence)` : ''}`);
  };

  return (
    <div className="writeup" data-testid="writeup">
      <div className="row writeup-top">
        <span className="small muted">
          {doc.sections.length - empty} of {doc.sections.length} sections written
        </span>
        {empty > 0 ? (
          <button type="button" className="push" data-testid="writeup-draft-all" disabled={busy} onClick={() => void draftAll()}>
            Draft empty sections from evidence
          </button>
        ) : null}
      </div>
      {outcome ? (
        <p className="small muted" data-testid="writeup-draft-outcome">
          {outcome}
        </p>
      ) : null}
      <ol className="writeup-sections">
        {doc.sections.map((s) => (
          <SectionCard key={s.id} section={s} unsaved={unsaved[s.id]} conflict={conflicts[s.id]} lint={lint} />
        ))}
      </ol>
    </div>
  );
}
