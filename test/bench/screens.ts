/**
 * Screens at scale: grouping the output of one line on 64 hosts, and searching 64 scrollbacks of
 * 10,000 lines each, against their 100 ms and 200 ms targets.
 */
import { performance } from 'node:perf_hooks';
import { groupOutputs, type HostOutput } from '../../electron/app/screens/group';
import { ScreenLinesCache, searchScrollbacks } from '../../electron/app/screens/search';
import { info, row, type PartResult } from './report';

const HOSTS = 64;
const LINES = 10_000;
const RUNS = 7;

function median(run: () => void): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

export async function screensBench(log: (line: string) => void): Promise<PartResult> {
  const name = (i: number) => `web-${String(i).padStart(2, '0')}`;
  // `df -h`-like output of 40 lines naming the host, three hosts differing.
  const outputs: HostOutput[] = Array.from({ length: HOSTS }, (_, i) => ({
    sessionId: `s${i}`,
    host: name(i),
    names: [`10.0.0.${i + 1}`],
    output: Array.from({ length: 40 }, (__, l) => `/dev/vda${l} 40G ${i % 21 === 5 && l === 3 ? '40G 100%' : '12G 30%'} /srv/${name(i)}/${l}`).join('\n'),
  }));
  const group = median(() => groupOutputs(outputs, { loose: true }));
  const sources = Array.from({ length: HOSTS }, (_, i) => ({
    sessionId: `s${i}`,
    host: name(i),
    text: Array.from({ length: LINES }, (__, l) => `\x1b[32m${name(i)}\x1b[0m request ${l} served in ${(l * 7) % 997} ms${l === 9_000 && i === 2 ? ' ERROR timeout' : ''}\r\n`).join(''),
  }));
  const mode = { regex: true, wholeWord: false, caseSensitive: false };
  const query = 'error\\s+time\\w+';
  // Cold: every scrollback is cooked into screen lines first, as on the first search after output.
  const cold = median(() => {
    const cache = new ScreenLinesCache();
    searchScrollbacks(sources.map((s) => ({ ...s, lines: cache.lines(s.sessionId, s.text) })), query, mode);
  });
  const cache = new ScreenLinesCache();
  const search = median(() => searchScrollbacks(sources.map((s) => ({ ...s, lines: cache.lines(s.sessionId, s.text) })), query, mode));
  log(`grouping ${HOSTS} hosts: median ${group.toFixed(1)} ms; search ${HOSTS} × ${LINES} lines: median ${search.toFixed(1)} ms (${cold.toFixed(1)} ms cooking every scrollback first)`);
  return {
    rows: [
      row(`group one line's output on ${HOSTS} hosts (median of ${RUNS})`, group, 'ms', 'target', 100),
      row(`search ${HOSTS} × ${LINES.toLocaleString('en-US')} scrollback lines (median of ${RUNS})`, search, 'ms', 'target', 200),
      info(`the same search with every scrollback changed since the last one (cooking included)`, cold, 'ms'),
    ],
    verdicts: [
      { what: `grouping ${HOSTS} hosts under 100 ms`, met: group <= 100, detail: `median ${group.toFixed(1)} ms` },
      { what: `search over ${HOSTS} × ${LINES.toLocaleString('en-US')} lines under 200 ms`, met: search <= 200, detail: `median ${search.toFixed(1)} ms` },
    ],
    notes: [],
  };
}
