/**
 * `warroom postmortem schedule [ID] --at ISO-TIME [--attendees a,b,...] [--out FILE.ics]`: the
 * meeting invite, the pre-read in the incident's exports/, and a `postmortem.scheduled` event.
 */
import { Command, InvalidArgumentError } from 'commander';
import { IncidentStore } from '../incident/store';
import { loadIncidentConfig } from '../incident/config';
import { scheduleMeeting } from '../export/meeting';
import { attendeeText } from '../../shared/model/meeting';
import { visibleControls } from '../export/escape';
import { actor, dataDir, type CliDeps } from './deps';
import { EXIT_OK, type ExitCode, type RunCommand } from './command';
import { changeMeeting, type MeetingChange } from '../incident/meeting-record';
import { StepId } from '../../shared/model/agenda';
import { UserError } from '../core/errors';

export interface ScheduleArgs {
  id?: string;
  at: string;
  attendees?: string;
  out?: string;
  duration?: number;
}

export async function scheduleCommand(args: ScheduleArgs, deps: CliDeps): Promise<ExitCode> {
  const dir = dataDir(deps);
  const store = new IncidentStore(dir);
  const id = await store.resolve(args.id);
  const config = await loadIncidentConfig(dir);
  const done = await scheduleMeeting({
    dataDir: dir,
    journalFile: store.journalFile(id),
    id,
    actor: actor(deps),
    at: args.at,
    meetingWithin: config.meetingWithin,
    ...(args.attendees !== undefined ? { attendees: args.attendees } : {}),
    ...(args.out !== undefined ? { out: args.out } : {}),
    ...(args.duration !== undefined ? { durationMinutes: args.duration } : {}),
  });
  for (const w of done.warnings) deps.stderr.write(`warning: ${visibleControls(w)}\n`);
  deps.stdout.write(`${done.event.seq}\n${done.invite}\n${done.preRead.html}\n${done.preRead.pdf}\n`);
  deps.stdout.write(`invited: ${done.attendees.map((a) => visibleControls(attendeeText(a))).join(', ')}\n`);
  return EXIT_OK;
}

export interface MeetingArgs {
  id?: string;
  change: MeetingChange;
}

/** `warroom postmortem start|step|note|end|survey`: one change to the meeting; prints the event's seq. */
export async function meetingCommand(args: MeetingArgs, deps: CliDeps): Promise<ExitCode> {
  const store = new IncidentStore(dataDir(deps));
  const id = await store.resolve(args.id);
  const event = await changeMeeting({ journalFile: store.journalFile(id), actor: actor(deps) }, args.change);
  deps.stdout.write(`${event.seq}\n`);
  return EXIT_OK;
}

function rating(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 5) throw new InvalidArgumentError('a whole number from 1 (not at all) to 5 (fully)');
  return n;
}

function step(value: string): StepId {
  const parsed = StepId.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`an agenda step is one of ${StepId.options.join(', ')}`);
  return parsed.data;
}

function list(value: string): string[] {
  return value.split(',').map((a) => a.trim()).filter(Boolean);
}

function minutes(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1440) throw new InvalidArgumentError('whole minutes, 1 to 1440');
  return n;
}

export function registerPostmortemCommand(program: Command, run: RunCommand): void {
  const postmortem = program.command('postmortem').description('the post-mortem meeting');
  postmortem
    .command('schedule')
    .description("write the meeting invite (.ics) and the pre-read (the write-up as it stands, HTML and PDF) into the incident's exports/; prints the seq and the files")
    .argument('[id]', 'the incident (default: the active one)')
    .requiredOption('--at <time>', 'when, ISO 8601 with a zone: 2026-12-01T15:00:00Z')
    .option('--attendees <list>', 'comma-separated, each Name <email> or an email (default: the role holders whose names are addresses)')
    .option('--duration <minutes>', 'how long (default 60)', minutes)
    .option('--out <file.ics>', 'where to write the invite (default: exports/<id>.postmortem.ics)')
    .action((id: string | undefined, o: Omit<ScheduleArgs, 'id'>) => run(scheduleCommand, { ...(id ? { id } : {}), ...o }));

  const meeting = (id: string | undefined, change: MeetingChange) => run(meetingCommand, { ...(id ? { id } : {}), change });
  postmortem
    .command('start')
    .description('start the meeting: who attends and the write-up owner (the agenda and its timeboxes are recorded with it); prints the seq')
    .argument('[id]', 'the incident (default: the active one)')
    .requiredOption('--owner <who>', 'the write-up owner')
    .option('--attendees <list>', 'comma-separated (default: those invited by `postmortem schedule`)', list)
    .action((id: string | undefined, o: { owner: string; attendees?: string[] }) => meeting(id, { kind: 'start', owner: o.owner, ...(o.attendees ? { attendees: o.attendees } : {}) }));
  postmortem
    .command('step')
    .description('"enough, let\'s move on": record a marker and move the meeting to the next agenda step; prints the seq')
    .argument('[id]', 'the incident (default: the active one)')
    .option('--from <step>', `only if the meeting is still at this step (${StepId.options.join(', ')})`, step)
    .action((id: string | undefined, o: { from?: StepId }) => meeting(id, { kind: 'step', ...(o.from ? { from: o.from } : {}) }));
  postmortem
    .command('note')
    .description('a note taken in the meeting, tied to the current agenda step (or --step); prints the seq')
    .usage('[options] [ID] TEXT')
    .argument('<id-or-text>', 'the incident (default: the active one), then the text')
    .argument('[text]', 'the text, when an incident id comes first')
    .option('--step <step>', `the agenda step it belongs to (${StepId.options.join(', ')})`, step)
    .action((first: string, second: string | undefined, o: { step?: StepId }) => {
      const [id, text] = second === undefined ? [undefined, first] : [first, second];
      return meeting(id, { kind: 'note', text, ...(o.step ? { step: o.step } : {}) });
    });
  postmortem
    .command('end')
    .description('end the meeting; prints the seq')
    .argument('[id]', 'the incident (default: the active one)')
    .action((id: string | undefined) => meeting(id, { kind: 'end' }));
  postmortem
    .command('survey')
    .description('your answers to the short survey after the meeting, each rating 1 (not at all) to 5 (fully); prints the seq')
    .argument('[id]', 'the incident (default: the active one)')
    .requiredOption('--blameless <1-5>', 'was the meeting blameless?', rating)
    .requiredOption('--factors <1-5>', 'did we find the real contributing factors?', rating)
    .requiredOption('--confidence <1-5>', 'confidence that the actions prevent a recurrence', rating)
    .option('--comment <text>', 'a sentence')
    .action((id: string | undefined, o: { blameless: number; factors: number; confidence: number; comment?: string }) => {
      if (o.comment !== undefined && o.comment.length > 2000) throw new UserError(`--comment: at most 2000 characters (this one has ${o.comment.length})`);
      return meeting(id, { kind: 'survey', blameless: o.blameless, factors: o.factors, confidence: o.confidence, ...(o.comment ? { comment: o.comment } : {}) });
    });
}
