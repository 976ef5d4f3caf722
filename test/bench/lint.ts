/**
 * The blameless lint: precision and recall on the labelled corpus, and the time to lint a
 * 10,000-word write-up (every section, through lintJournal as the CLI and the window call it)
 * against its 200 ms target.
 */
import { performance } from 'node:perf_hooks';
import type { JournalEvent } from '../../shared/model/incident';
import { SectionId } from '../../shared/model/writeup';
import { lintJournal } from '../../shared/writeup/lint/journal';
import { loadCorpus, scoreCorpus } from '../shared/writeup/lint/corpus';
import { info, row, type PartResult } from './report';

const WORDS = 10_000;
const TARGET_MS = 200;
const RUNS = 9;

export async function lintBench(log: (line: string) => void): Promise<PartResult> {
  const corpus = loadCorpus();
  const score = scoreCorpus(corpus);
  log(`corpus: precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)} on ${corpus.sentences.length} sentences`);

  const events = writeup(corpus.sentences.map((s) => s.text), corpus.people);
  // Warm up: the parsers' first runs are two to five times slower until the JIT has compiled them.
  for (let i = 0; i < 3; i++) lintJournal(events);
  const times: number[] = [];
  const cpu: number[] = [];
  let findings = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    findings = lintJournal(events).findings.length;
    const c = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  // CPU time shows the lint's own cost when other processes share the cores and stretch the wall time.
  const medianCpu = cpu[Math.floor(cpu.length / 2)] ?? Number.NaN;
  const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
  const worst = times.at(-1) ?? Number.NaN;
  log(`lint of a ${WORDS}-word write-up: median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms over ${RUNS} runs, ${findings} findings`);
  return {
    rows: [
      row(`lint a ${WORDS.toLocaleString('en-US')}-word write-up (median of ${RUNS})`, median, 'ms', 'target', TARGET_MS),
      info(`lint a ${WORDS.toLocaleString('en-US')}-word write-up, CPU time (user + sys, median)`, medianCpu, 'ms'),
      info('lint corpus precision', score.precision, ''),
      info('lint corpus recall', score.recall, ''),
    ],
    verdicts: [{ what: `blameless lint of a ${WORDS.toLocaleString('en-US')}-word write-up under ${TARGET_MS} ms`, met: median <= TARGET_MS, detail: `median ${median.toFixed(1)} ms wall (${medianCpu.toFixed(1)} ms CPU), worst ${worst.toFixed(1)} ms` }],
    notes: [`blameless lint corpus: precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)} (${corpus.sentences.length} sentences, ${score.falsePositives} false positives, ${score.falseNegatives} misses)`],
  };
}

/** Every section filled with corpus sentences, cycled, until the write-up holds WORDS words. */
function writeup(sentences: string[], people: string[]): JournalEvent[] {
  const base = { ts: '2026-11-25T10:00:00.000Z', prev: '0'.repeat(64), hash: '1'.repeat(64) };
  const sections = SectionId.options;
  const texts = new Map<string, string[]>(sections.map((s) => [s, []]));
  let words = 0;
  for (let i = 0; words < WORDS; i++) {
    const sentence = sentences[i % sentences.length] ?? '';
    const section = sections[Math.floor(i / 8) % sections.length] ?? 'summary';
    const lines = texts.get(section) ?? [];
    lines.push(section === 'actions' || section === 'timeline' ? `- ${sentence}` : sentence);
    texts.set(section, lines);
    words += sentence.split(/\s+/).length;
  }
  const events: JournalEvent[] = [
    { ...base, seq: 1, type: 'incident.declared', actor: people[0] ?? 'alice', data: { id: 'bench', title: 'Bench', severity: 'SEV2', commander: people[0] ?? 'alice' } },
  ];
  for (const p of people.slice(1)) events.push({ ...base, seq: events.length + 1, type: 'role.assigned', actor: people[0] ?? 'alice', data: { role: 'sme', to: p } });
  for (const [section, lines] of texts) {
    events.push({ ...base, seq: events.length + 1, type: 'writeup.saved', actor: 'alice', data: { section, text: lines.join(section === 'actions' || section === 'timeline' ? '\n' : ' '), base: null, origin: 'person' } });
  }
  return events;
}
