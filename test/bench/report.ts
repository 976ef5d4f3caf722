/**
 * What every benchmark part produces (rows compared against a baseline measured in the same run, or
 * against a target), and how the rows are printed and saved.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Row {
  name: string;
  value: number;
  unit: string;
  /** What the value is compared with: another tool measured in the same run, or 'target'. */
  baseline: string;
  baselineValue: number;
  /** value / baselineValue; NaN when there is no baseline (written as null). */
  ratio: number;
}

/** A target line: passes when `ratio` (or the value, for absolute targets) is within the limit. */
export interface Verdict {
  what: string;
  met: boolean | 'not measured';
  detail: string;
}

export interface PartResult {
  rows: Row[];
  verdicts: Verdict[];
  /** Findings that explain a missed target or a limit, printed under the table. */
  notes: string[];
}

export function row(name: string, value: number, unit: string, baseline: string, baselineValue: number): Row {
  const ratio = baselineValue > 0 && Number.isFinite(baselineValue) ? value / baselineValue : Number.NaN;
  return { name, value, unit, baseline, baselineValue, ratio };
}

/** A row with nothing to compare against (e.g. the anchor's own figure, or an informational one). */
export function info(name: string, value: number, unit: string): Row {
  return { name, value, unit, baseline: '-', baselineValue: Number.NaN, ratio: Number.NaN };
}

function num(v: number): string {
  if (!Number.isFinite(v)) return '-';
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

export function markdownTable(rows: readonly Row[]): string {
  const lines = ['| Benchmark | Value | Baseline | Baseline value | Ratio |', '| --- | ---: | --- | ---: | ---: |'];
  for (const r of rows) {
    const ratio = Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : '-';
    lines.push(`| ${r.name} | ${num(r.value)} ${r.unit} | ${r.baseline} | ${Number.isFinite(r.baselineValue) ? `${num(r.baselineValue)} ${r.unit}` : '-'} | ${ratio} |`);
  }
  return lines.join('\n');
}

export function verdictLines(verdicts: readonly Verdict[]): string {
  return verdicts
    .map((v) => `- ${v.met === true ? 'MET' : v.met === false ? 'MISSED' : 'NOT MEASURED'}: ${v.what} (${v.detail})`)
    .join('\n');
}

export function machine(): string {
  let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) cpu = line.split(':')[1]?.trim() ?? cpu;
  } catch {
    /* not Linux: os.cpus() it is */
  }
  const gib = (os.totalmem() / 2 ** 30).toFixed(1);
  return `${os.availableParallelism()} CPUs (nproc), ${cpu}, ${gib} GiB RAM, Linux ${os.release()}, Node ${process.versions.node}`;
}

/**
 * Writes rows as {name, value, unit, baseline, baselineValue, ratio}; JSON has no NaN, so a missing
 * baseline is null. Each row also names its part: a run of some parts replaces only those parts'
 * rows, so `bench latency` refreshes latency and keeps the rest.
 */
export function writeResults(file: string, rows: ReadonlyMap<string, readonly Row[]>, verdicts: Record<string, Verdict[]>): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const clean = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : null);
  let old: { rows?: Array<{ part?: string }>; targets?: Record<string, Verdict[]> } = {};
  try {
    old = JSON.parse(readFileSync(file, 'utf8')) as typeof old;
  } catch {
    /* first run */
  }
  const out = {
    machine: machine(),
    date: new Date().toISOString(),
    rows: [
      ...(old.rows ?? []).filter((r) => r.part !== undefined && !rows.has(r.part)),
      ...[...rows].flatMap(([part, list]) =>
        list.map((r) => ({ ...r, value: clean(r.value), baselineValue: clean(r.baselineValue), ratio: clean(r.ratio), part })),
      ),
    ],
    targets: { ...(old.targets ?? {}), ...verdicts },
  };
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  // Nearest-rank: p99 of 400 samples is the 396th, a sample that happened.
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Fails a step that hangs instead of letting the whole benchmark hang. */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms / 1000}s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
