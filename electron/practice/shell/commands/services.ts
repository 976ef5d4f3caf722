/** systemd's face: systemctl and journalctl over the host's simulated services. */
import { syslogTime, systemdAgo, systemdTime } from '../../host/clock';
import type { JournalEntry, PracticeHost, Service } from '../../host/model';
import { fail, human, joinLines, ok, type Command, type Outcome } from '../types';
import { parseSize } from './files';

const TASK_LIMIT = 4644;

function activeLine(s: Service, now: number): string {
  const when = `since ${systemdTime(s.since)}; ${systemdAgo(s.since, now)}`;
  if (s.status === 'active') return `active (running) ${when}`;
  if (s.status === 'failed') return `failed (Result: exit-code) ${when}`;
  return `inactive (dead) ${when}`;
}

function journalLines(host: PracticeHost, entries: readonly JournalEntry[]): string[] {
  return entries.map((e) => `${syslogTime(e.ts)} ${host.hostname} ${e.ident}: ${e.msg}`);
}

function status(host: PracticeHost, s: Service, now: number): string[] {
  // systemd marks a running unit with ● and a failed one with ×, both multi-byte on the wire.
  const mark = s.status === 'failed' ? '×' : s.status === 'active' ? '●' : '○';
  const out = [
    `${mark} ${s.name}.service - ${s.description}`,
    `     Loaded: loaded (/lib/systemd/system/${s.name}.service; enabled; preset: enabled)`,
    `     Active: ${activeLine(s, now)}`,
  ];
  s.docs.split('\n').forEach((d, i) => out.push(`${i === 0 ? '       Docs: ' : '             '}${d}`));
  if (s.status === 'failed' && s.failure) {
    out.push(`    Process: ${s.failure.pid} ${s.execStartPre ? 'ExecStartPre' : 'ExecStart'}=${s.failure.command} (code=exited, status=${s.failure.status})`);
    out.push('        CPU: 14ms');
  } else if (s.status === 'active') {
    if (s.execStartPre) out.push(`    Process: ${s.pid - 2} ExecStartPre=${s.execStartPre} (code=exited, status=0/SUCCESS)`);
    out.push(`   Main PID: ${s.pid} (${s.processes[0]?.replace(/^"/, '').split(/[ :]/)[0]?.split('/').pop() ?? s.name})`);
    out.push(`      Tasks: ${s.tasks} (limit: ${TASK_LIMIT})`);
    out.push(`     Memory: ${s.memory}`);
    out.push(`        CPU: ${s.cpu}`);
    out.push(`     CGroup: /system.slice/${s.name}.service`);
    s.processes.forEach((p, i) => out.push(`             ${i === s.processes.length - 1 ? '└─' : '├─'}${s.pid + i} ${p}`));
  }
  const tail = s.journal.slice(-10);
  if (tail.length) out.push('', ...journalLines(host, tail));
  return out;
}

const NOT_ACTIVE_EXIT = 3;

function failedList(host: PracticeHost): string[] {
  const failed = [...host.services.values()].filter((s) => s.status === 'failed');
  if (failed.length === 0) return ['  UNIT LOAD ACTIVE SUB DESCRIPTION', '0 loaded units listed.'];
  const w = Math.max(...failed.map((s) => s.name.length + 8));
  return [
    `  ${'UNIT'.padEnd(w)} LOAD   ACTIVE SUB    DESCRIPTION`,
    ...failed.map((s) => `● ${`${s.name}.service`.padEnd(w)} loaded failed failed ${s.description}`),
    '',
    'LOAD   = Reflects whether the unit definition was properly loaded.',
    'ACTIVE = The high-level unit activation state, i.e. generalization of SUB.',
    'SUB    = The low-level unit activation state, values depend on unit type.',
    `${failed.length} loaded unit${failed.length === 1 ? '' : 's'} listed.`,
  ];
}

