/**
 * Supporting material: every command run, with its hosts and exit codes (and output files, when
 * the run kept them), sealed terminal recordings, and attachments.
 */
import type { Evidence } from './evidence';
import { cite, code, user, when } from './markdown';
import { commandItem, section } from './statements';

export function supporting(ev: Evidence): string | null {
  const commands = ev.commands.map(commandItem);
  const recordings = ev.recordings.map((r) => `- ${user(r.alias)}: ${code(r.file)} (${r.bytes} bytes, sha256 ${code(r.sha256)}), sealed at ${when(r.ts)} ${cite(r.seq)}`);
  const attachments = ev.details.attachments
    .filter((a) => !ev.annotations.redactions.has(a.seq))
    .map((a) => `- ${user(a.name)}: ${code(a.file)} (${a.bytes} bytes, sha256 ${code(a.sha256)})${a.caption ? `: ${user(a.caption)}` : ''}${a.ref ? `, evidence for #${a.ref}` : ''} ${cite(a.seq)}`);
  return section({ heading: 'Commands run:', items: commands }, { heading: 'Recordings:', items: recordings }, { heading: 'Attachments:', items: attachments });
}
