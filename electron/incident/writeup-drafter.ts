/**
 * The one seam to the draft builder (`draftSection` in shared/writeup/draft/, written on another
 * branch). Until that is merged, no section has a draft, so `writeup draft` fills nothing and says
 * so per section; the merge replaces the body below with a re-export and changes nothing else.
 */
import type { IncidentDetails, JournalEvent } from '../../shared/model/incident';
import type { SectionId } from '../../shared/model/writeup';

/** One section's draft from the evidence, with `#seq` citations, or null when there is none. */
export type Drafter = (section: SectionId, events: readonly JournalEvent[], opts: { details: IncidentDetails; now?: string }) => string | null;

export const draftSection: Drafter = () => null;