function listUnits(host: PracticeHost): string[] {
  const all = [...host.services.values()].sort((a, b) => a.name.localeCompare(b.name));
  const w = Math.max(...all.map((s) => s.name.length + 8));
  const sub = (s: Service): string => (s.status === 'active' ? 'running' : s.status === 'failed' ? 'failed ' : 'dead   ');
  return [
    `  ${'UNIT'.padEnd(w)} LOAD   ACTIVE   SUB     DESCRIPTION`,
    ...all.map((s) => `${s.status === 'failed' ? '●' : ' '} ${`${s.name}.service`.padEnd(w)} loaded ${s.status.padEnd(8)} ${sub(s)} ${s.description}`),
    '',
    `${all.length} loaded units listed.`,
  ];
}

const systemctl: Command = ({ args, host, now }) => {
  const words = args.filter((a) => !a.startsWith('-'));
  if (args.includes('--failed')) return ok(joinLines(failedList(host)));
  const [verb = 'list-units', ...units] = words;
  if (verb === 'list-units') return ok(joinLines(listUnits(host)));
  if (verb === 'daemon-reload') return ok();
  const known = ['status', 'restart', 'start', 'stop', 'reload', 'try-restart', 'reload-or-restart', 'is-active', 'is-failed', 'enable', 'disable'];
  if (!known.includes(verb)) return fail(`Unknown command verb ${verb}.\n`);
  if (units.length === 0) {
    if (verb === 'status') return ok(`● ${host.hostname}\n    State: ${failedList(host).length > 2 ? 'degraded' : 'running'}\n    Units: ${host.services.size + 211} loaded (incl. loaded aliases)\n     Jobs: 0 queued\n   Failed: ${[...host.services.values()].filter((s) => s.status === 'failed').length} units\n    Since: ${systemdTime(host.bootAt)}; ${systemdAgo(host.bootAt, now)}\n`);
    return fail('Too few arguments.\n');
  }
  let out = '';
  let err = '';
  let code = 0;
  units.forEach((name, i) => {
    const unit = name.endsWith('.service') ? name : `${name}.service`;
    const s = host.service(name);
    if (!s) {
      if (verb === 'status') err += `Unit ${unit} could not be found.\n`;
      else if (verb === 'is-active' || verb === 'is-failed') out += 'inactive\n';
      else err += `Failed to ${verb} ${unit}: Unit ${unit} not found.\n`;
      code = verb === 'status' ? 4 : verb.startsWith('is-') ? NOT_ACTIVE_EXIT : 5;
      return;
    }
    const r = act(verb, host, s, now, i > 0);
    out += r.out;
    err += r.err;
    if (r.code !== 0) code = r.code;
  });
  return { out, err, code };
};

function act(verb: string, host: PracticeHost, s: Service, now: number, notFirst: boolean): Outcome {
  const unit = `${s.name}.service`;
  const jobFailed = `Job for ${unit} failed because the control process exited with error code.\nSee "systemctl status ${unit}" and "journalctl -xeu ${unit}" for details.\n`;
  switch (verb) {
    case 'status':
      return { out: (notFirst ? '\n' : '') + joinLines(status(host, s, now)), err: '', code: s.status === 'active' ? 0 : NOT_ACTIVE_EXIT };
    case 'is-active':
      return { out: `${s.status}\n`, err: '', code: s.status === 'active' ? 0 : NOT_ACTIVE_EXIT };
    case 'is-failed':
      return { out: `${s.status}\n`, err: '', code: s.status === 'failed' ? 0 : 1 };
    case 'start':
      if (s.status === 'active') return ok();
      return host.startService(s, now, false) ? ok() : fail(jobFailed);
    case 'restart':
    case 'reload-or-restart':
      return host.startService(s, now, true) ? ok() : fail(jobFailed);
    case 'try-restart':
      if (s.status !== 'active') return ok();
      return host.startService(s, now, true) ? ok() : fail(jobFailed);
    case 'reload':
      if (s.status !== 'active') return fail(`${unit} is not active, cannot reload.\n`);
      host.journal(s, now, 'systemd[1]', `Reloading ${unit} - ${s.description}...`);
      host.journal(s, now, 'systemd[1]', `Reloaded ${unit} - ${s.description}.`);
      return ok();
    case 'stop':
      host.stopService(s, now);
      return ok();
    default:
      return ok(); // enable/disable: nothing to model
  }
}

