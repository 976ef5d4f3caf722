/** `warroom incident mark|pin|edit|redact`: working on recorded events, by seq. Each prints the new event's seq. */
import { Command, InvalidArgumentError } from 'commander';
import { MarkerKind } from '../../shared/model/incident';
import { IncidentStore } from '../incident/store';
import { changeIncident } from '../incident/session';
import * as act from '../incident/actions';
import type { CliDeps } from './deps';

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

export function registerEvidenceCommands(incident: Command, deps: CliDeps): void {
  const run = async (id: string | undefined, draft: Parameters<typeof changeIncident>[2]) => {
    const store = new IncidentStore(deps.dataDir());
    const e = await changeIncident(store, await store.resolve(id), draft);
    deps.stdout.write(`${e.seq}\n`);
  };

  incident
    .command('mark')
    .description(`mark an event: ${MarkerKind.options.join(', ')}`)
    .argument('<seq>', 'the event', seq)
    .argument('<marker>', MarkerKind.options.join(' | '), marker)
    .option('--off', 'remove the marker')
    .option('--incident <id>', 'the incident (default: the active one)')
    .action((ref: number, kind: MarkerKind, o: { off?: boolean; incident?: string }) =>
      run(o.incident, ({ journal }) => act.markerDraft(journal.events, ref, kind, !o.off, deps.actor())),
    );

  incident
    .command('pin')
    .description('pin an event (it leads the write-up\'s key moments)')
    .argument('<seq>', 'the event', seq)
    .option('--off', 'unpin')
    .option('--incident <id>', 'the incident (default: the active one)')
    .action((ref: number, o: { off?: boolean; incident?: string }) => run(o.incident, ({ journal }) => act.pinDraft(journal.events, ref, !o.off, deps.actor())));

  incident
    .command('edit')
    .description('correct a note; the original stays in the journal')
    .argument('<seq>', 'the note', seq)
    .argument('<text...>', 'the corrected text')
    .option('--reason <text>', 'why')
    .option('--incident <id>', 'the incident (default: the active one)')
    .action((ref: number, words: string[], o: { reason?: string; incident?: string }) =>
      run(o.incident, ({ journal, state }) => act.editDraft(journal.events, state, ref, words.join(' '), deps.actor(), o.reason)),
    );

  incident
    .command('redact')
    .description('hide an event\'s content in views and exports (the journal keeps it: the chain needs it)')
    .argument('<seq>', 'the event', seq)
    .requiredOption('--reason <text>', 'why')
    .option('--incident <id>', 'the incident (default: the active one)')
    .action((ref: number, o: { reason: string; incident?: string }) =>
      run(o.incident, ({ journal, state }) => act.redactDraft(journal.events, state, ref, o.reason, deps.actor())),
    );
}
