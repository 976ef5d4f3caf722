/**
 * `warroom run` against pdsh and parallel-ssh (#3 §7): `hostname` on the same 20 real sshd hosts,
 * fan-out 32, rounds alternated. Wall time, and client CPU as user+sys of the whole process tree:
 * each command runs under `bash -c 'CMD; times'`, whose second line is what bash's waited-for
 * children (and theirs: pdsh waits for its ssh processes) used.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSshdFleet, type SshdFleet } from '../fixtures/sshd-fleet';
import { info, median, row, type PartResult, type Row, type Verdict } from './report';

const HOSTS = 20;
const ROUNDS = 7;
const FANOUT = 32;
const CLI = path.resolve('dist/cli/warroom.cjs');

interface Tool {
  name: string;
  argv: string[];
  env: NodeJS.ProcessEnv;
}

interface Timing {
  wallMs: number;
  cpuMs: number;
  output: string;
  code: number | null;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** bash's `times`: "0m1.234s 0m0.567s" per line; the second line is the children's user and sys. */
function childCpuMs(times: string): number {
  const lines = times.trim().split('\n');
  const parts = (lines[1] ?? '').trim().split(/\s+/);
  const ms = (t: string | undefined) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(t ?? '');
    if (!m) throw new Error(`cannot read bash times output: ${JSON.stringify(times)}`);
    return (Number(m[1]) * 60 + Number(m[2])) * 1000;
  };
  return ms(parts[0]) + ms(parts[1]);
}

/** Runs the tool once; `keep` keeps its output (for checking it), otherwise it goes to /dev/null. */
function timeOnce(tool: Tool, keep: boolean): Promise<Timing> {
  const cmd = tool.argv.map(quote).join(' ');
  const script = keep ? `${cmd} >&3 2>&1; times` : `${cmd} >/dev/null 2>&1; times`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    // Its own process group, so a hung run is killed with every ssh it started.
    const child = spawn('bash', ['-c', script], { env: tool.env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'], detached: true });
    let times = '';
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (times += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    (child.stdio[3] as NodeJS.ReadableStream | null)?.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 120_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      try {
        resolve({ wallMs, cpuMs: childCpuMs(times), output, code });
      } catch (e) {
        reject(e);
      }
    });
  });
}

function missingHosts(output: string, fleet: SshdFleet): string[] {
  return fleet.hosts.map((h) => h.hostname).filter((name) => !new RegExp(`\\b${name}\\b`).test(output));
}

/** H2's `warroom run` may not be built yet: ask the CLI itself. */
async function warroomRunAvailable(): Promise<boolean> {
  if (!existsSync(CLI)) return false;
  const t = await timeOnce({ name: 'probe', argv: [process.execPath, CLI, 'run', '--help'], env: process.env }, true);
  return t.code === 0 && /fanout/.test(t.output);
}

