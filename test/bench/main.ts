/**
 * `npm run bench` (or `node dist/bench/main.cjs [journal] [memory] [latency] [run] [config] [lint] [writeup] [editor] [screens] [flood] [window] [timeline]`): runs the
 * selected parts (default all), prints a Markdown table with ratios and the target lines, and writes
 * test/bench/results/latest.json. Not a vitest suite: speed is measured here, never asserted in tests.
 *
 * The same bundle also serves as the child processes the memory part measures (`__child ...`), so a
 * client's memory is never mixed with the servers' or the benchmark's own.
 */
import path from 'node:path';
import { configBench } from './config';
import { journalBench } from './journal';
import { memoryBench } from './memory';
import { latencyBench } from './latency';
import { floodBench } from './flood';
import { runBench } from './run';
import { lintBench } from './lint';
import { writeupBench } from './writeup';
import { editorBench } from './editor';
import { screensBench } from './screens';
import { windowBench } from './window';
import { timelineBench } from './timeline';
import { runChild } from './children';
import { machine, markdownTable, verdictLines, writeResults, type PartResult, type Row, type Verdict } from './report';

const PARTS: Record<string, (log: (line: string) => void) => Promise<PartResult>> = {
  journal: journalBench,
  memory: memoryBench,
  latency: latencyBench,
  flood: floodBench,
  run: runBench,
  config: configBench,
  lint: lintBench,
  writeup: writeupBench,
  editor: editorBench,
  screens: screensBench,
  window: windowBench,
  timeline: timelineBench,
};

async function main(argv: string[]): Promise<number> {
  if (argv[0] === '__child') return runChild(argv.slice(1));
  const unknown = argv.filter((a) => !(a in PARTS));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown part ${unknown.join(', ')}; choose from ${Object.keys(PARTS).join(', ')}\n`);
    return 2;
  }
  const chosen = argv.length > 0 ? Object.keys(PARTS).filter((p) => argv.includes(p)) : Object.keys(PARTS);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const rows: Row[] = [];
  const verdicts: Verdict[] = [];
  const byPart: Record<string, Verdict[]> = {};
  const rowsByPart = new Map<string, Row[]>();
  const notes: string[] = [];
  let failed = false;
  for (const name of chosen) {
    const part = PARTS[name] as (typeof PARTS)[string];
    log(`== ${name}`);
    const started = Date.now();
    try {
      const result = await part(log);
      rows.push(...result.rows);
      verdicts.push(...result.verdicts);
      byPart[name] = result.verdicts;
      rowsByPart.set(name, result.rows);
      notes.push(...result.notes);
    } catch (e) {
      failed = true;
      const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
      log(`${name} failed: ${message}`);
      const v: Verdict = { what: `${name} benchmark`, met: 'not measured', detail: `failed: ${e instanceof Error ? e.message : String(e)}` };
      verdicts.push(v);
      byPart[name] = [v];
      rowsByPart.set(name, []);
    }
    log(`== ${name} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const out = [
    `Machine: ${machine()}`,
    '',
    markdownTable(rows),
    '',
    'Targets:',
    verdictLines(verdicts),
    ...(notes.length > 0 ? ['', 'Notes:', ...notes.map((n) => `- ${n}`)] : []),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  const file = path.resolve('test/bench/results/latest.json');
  writeResults(file, rowsByPart, byPart);
  process.stderr.write(`wrote ${file}\n`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
