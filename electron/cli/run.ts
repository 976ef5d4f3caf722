/**
 * `warroom run [--ssh-config F] [--inventory F]... [--fanout N] [--timeout S] [--collate | --json]
 * TARGET... -- COMMAND`: one exec channel per host, pdsh-style output (`host: line`), `--collate`
 * as `dshbak -c`, `--json` for machines. The exit status is the largest remote exit status, or 255
 * (as ssh) when any host could not run the command. The run (command, hosts, exit codes, each
 * host's output tail) goes on the active incident's timeline, or --incident's, and each host's whole
 * output into a file of that incident's folder, by hash.
 */
import type { Command } from 'commander';
import { IncidentStore } from '../incident/store';
import { saveRunOutputs } from '../incident/evidence-files';
import { Journal } from '../journal/journal';
import { createKnownHosts } from '../fleet/config/index';
import { resolveCliTargets } from './targets';
import { collate, failureLine, prefixLines, toJson } from '../fleet/run/format';
import { runEvent } from '../fleet/run/record';
import { runCommand } from '../fleet/run/run-service';
import { ttyAsker } from '../fleet/run/tty-prompt';
import type { HostOutput } from '../fleet/run/types';
import { RunTracker } from '../fleet/run/progress';
import { progressText, type RunCounts } from '../../shared/model/run';
import { collect, type ExitCode, type RunCommand } from './command';
import { actor, dataDir, type CliDeps } from './deps';

interface RunFlags {
  sshConfig?: string;
  inventory: string[];
  groups?: string;
  fanout: string;
  timeout?: string;
  collate?: boolean;
  json?: boolean;
  incident?: string;
  record: boolean;
}

interface RunArgs extends RunFlags {
  operands: string[];
  /** The whole command line as commander saw it: `--` is only visible there. */
  rawArgs: readonly string[];
}


/** TARGETs and COMMAND from the operands: everything after `--` is the command; without `--`, the last operand. */
export function splitOperands(operands: string[], rawArgs: readonly string[]): { targets: string[]; command: string } {
  // The first `--` ends the options; any later one belongs to the command (grep -- -x).
  const dash = rawArgs.indexOf('--');
  if (dash >= 0) {
    const after = rawArgs.slice(dash + 1);
    const targets = operands.slice(0, operands.length - after.length);
    return { targets, command: after.join(' ') };
  }
  return { targets: operands.slice(0, -1), command: operands.at(-1) ?? '' };
}

const isTty = (s: unknown): boolean => typeof s === 'object' && s !== null && 'isTTY' in s && (s as { isTTY?: boolean }).isTTY === true;

export function registerRunCommand(program: Command, run: RunCommand): void {
  program
    .command('run')
    .description('run COMMAND on every host TARGETs name, as pdsh does: warroom run web[01-03] @db -- uptime')
    .argument('<operands...>', 'TARGET... -- COMMAND')
    .option('--ssh-config <file>', 'ssh config to read (default ~/.ssh/config)')
    .option('--inventory <file>', 'Ansible inventory, INI or YAML; repeatable', collect, [])
    .option('--groups <file>', 'Warroom groups file (default: hosts groups file in the data directory)')
    .option('--fanout <n>', 'hosts at once (pdsh -f)', '32')
    .option('--timeout <seconds>', 'per-host limit for connecting and running; the command is cut off after it')
    .option('--collate', 'group hosts with identical output, as dshbak -c')
    .option('--json', 'print one JSON document with every host\'s stdout, stderr, exit code, duration and failure')
    .option('--incident <id>', 'record the run on this incident (default: the active one, if any)')
    .option('--no-record', 'do not record the run on the incident timeline')
    .action((operands: string[], o: RunFlags, cmd: Command) => {
      // Commander drops `--` from the operands; the raw argv of the root program still has it.
      let root: Command = cmd;
      while (root.parent) root = root.parent;
      const rawArgs = (root as unknown as { rawArgs?: string[] }).rawArgs ?? [];
      return run(runOnHosts, { ...o, operands, rawArgs });
    });
}

