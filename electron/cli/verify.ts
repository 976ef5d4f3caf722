import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { verifyExport } from '../export/verify-export';
import { verifyPublished } from '../export/approved';
import { foldReview } from '../../shared/model/review';
import { verifyJournal, type VerifyResult } from '../journal/verify';
import { IncidentStore } from '../incident/store';
import { checkVouchedFiles, vouchedFiles } from '../incident/evidence-files';
import { UserError } from '../core/errors';
import { dataDir, type CliDeps } from './deps';
import { EXIT_OK, type ExitCode, type RunCommand } from './command';

/** Exit status when the chain does not hold (1 is for usage and other errors). */
export const EXIT_CHAIN_BROKEN = 2;

interface VerifyArgs {
  id: string | undefined;
  all?: boolean;
  export?: string;
  json?: boolean;
}

export function registerVerifyCommand(program: Command, run: RunCommand): void {
  program
    .command('verify')
    .description("check an incident's journal: event count, whether the hash chain holds, and whether the run outputs and recordings it seals match their hashes (exit 0 if all do, 2 if not)")
    .argument('[id]', 'the incident id')
    .option('--all', 'check every incident')
    .option('--export <file>', 'check a JSON export (warroom export --format json) instead of a journal; with an incident id, check that a write-up file is the approved one, byte for byte')
    .option('--json', 'print the result as JSON')
    .action((id: string | undefined, o: Omit<VerifyArgs, 'id'>) => run(verify, { id, ...o }));
}

async function verify({ id, ...o }: VerifyArgs, deps: CliDeps): Promise<ExitCode> {
  if (o.export) {
    const file = o.export;
    const bytes = await readFile(file).catch((err: unknown) => {
      throw new UserError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
    });
    // A JSON export carries its own chain; any other file named with an incident is a write-up to match against its approval.
    if (id && !bytes.toString('utf8').trimStart().startsWith('{')) return verifyApproved(id, file, bytes, o.json === true, deps);
    const text = bytes.toString('utf8');
    const r = verifyExport(text);
    if (o.json) deps.stdout.write(`${JSON.stringify({ file, ...r })}\n`);
    else if (r.ok) deps.stdout.write(`${file}: ${r.count} events, chain OK (head ${r.head})${r.unchecked.length ? `; content of redacted #${r.unchecked.join(', #')} not checkable` : ''}\n`);
    else deps.stdout.write(`${file}: chain BROKEN: ${r.count} events verify, then ${r.error}\n`);
    return r.ok ? EXIT_OK : EXIT_CHAIN_BROKEN;
  }
  const store = new IncidentStore(dataDir(deps));
  if (!id && !o.all) throw new UserError('which incident? give its id, --all, or --export FILE');
  const ids = o.all ? await store.ids() : [id as string];
  const results: Array<{ id: string; file: string; files?: number; fileProblems?: string[] } & VerifyResult> = [];
  for (const one of ids) {
    const file = store.journalFile(one);
    if (!(await store.exists(one))) throw new UserError(`no incident ${one} (looked for ${file})`);
    const chain = await verifyJournal(file);
    if (!chain.ok) {
      results.push({ id: one, file, ...chain });
      continue;
    }
    // The chain holds, so the hashes it carries for run outputs and recordings can be trusted.
    const vouched = vouchedFiles((await store.read(one)).events);
    const fileProblems = await checkVouchedFiles(store.dir(one), vouched);
    results.push({ id: one, file, ...chain, ok: fileProblems.length === 0, files: vouched.length, ...(fileProblems.length ? { fileProblems } : {}) });
  }
  if (o.json) deps.stdout.write(`${JSON.stringify(o.all ? results : results[0])}\n`);
  else {
    for (const r of results) {
      const files = r.files ? `, ${r.files} file${r.files === 1 ? '' : 's'}` : '';
      if (r.ok) deps.stdout.write(`${r.id}: ${r.count} events, chain OK (head ${r.head})${files ? `${files} OK` : ''}\n`);
      else if (r.fileProblems) {
        deps.stdout.write(`${r.id}: ${r.count} events, chain OK (head ${r.head}); FILES BROKEN: ${r.fileProblems.length} of ${r.files} do not match the journal\n`);
        for (const p of r.fileProblems) deps.stdout.write(`  ${p}\n`);
      } else deps.stdout.write(`${r.id}: chain BROKEN: ${r.count} events verify, then ${r.error}\n`);
    }
    if (o.all && results.length === 0) deps.stdout.write('no incidents\n');
  }
  return results.some((r) => !r.ok) ? EXIT_CHAIN_BROKEN : EXIT_OK;
}

/** Exit status when a file is not the approved write-up. */
export const EXIT_NOT_APPROVED = 3;

async function verifyApproved(id: string, file: string, bytes: Buffer, json: boolean, deps: CliDeps): Promise<ExitCode> {
  const store = new IncidentStore(dataDir(deps));
  const { events } = await store.read(await store.resolve(id));
  const r = verifyPublished(bytes, id, foldReview(events));
  if (json) deps.stdout.write(`${JSON.stringify({ file, ...r })}\n`);
  else if (r.ok && r.approval) deps.stdout.write(`${file}: the approved write-up of ${id}, byte for byte (approved by ${r.approval.approver} at #${r.approval.seq}, sha256 ${r.approval.sha256}, journal head ${r.approval.head})\n`);
  else deps.stdout.write(`${file}: ${r.error ?? 'not the approved write-up'}\n`);
  return r.ok ? EXIT_OK : EXIT_NOT_APPROVED;
}
