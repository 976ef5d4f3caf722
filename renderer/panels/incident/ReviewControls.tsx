import { useState } from 'react';
import { foldReview, WRITEUP_STATE_LABELS } from '../../../shared/model/review';
import { reviewOf } from '../../../shared/model/panelFolds';
import type { WriteupState } from '../../../shared/model/writeup';
import { usePanelFold } from '../../app/usePanelFold';
import type { IncidentActions } from './actions';

/** The buttons each state offers; the service refuses anything else too, and names why. */
const NEXT: Record<WriteupState, ReadonlyArray<{ to: WriteupState; label: string }>> = {
  draft: [{ to: 'in-review', label: 'Request review' }],
  'in-review': [
    { to: 'approved', label: 'Approve' },
    { to: 'draft', label: 'Back to draft' },
  ],
  approved: [
    { to: 'published', label: 'Publish' },
    { to: 'draft', label: 'Reopen' },
  ],
  published: [{ to: 'draft', label: 'Reopen' }],
};

/**
 * The write-up's review state as a badge, and the changes it allows (folded from the timeline). Who
 * may approve is the service's check (the window does not know its actor); a refusal shows as an
 * error line with the reason.
 */
export function ReviewControls({ actions }: { actions: IncidentActions }) {
  const review = usePanelFold(foldReview, reviewOf);
  const [busy, setBusy] = useState(false);

  return (
    <div className="desk-row review" data-testid="writeup-review">
      <span className={`badge review-${review.state}`} data-testid="writeup-state" title={review.approval ? `approved by ${review.approval.approver}, sha256 ${review.approval.sha256}` : undefined}>
        Write-up: {WRITEUP_STATE_LABELS[review.state]}
      </span>
      {NEXT[review.state].map(({ to, label }) => (
        <button
          key={to}
          type="button"
          data-testid={`writeup-state-${to}`}
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void actions.writeupState(to).finally(() => setBusy(false));
          }}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
