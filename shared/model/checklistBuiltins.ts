/**
 * The built-in checklists, written as a team writes its own in `incidents.yaml` (plain data, checked
 * against the same schema by a test). Respond follows PagerDuty's "during an incident" and Google
 * SRE's practice; Write-up and Post-mortem follow PagerDuty's post-mortem process and Google SRE's
 * post-mortem culture (owner named, the story marked on the timeline, impact, actions with owners,
 * a meeting, approval by someone who did not write it).
 */
import type { ChecklistDef } from './checklist';

export const RESPOND_CHECKLIST: ChecklistDef = {
  id: 'respond',
  title: 'Respond',
  items: [
    {
      id: 'declare',
      label: 'Declare the incident and set a severity',
      rule: { event: 'incident.declared' },
    },
    {
      id: 'commander',
      label: 'Name the incident commander',
      help: 'Ticks when the commander role is assigned (the declarer is commander until someone is named).',
      due: { SEV1: '5m', SEV2: '10m', SEV3: '30m', SEV4: '1h' },
      rule: { event: 'role.assigned', where: { role: 'commander' } },
    },
    {
      id: 'scope',
      label: 'Establish the blast radius: which hosts and services are affected',
      help: 'Ticks on a broadcast or run on more than one host, or on a marker put on the timeline.',
      due: { SEV1: '15m', SEV2: '30m', SEV3: '1h', SEV4: '4h' },
      rule: {
        any: [
          { event: 'command.broadcast', where: { hosts: { minLength: 2 } } },
          { event: 'command.run', where: { results: { minLength: 2 } } },
          { event: 'marker', where: { on: true } },
        ],
      },
    },
    {
      id: 'comms',
      label: 'Tell stakeholders what is known and when the next update is due',
      help: 'Ticks on a note that names the next update, e.g. "Told #status: checkout errors on web-02. Next update 03:30 UTC."',
      due: { SEV1: '15m', SEV2: '30m', SEV3: '2h', SEV4: '1d' },
      rule: { event: 'note', where: { text: { matches: '\\bnext update\\b' } } },
    },
    {
      id: 'stabilize',
      label: 'Mitigate first: stop the bleeding before finding the root cause',
      help: 'Ticks when the mitigated milestone is set.',
      due: { SEV1: '1h', SEV2: '2h', SEV3: '1d' },
      rule: { event: 'milestone', where: { milestone: 'mitigated' } },
    },
    {
      id: 'verify',
      label: 'Verify recovery on every affected host',
      help: 'Ticks when every host that failed a check before the mitigation passes the same check after it.',
      due: { SEV1: '2h', SEV2: '4h', SEV3: '1d' },
      rule: { computed: 'verify-recovery' },
    },
  ],
};

export const WRITEUP_CHECKLIST: ChecklistDef = {
  id: 'writeup',
  title: 'Write-up',
  items: [
    {
      id: 'owner',
      label: 'Name the write-up owner',
      rule: { manual: 'no event names a write-up owner yet; tick it by hand' },
      due: { SEV1: '1d', SEV2: '1d', SEV3: '3d' },
    },
    { id: 'detection', label: 'Mark the detection on the timeline', rule: { event: 'marker', where: { marker: 'detection', on: true } } },
    { id: 'diagnosis', label: 'Mark the diagnosis on the timeline', rule: { event: 'marker', where: { marker: 'diagnosis', on: true } } },
    { id: 'repair', label: 'Mark the repair on the timeline', rule: { event: 'marker', where: { marker: 'repair', on: true } } },
    {
      id: 'milestones',
      label: 'Set detected, mitigated and resolved, in order',
      rule: { computed: 'milestones-in-order' },
      due: { SEV1: '2d', SEV2: '3d', SEV3: '5d' },
    },
    {
      id: 'summary',
      label: 'Write the summary',
      rule: { event: 'writeup.saved', where: { section: 'summary', text: { minLength: 1 } } },
      due: { SEV1: '3d', SEV2: '5d', SEV3: '1w' },
    },
    {
      id: 'impact',
      label: 'State the impact, in numbers',
      rule: { event: 'writeup.saved', where: { section: 'impact', text: { minLength: 1 } } },
      due: { SEV1: '3d', SEV2: '5d', SEV3: '1w' },
    },
    {
      id: 'factors',
      label: 'Write the contributing factors',
      rule: { event: 'writeup.saved', where: { section: 'factors', text: { minLength: 1 } } },
      due: { SEV1: '3d', SEV2: '5d', SEV3: '1w' },
    },
    {
      id: 'actions',
      label: 'Record action items with owners and due dates',
      rule: { event: 'action.created' },
      due: { SEV1: '3d', SEV2: '5d', SEV3: '1w' },
    },
    {
      id: 'blameless',
      label: 'Run the blameless lint and fix or waive every finding',
      rule: { manual: 'the lint records only waivers, not a clean run; tick it once `warroom writeup lint` passes' },
    },
  ],
};

export const POSTMORTEM_CHECKLIST: ChecklistDef = {
  id: 'postmortem',
  title: 'Post-mortem',
  items: [
    {
      id: 'resolved',
      label: 'Resolve the incident',
      rule: { any: [{ event: 'milestone', where: { milestone: 'resolved' } }, { event: 'incident.status', where: { to: 'resolved' } }] },
    },
    {
      id: 'meeting',
      label: 'Schedule the post-mortem meeting',
      help: 'Ticks when `warroom postmortem schedule` records the meeting.',
      rule: { event: 'postmortem.scheduled' },
      due: { SEV1: '3d', SEV2: '5d', SEV3: '2w' },
    },
    {
      id: 'held',
      label: 'Hold the meeting with the commander and the owner present',
      help: 'Ticks when a meeting (`warroom postmortem start` … `end`, or the Post-mortem view) ends whose attendees include the incident commander and the write-up owner.',
      rule: { computed: 'meeting-held' },
      due: { SEV1: '3d', SEV2: '1w', SEV3: '2w' },
    },
    {
      id: 'tickets',
      label: 'Every action item has a ticket',
      rule: { computed: 'actions-ticketed' },
      due: { SEV1: '1w', SEV2: '2w', SEV3: '2w' },
    },
    {
      id: 'actions-complete',
      label: 'Complete every action item (done, verified, or not doing with a reason)',
      rule: { computed: 'actions-complete' },
    },
    {
      id: 'approved',
      label: 'Approved by someone who did not write it',
      help: 'Ticks on the approval (`warroom writeup state approved`), which refuses an author of the write-up; unticks when the write-up is reopened.',
      rule: { computed: 'writeup-approved' },
      due: { SEV1: '1w', SEV2: '2w', SEV3: '2w' },
    },
    {
      id: 'published',
      label: 'Publish the post-mortem',
      help: 'Ticks when the approved write-up is published (exactly the approved bytes); unticks when it is reopened. `warroom verify ID --export FILE` checks a copy.',
      rule: { computed: 'writeup-published' },
    },
  ],
};

export const BUILT_IN_CHECKLISTS: readonly ChecklistDef[] = [RESPOND_CHECKLIST, WRITEUP_CHECKLIST, POSTMORTEM_CHECKLIST];