export async function runBench(log: (line: string) => void): Promise<PartResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wr-bench-run-'));
  let fleet: SshdFleet | undefined;
  try {
    fleet = await startSshdFleet({ count: HOSTS });
    const aliases = fleet.hosts.map((h) => h.alias);
    const hostsFile = path.join(dir, 'hosts');
    writeFileSync(hostsFile, `${aliases.join('\n')}\n`);
    const sshOpts = ['-F', fleet.sshConfigPath, '-o', 'BatchMode=yes'];
    const tools: Tool[] = [
      {
        name: 'pdsh',
        argv: ['pdsh', '-R', 'ssh', '-f', String(FANOUT), '-w', aliases.join(','), 'hostname'],
        // pdsh runs `ssh ... host cmd`; the appended options give it the fleet's keys and known_hosts.
        env: { ...process.env, PDSH_SSH_ARGS_APPEND: sshOpts.join(' ') },
      },
      {
        name: 'parallel-ssh',
        argv: ['parallel-ssh', '-p', String(FANOUT), '-h', hostsFile, '-x', sshOpts.join(' '), '-i', 'hostname'],
        env: process.env,
      },
    ];
    const notes: string[] = [];
    const available = await warroomRunAvailable();
    if (available) {
      tools.unshift({
        name: 'warroom run',
        argv: [process.execPath, CLI, 'run', '--ssh-config', fleet.sshConfigPath, '--fanout', String(FANOUT), aliases.join(','), '--', 'hostname'],
        env: { ...process.env, WARROOM_HOME: path.join(dir, 'warroom-home') },
      });
    } else {
      notes.push('`warroom run` is not available in dist/cli/warroom.cjs (the CLI has no `run` command yet): only pdsh and parallel-ssh were measured.');
    }

    // Each tool once with its output kept: it must really log in and print every host's own name.
    const working: Tool[] = [];
    for (const tool of tools) {
      const t = await timeOnce(tool, true);
      const missing = missingHosts(t.output, fleet);
      if (missing.length > 0) notes.push(`${tool.name} did not print ${missing.length} host names (exit ${t.code}): ${t.output.slice(0, 600)}`);
      else working.push(tool);
      log(`run: ${tool.name} check: exit ${t.code}, ${missing.length === 0 ? 'all 20 hostnames' : `missing ${missing.join(',')}`}`);
    }

    const wall = new Map<string, number[]>();
    const cpu = new Map<string, number[]>();
    for (let r = 0; r < ROUNDS; r++) {
      // Rotate the order each round, so no tool always runs right after the same one.
      const order = working.map((_, i) => working[(i + r) % working.length] as Tool);
      for (const tool of order) {
        const t = await timeOnce(tool, false);
        (wall.get(tool.name) ?? wall.set(tool.name, []).get(tool.name))?.push(t.wallMs);
        (cpu.get(tool.name) ?? cpu.set(tool.name, []).get(tool.name))?.push(t.cpuMs);
        log(`run: round ${r + 1} ${tool.name}: wall ${t.wallMs.toFixed(0)} ms, CPU ${t.cpuMs.toFixed(0)} ms (exit ${t.code})`);
      }
    }

    const rows: Row[] = [];
    const verdicts: Verdict[] = [];
    const w = (name: string) => median(wall.get(name) ?? []);
    const c = (name: string) => median(cpu.get(name) ?? []);
    const pdshOk = working.some((t) => t.name === 'pdsh');
    for (const tool of working) {
      if (tool.name === 'pdsh') {
        rows.push(info(`run: pdsh -f ${FANOUT}, hostname on ${HOSTS} hosts, wall`, w('pdsh'), 'ms'));
        rows.push(info(`run: pdsh -f ${FANOUT}, hostname on ${HOSTS} hosts, client CPU`, c('pdsh'), 'ms'));
        continue;
      }
      const baseline = pdshOk ? 'pdsh' : '-';
      rows.push(row(`run: ${tool.name}, hostname on ${HOSTS} hosts, wall`, w(tool.name), 'ms', baseline, pdshOk ? w('pdsh') : Number.NaN));
      rows.push(row(`run: ${tool.name}, hostname on ${HOSTS} hosts, client CPU`, c(tool.name), 'ms', baseline, pdshOk ? c('pdsh') : Number.NaN));
    }
    if (available && working.some((t) => t.name === 'warroom run') && pdshOk) {
      const wr = w('warroom run') / w('pdsh');
      const cr = c('warroom run') / c('pdsh');
      verdicts.push({ what: 'warroom run wall ≤ 1.0× pdsh', met: wr <= 1.0, detail: `${wr.toFixed(2)}×` });
      verdicts.push({ what: 'warroom run client CPU ≤ 0.5× pdsh', met: cr <= 0.5, detail: `${cr.toFixed(2)}×` });
    } else {
      const why = available ? 'warroom run or pdsh did not reach every host' : 'warroom run not available';
      verdicts.push({ what: 'warroom run wall ≤ 1.0× pdsh', met: 'not measured', detail: why });
      verdicts.push({ what: 'warroom run client CPU ≤ 0.5× pdsh', met: 'not measured', detail: why });
    }
    return { rows, verdicts, notes };
  } finally {
    await fleet?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