/** The exit status is the largest remote one (255 when a host could not run it), as pdsh -S. */
export async function runOnHosts({ operands, rawArgs, ...o }: RunArgs, deps: CliDeps): Promise<ExitCode> {
  const { stdout, stderr, stdin } = deps;
  if (o.collate && o.json) throw new Error('--collate and --json exclude each other');
  const fanout = Number(o.fanout);
  if (!Number.isInteger(fanout) || fanout < 1) throw new Error(`--fanout expects a positive whole number, got "${o.fanout}"`);
  const timeoutS = o.timeout === undefined ? undefined : Number(o.timeout);
  if (timeoutS !== undefined && !(timeoutS > 0)) throw new Error(`--timeout expects seconds above zero, got "${o.timeout}"`);
  const { targets, command } = splitOperands(operands, rawArgs);
  if (command.trim() === '') throw new Error('no command: warroom run TARGET... -- COMMAND');
  if (targets.length === 0) throw new Error('no target: warroom run TARGET... -- COMMAND');

  const { catalog, hosts } = resolveCliTargets(o, deps, targets);
  if (hosts.length === 0) throw new Error(`no host matches ${targets.join(' ')}`);
  // Find the incident before running, so a wrong --incident fails before anything runs.
  const store = o.record ? new IncidentStore(dataDir(deps)) : undefined;
  const incidentId = store ? (o.incident !== undefined ? await store.resolve(o.incident) : await store.activeId()) : undefined;

  const tty = isTty(stdin) && isTty(stderr) ? ttyAsker(stdin, stderr) : undefined;
  const streaming = !o.collate && !o.json;
  const outputs: HostOutput[] = [];
  // The first Ctrl-C cancels: hosts not done end as cancelled, and the run is still recorded. The
  // listener is gone after it, so a second Ctrl-C stops the process as usual.
  const abort = new AbortController();
  let finished = false;
  void deps.stopRequested().then(() => {
    if (finished || abort.signal.aborted) return;
    const left = tracker.counts.running + tracker.counts.waiting;
    write(stderr, `warroom: interrupted; cancelling the ${left} ${left === 1 ? 'host' : 'hosts'} not done\n`);
    abort.abort();
  });
  const tracker = new RunTracker(hosts.length);
  // A progress line on stderr only when it is a terminal: in pipes the output stays pdsh's, byte for byte.
  const progress = new ProgressLine(isTty(stderr) ? stderr : undefined);
  // Output lines go above the progress line: it is erased, the lines written, and it is drawn again.
  const write = (to: NodeJS.WritableStream, text: string): void => {
    if (text === '') return;
    progress.erase();
    to.write(text);
    progress.redraw();
  };
  const result = await runCommand({
    hosts,
    command,
    catalog,
    knownHosts: createKnownHosts(),
    fanout,
    // No SSH_AUTH_SOCK means no agent, whatever this process's own environment holds.
    agentSocket: deps.env.SSH_AUTH_SOCK ?? '',
    ...(timeoutS !== undefined ? { timeoutMs: timeoutS * 1000 } : {}),
    ...(tty ? { askHostKey: tty.askHostKey, askAuth: tty.askAuth } : { cannotAsk: 'there is no terminal to ask on' }),
    onOutput: (alias, stream, text) => {
      if (stream === 'stderr' && !o.json) write(stderr, prefixLines(alias, text));
      else if (streaming) write(stdout, prefixLines(alias, text));
    },
    ...(incidentId ? { onHostOutput: (out: HostOutput) => void outputs.push(out) } : {}),
    onHostStart: (alias) => progress.show(tracker.start(alias)),
    onHostDone: (r) => {
      const counts = tracker.finish(r);
      const line = o.json ? undefined : failureLine(r);
      if (line) write(stderr, line);
      progress.show(counts);
    },
    signal: abort.signal,
  });
  finished = true;
  progress.erase();
  if (o.collate) stdout.write(collate(result.hosts));
  if (o.json) stdout.write(toJson(result));
  if (store && incidentId) {
    // Output files that cannot be written (a full disk) do not cost the run its place on the timeline.
    const saved = await saveRunOutputs(store.dir(incidentId), outputs.filter((out) => out.data.length > 0)).catch((err: unknown) => {
      stderr.write(`warroom: the run is recorded with its tails only; its output files could not be written: ${err instanceof Error ? err.message : String(err)}\n`);
      return undefined;
    });
    const journal = await Journal.open(store.journalFile(incidentId));
    try {
      await journal.append(runEvent(result, actor(deps), { outputs, ...(saved ? { saved } : {}) }));
    } finally {
      await journal.close();
    }
  }
  // As a shell reports a job stopped by SIGINT; the hosts that finished are in the output and on the timeline.
  return abort.signal.aborted ? EXIT_INTERRUPTED : result.exitCode;
}

/** 128 + SIGINT. */
export const EXIT_INTERRUPTED = 130;

/** The progress line at the bottom of a terminal, redrawn in place; does nothing without a terminal. */
class ProgressLine {
  private text = '';
  constructor(private readonly tty: NodeJS.WritableStream | undefined) {}

  show(counts: RunCounts): void {
    if (!this.tty) return;
    this.text = `[warroom run] ${progressText(counts)}`;
    this.tty.write(`\r\x1b[K${this.text}`);
  }

  /** Erases the line (before other output is written); redraw() brings it back. */
  erase(): void {
    if (this.tty && this.text) this.tty.write('\r\x1b[K');
  }

  redraw(): void {
    if (this.tty && this.text) this.tty.write(this.text);
  }
}