function journalFile(host: PracticeHost): [string, { size: number }] | undefined {
  return host.filesUnder('/var/log/journal').find(([p]) => p.endsWith('system.journal'));
}

const journalctl: Command = ({ args, host }) => {
  const units: string[] = [];
  let n: number | undefined;
  let follow = false;
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] as string;
    if (a === '-u' || a === '--unit') units.push(args[++i] ?? '');
    else if (a.startsWith('--unit=')) units.push(a.slice(7));
    else if (a.startsWith('-u') && a.length > 2) units.push(a.slice(2));
    else if (a === '-n' || a === '--lines') n = Number.parseInt(args[++i] ?? '', 10);
    else if (a.startsWith('--lines=')) n = Number.parseInt(a.slice(8), 10);
    else if (/^-n\d+$/.test(a)) n = Number.parseInt(a.slice(2), 10);
    else if (a === '-f' || a === '--follow') follow = true;
    else if (/^-[a-z]*e[a-z]*$/.test(a) && n === undefined) n = 1000;
    else if (a === '--disk-usage') {
      const f = journalFile(host);
      return ok(`Archived and active journals take up ${human(f?.[1].size ?? 0)} in the file system.\n`);
    } else if (a.startsWith('--vacuum-size=') || a.startsWith('--vacuum-time=')) {
      const f = journalFile(host);
      const target = a.startsWith('--vacuum-size=') ? parseSize(a.slice(14)) : 64 * 1024 ** 2;
      if (target === null) return fail(`Failed to parse vacuum size: ${a.slice(14)}\n`);
      if (!f) return ok('Vacuuming done, freed 0B of archived journals from /var/log/journal.\n');
      const before = f[1].size;
      // The active journal file always stays; only archived ones can go.
      const after = Math.max(Math.min(before, target), 16 * 1024 ** 2);
      f[1].size = Math.min(before, after);
      const dir = f[0].slice(0, f[0].lastIndexOf('/'));
      return { out: '', err: `Vacuuming done, freed ${before === f[1].size ? "0B" : human(before - f[1].size)} of archived journals from ${dir}.\n`, code: 0 };
    }
  }
  if (n !== undefined && !Number.isFinite(n)) return fail('Failed to parse lines\n');
  let entries: JournalEntry[];
  if (units.length) {
    const missing = units.filter((u) => !host.service(u));
    entries = units.flatMap((u) => host.service(u)?.journal ?? []);
    if (entries.length === 0 && missing.length) return ok('-- No entries --\n');
  } else {
    entries = [...host.services.values()].flatMap((s) => s.journal);
  }
  entries = [...entries].sort((a, b) => a.ts - b.ts);
  if (follow && n === undefined) n = 10;
  if (n !== undefined) entries = n === 0 ? [] : entries.slice(-n);
  // Following with nothing to show yet prints nothing, as journalctl -f does; a plain query says so.
  const shown = entries.length === 0 ? ok(follow ? '' : '-- No entries --\n') : ok(joinLines(journalLines(host, entries)));
  if (!follow) return shown;
  const wanted = new Set(units.map((u) => host.service(u)?.name).filter((n): n is string => n !== undefined));
  return {
    ...shown,
    follow: true,
    watch: (emit) => host.watchJournal((service, entry) => {
      if (units.length === 0 || wanted.has(service.name)) emit(`${journalLines(host, [entry])[0]}\n`);
    }),
  };
};

const service: Command = (inv) => {
  const [name, verb] = inv.args;
  if (!name || !verb) return fail('Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n');
  return systemctl({ ...inv, args: [verb, name] });
};

export const serviceCommands: Record<string, Command> = { systemctl, journalctl, service };
