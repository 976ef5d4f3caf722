/** `warroom incident mark|pin|edit|redact`: working on recorded events, by seq. Each prints the new event's seq. */
import { Command, InvalidArgumentError } from 'commander';
import { MarkerKind } from '../../shared/model/incident';
import * as act from '../incident/actions';
import type { RunCommand } from './command';
import { changeCommand, type ChangeArgs } from './incident-change';

function seq(value: string): number {
  const n = Number(value.replace(/^#/, ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('an event seq is a positive whole number (as printed by log, or #N in the timeline)');
  return n;
}

function marker(value: string): MarkerKind {
  const parsed = MarkerKind.safeParse(value.toLowerCase());
  if (!parsed.success) throw new InvalidArgumentError(`a marker is one of ${MarkerKind.options.join(', ')}`);
  return parsed.data;
}

export function registerEvidenceCommands(incident: Command, run: RunCommand): void {
  const change = (id: string | undefined, draft: ChangeArgs['draft']) => run(changeCommand, { incident: id, draft });

  incident
    .command('mark')
    .description(`mark an event: ${MarkerKind.options.join(', ')}`)
    .argument('<seq>', 'the event', seq)
    .argument('<marker>', MarkerKind.options.join(' | '), marker)
    .option('--off', 'remove the marker')
    .option('--incident <id>', 'the incident (default: the active one)')
    .action((ref: number, kind: MarkerKind, o: { off?: boolean; incident?: string }) =>
      change(o.incident, ({ journal }, who) => act.markerDraft(journal.events, ref, kind, !o.off, who)),
    );

  incident
    .command('pin')
    .description('pin an event (it leads the write-up\'s key moments)')
    .argument('<seq>', 'the event', seq)
    .option('--off', 'unpin')
    .option('--incident <id>', 'the incident (default: the active one)')
    .action((ref: number, o: { off?: boolean; incident?: string }) => change(o.incident, ({ journal }, who) => act.pinDraft(journal.events, ref, !o.off, who)));

  incident
    .command('edit')
    .description('correct a note; the original stays in the journal')
    .argument('<seq>', 'the note', seq)
    .argument('<text...>', 'the corrected text')
    .option('--reason <text>', 'why')
    .option('--incident <id>', 'the incident (default: the active one)')
    .action((ref: number, words: string[], o: { reason?: string; incident?: string }) =>
      change(o.incident, ({ journal, state }, who) => act.editDraft(journal.events, state, ref, words.join(' '), who, o.reason)),
    );

  incident
    .command('redact')
    .description('hide an event\'s content in views and exports (the journal keeps it: the chain needs it)')
    .argument('<seq>', 'the event', seq)
    .requiredOption('--reason <text>', 'why')
    .option('--incident <id>', 'the incident (default: the active one)')
    .action((ref: number, o: { reason: string; incident?: string }) =>
      change(o.incident, ({ journal, state }, who) => act.redactDraft(journal.events, state, ref, o.reason, who)),
    );
}
