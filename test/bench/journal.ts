/**
 * Journal benchmarks (#4 §6): durable events per second with group commit, time to open (replay
 * and verify) a 100,000-event incident, and time to export it as JSON and Markdown. Real files in
 * a temp dir on the same disk the suite uses.
 */
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Journal } from '../../electron/journal/journal';
import { foldIncident } from '../../electron/incident/fold';
import { checkpointFile } from '../../electron/journal/checkpoint';
import { IncidentStore, settleReads } from '../../electron/incident/store';
import { IncidentService } from '../../electron/incident/service';
import { incidentExporter } from '../../electron/export/incident-exporter';
import { journalFile } from '../../electron/core/data-layout';
import { renderJson } from '../../electron/export/json';
import { renderMarkdown } from '../../electron/export/markdown';
import type { EventDraft } from '../../shared/model/incident';
import { info, median, row, type PartResult } from './report';

const EVENTS = 100_000;
/** The window's first timeline page (renderer/app/timelinePages.ts FIRST_PAGE). */
const FIRST_PAGE = 1000;
/** Appends in flight at once: many writers (terminals, the CLI) feeding one journal. */
const WINDOW = 256;

function draft(i: number): EventDraft {
  return i % 3 === 0
    ? { type: 'command.broadcast', actor: 'bench', data: { line: `systemctl status nginx # ${i}`, hosts: ['web-1', 'web-2', 'web-3'] } }
    : { type: 'note', actor: 'bench', data: { text: `observation ${i}: p99 latency 870 ms on the checkout path` } };
}

