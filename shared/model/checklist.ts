export interface ChecklistItem {
  readonly id: string;
  readonly label: string;
}

export interface Checklist {
  readonly id: string;
  readonly title: string;
  readonly items: readonly ChecklistItem[];
}

/** The first minutes of a response, after PagerDuty's "during an incident" and Google SRE's practice. */
export const RESPOND_CHECKLIST: Checklist = {
  id: 'respond',
  title: 'Respond',
  items: [
    { id: 'declare', label: 'Declare the incident and set a severity' },
    { id: 'commander', label: 'Name the incident commander' },
    { id: 'scope', label: 'Establish the blast radius: which hosts and services are affected' },
    { id: 'comms', label: 'Tell stakeholders what is known and when the next update is due' },
    { id: 'stabilize', label: 'Mitigate first: stop the bleeding before finding the root cause' },
    { id: 'verify', label: 'Verify recovery on every affected host' },
  ],
};

export const CHECKLISTS: readonly Checklist[] = [RESPOND_CHECKLIST];

export function findChecklistItem(checklistId: string, itemId: string): ChecklistItem | undefined {
  return CHECKLISTS.find((c) => c.id === checklistId)?.items.find((i) => i.id === itemId);
}
