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
}