export async function journalBench(log: (line: string) => void = () => undefined): Promise<PartResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'warroom-bench-journal-'));
  try {
    // Where the app keeps an incident, so the CLI's read path (IncidentStore.read) can open it too.
    const file = journalFile(dir, 'BENCH-1');
    const journal = await Journal.open(file, { create: true });
    await journal.append({ type: 'incident.declared', actor: 'bench', data: { id: 'BENCH-1', title: 'bench', severity: 'SEV3', commander: 'bench' } });

    // Durable throughput: each append resolves only after fsync; WINDOW of them in flight.
    let next = 1;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: WINDOW }, async () => {
        while (next < EVENTS) await journal.append(draft(next++));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await journal.close();
    const perSecond = (EVENTS - 1) / seconds;
    log(`journal: ${EVENTS} durable appends in ${seconds.toFixed(2)} s`);

    // The journal wrote a checkpoint as it grew and at close (checkpoint.ts): opens start from it,
    // alternated with opens that must verify everything (the checkpoint moved aside).
    const opens: number[] = [];
    // CPU time beside wall time: on a shared 2-core machine the wall time mostly measures the others.
    const openCpu: number[] = [];
    const fullOpens: number[] = [];
    const fullCpu: number[] = [];
    const behind: number[] = [];
    let events = journal.events;
    const aside = `${checkpointFile(file)}.aside`;
    for (let i = 0; i < 3; i++) {
      let t = performance.now();
      let cpu = process.cpuUsage();
      const reopened = await Journal.open(file, { checkpointEvery: 0 });
      opens.push(performance.now() - t);
      let used = process.cpuUsage(cpu);
      openCpu.push((used.user + used.system) / 1000);
      if (reopened.trustedSeq === 0) throw new Error(`the bench journal did not open from its checkpoint: ${reopened.checkpointWarning ?? 'none written'}`);
      t = performance.now();
      const verified = await reopened.verifyBehind();
      behind.push(performance.now() - t);
      if (!verified.ok) throw new Error(`background verify failed: ${verified.error}`);
      events = reopened.events;
      await reopened.close();

      renameSync(checkpointFile(file), aside);
      t = performance.now();
      cpu = process.cpuUsage();
      const full = await Journal.open(file, { checkpointEvery: 0 });
      fullOpens.push(performance.now() - t);
      used = process.cpuUsage(cpu);
      fullCpu.push((used.user + used.system) / 1000);
      await full.close();
      renameSync(aside, checkpointFile(file));
    }
    // The app's path: the incident service adopts the active incident (folding the incident and its
    // state), and the window asks for its first page and its details.
    const store = new IncidentStore(dir);
    await store.setActive('BENCH-1');
    const appOpens: number[] = [];
    const appCpu: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const service = await IncidentService.open({ dataDir: dir, actor: 'bench', exporter: incidentExporter });
      const first = service.active(FIRST_PAGE);
      const details = service.details();
      appOpens.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      appCpu.push((used.user + used.system) / 1000);
      if (first.total !== EVENTS || first.events.length !== FIRST_PAGE || !details || service.warnings.length > 0) {
        throw new Error(`the app did not open the bench incident from its checkpoint: ${first.total} events; ${service.warnings.join('; ')}`);
      }
      // The background re-verification finishes before the next open, so it does not run during it.
      while (service.integrity()?.state === 'verifying') await new Promise((r) => setTimeout(r, 20));
      if (service.integrity()?.state !== 'verified') throw new Error(`background verify: ${service.integrity()?.message}`);
      await service.close();
    }
    // The CLI's path (`warroom incident show`, export): read from the checkpoint, fold, and the
    // background re-verification main() waits for before the process exits.
    const cliReads: number[] = [];
    const cliTotal: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await store.read('BENCH-1');
      cliReads.push(performance.now() - t);
      const breaks = await settleReads();
      cliTotal.push(performance.now() - t);
      if (breaks.length > 0) throw new Error(`CLI read: ${breaks.join('; ')}`);
    }
    const incident = foldIncident(events);
    if (!incident) throw new Error('bench journal lost its declaration');
    let t = performance.now();
    const json = renderJson(incident, events);
    const jsonMs = performance.now() - t;
    t = performance.now();
    const md = renderMarkdown(incident, events);
    const mdMs = performance.now() - t;

    const openMs = median(appOpens);
    return {
      rows: [
        row('Journal: durable events/s, group commit', perSecond, 'events/s', 'target', 5000),
        row(`App: open a ${EVENTS.toLocaleString('en-US')}-event incident from its checkpoint, first page of ${FIRST_PAGE} and details (rest verified behind)`, openMs, 'ms', 'target', 1000),
        info(`App: the same open, CPU time (user + sys)`, median(appCpu), 'ms'),
        info(`Journal: open ${EVENTS.toLocaleString('en-US')} events from a checkpoint (lines parsed when read)`, median(opens), 'ms'),
        info(`Journal: open ${EVENTS.toLocaleString('en-US')} events from a checkpoint, CPU time (user + sys)`, median(openCpu), 'ms'),
        info(`Journal: open ${EVENTS.toLocaleString('en-US')} events verifying every hash (no checkpoint)`, median(fullOpens), 'ms'),
        info(`Journal: open ${EVENTS.toLocaleString('en-US')} events verifying every hash, CPU time (user + sys)`, median(fullCpu), 'ms'),
        info(`CLI: read ${EVENTS.toLocaleString('en-US')} events from a checkpoint and fold (incident show, export)`, median(cliReads), 'ms'),
        info(`CLI: the same read plus the full re-verification before exit`, median(cliTotal), 'ms'),
        info(`Journal: background re-verification of ${EVENTS.toLocaleString('en-US')} events behind the checkpoint`, median(behind), 'ms'),
        info(`Export JSON, ${EVENTS.toLocaleString('en-US')} events (${(json.length / 2 ** 20).toFixed(1)} MiB)`, jsonMs, 'ms'),
        info(`Export Markdown, ${EVENTS.toLocaleString('en-US')} events (${(md.length / 2 ** 20).toFixed(1)} MiB)`, mdMs, 'ms'),
      ],
      verdicts: [
        { what: 'Journal: 5,000 durable events per second with group commit', met: perSecond >= 5000, detail: `${Math.round(perSecond)} events/s` },
        {
          what: 'Journal: a 100,000-event incident opens in under 1 s',
          met: openMs < 1000,
          detail: `median of 3, the app from a checkpoint: ${Math.round(openMs)} ms wall, ${Math.round(median(appCpu))} ms CPU (journal alone ${Math.round(median(opens))} ms; every hash: ${Math.round(median(fullOpens))} ms wall, ${Math.round(median(fullCpu))} ms CPU)`,
        },
      ],
      notes: [],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
