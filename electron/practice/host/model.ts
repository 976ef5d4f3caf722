/**
 * One simulated host's state: a tiny file tree (sizes, and text only where someone may read it),
 * a disk whose usage follows the files, and systemd-like services with journals. Everything is
 * synchronous and in memory, and nothing here keeps a timer, so an idle host costs a few objects.
 */
import type { PracticeHostSpec, PracticeRole } from '../layout';

export interface VFile {
  size: number;
  mtime: number;
  /** Text already materialised (tail of the file). */
  lines?: string[];
  /** Makes the text on first read, so hosts nobody inspects never build their logs. */
  make?: () => string[];
}

export interface JournalEntry {
  ts: number;
  ident: string;
  msg: string;
}

export type ServiceStatus = 'active' | 'failed' | 'inactive';

export interface Service {
  name: string;
  description: string;
  docs: string;
  status: ServiceStatus;
  since: number;
  pid: number;
  tasks: number;
  memory: string;
  cpu: string;
  /** Command lines shown under CGroup, the first being the main process. */
  processes: string[];
  execStartPre?: string;
  execStart: string;
  /** Set when the last start failed: the process that failed and how. */
  failure?: { pid: number; command: string; status: string };
  journal: JournalEntry[];
  /** Returns the lines the service logs when it cannot start now, or null when it can. */
  startBlocker?: (host: PracticeHost, pid: number) => string[] | null;
  /** Log file that gets a line whenever the service (re)starts. */
  startLog?: { path: string; line: (ts: number, pid: number) => string };
}

export interface HostListener {
  serviceChanged(host: PracticeHost, service: Service, ts: number): void;
}

const MAX_JOURNAL = 200;
const MAX_FILE_LINES = 400;

export class PracticeHost {
  readonly files = new Map<string, VFile>();
  readonly dirs = new Set<string>(['/']);
  readonly services = new Map<string, Service>();
  private nextPid: number;
  listener?: HostListener;
  /** The other hosts of the same fleet, by alias, for tools that reach across (curl web-02). */
  peers?: ReadonlyMap<string, PracticeHost>;
  /** Sessions following a file (tail -f) or the journal (journalctl -f); created on first use. */
  private fileWatchers?: Map<string, Set<(line: string) => void>>;
  private journalWatchers?: Set<(service: Service, entry: JournalEntry) => void>;

  constructor(
    readonly spec: PracticeHostSpec,
    readonly bootAt: number,
    /** Bytes on / taken by everything not modelled as a file (the OS, packages, databases). */
    public systemBytes: number,
    readonly diskBytes: number,
    readonly memory: { totalMiB: number; usedMiB: number; cacheMiB: number; sharedMiB: number; swapMiB: number },
    readonly load: [number, number, number],
    firstPid: number,
  ) {
    this.nextPid = firstPid;
  }

  get hostname(): string {
    return this.spec.alias;
  }

  get role(): PracticeRole {
    return this.spec.role;
  }

  pid(): number {
    this.nextPid += 1 + (this.nextPid % 7);
    return this.nextPid;
  }

  usedBytes(): number {
    let used = this.systemBytes;
    for (const f of this.files.values()) used += f.size;
    return Math.min(used, this.diskBytes);
  }

  availBytes(): number {
    return Math.max(0, this.diskBytes - this.usedBytes());
  }

  addDir(path: string): void {
    let p = path;
    while (p !== '/' && !this.dirs.has(p)) {
      this.dirs.add(p);
      p = p.slice(0, p.lastIndexOf('/')) || '/';
    }
  }

  addFile(path: string, file: VFile): void {
    this.addDir(path.slice(0, path.lastIndexOf('/')) || '/');
    this.files.set(path, file);
  }

  readLines(path: string): string[] | undefined {
    const f = this.files.get(path);
    if (!f) return undefined;
    if (!f.lines) {
      f.lines = f.make ? f.make() : [];
      f.make = undefined;
    }
    return f.lines;
  }

  /** Appends a line and grows the file, unless the disk is full (as a real write would fail). */
  appendLine(path: string, line: string, ts: number): boolean {
    const lines = this.readLines(path);
    const f = this.files.get(path);
    if (!f || !lines) return false;
    const bytes = Buffer.byteLength(line) + 1;
    if (this.availBytes() < bytes) return false;
    lines.push(line);
    if (lines.length > MAX_FILE_LINES) lines.splice(0, lines.length - MAX_FILE_LINES);
    f.size += bytes;
    f.mtime = ts;
    for (const w of this.fileWatchers?.get(path) ?? []) w(line);
    return true;
  }

  /** Tells the sessions following `path` (tail -f) about lines a shell redirection wrote to it. */
  wroteLines(path: string, lines: readonly string[]): void {
    const watchers = this.fileWatchers?.get(path);
    if (!watchers) return;
    for (const line of lines) for (const w of watchers) w(line);
  }

  /** Calls `onLine` for each line appended to `path` until the returned function is called. */
  watchFile(path: string, onLine: (line: string) => void): () => void {
    this.fileWatchers ??= new Map();
    const set = this.fileWatchers.get(path) ?? new Set();
    this.fileWatchers.set(path, set);
    set.add(onLine);
    return () => {
      set.delete(onLine);
      if (set.size === 0) this.fileWatchers?.delete(path);
    };
  }

  /** Calls `onEntry` for each new journal entry until the returned function is called. */
  watchJournal(onEntry: (service: Service, entry: JournalEntry) => void): () => void {
    this.journalWatchers ??= new Set();
    this.journalWatchers.add(onEntry);
    return () => this.journalWatchers?.delete(onEntry);
  }

  /** Everything under a directory, for du and rm -r. */
  filesUnder(dir: string): Array<[string, VFile]> {
    const prefix = dir === '/' ? '/' : `${dir}/`;
    return [...this.files].filter(([p]) => p.startsWith(prefix));
  }

  /** Immediate children of a directory, sorted as ls shows them. */
  children(dir: string): string[] {
    const prefix = dir === '/' ? '/' : `${dir}/`;
    const names = new Set<string>();
    for (const p of [...this.dirs, ...this.files.keys()]) {
      if (p !== dir && p.startsWith(prefix)) {
        const rest = p.slice(prefix.length);
        const name = rest.split('/')[0];
        if (name) names.add(name);
      }
    }
    return [...names].sort((a, b) => a.localeCompare(b, 'en'));
  }

  journal(service: Service, ts: number, ident: string, msg: string): void {
    const entry = { ts, ident, msg };
    service.journal.push(entry);
    for (const w of this.journalWatchers ?? []) w(service, entry);
    if (service.journal.length > MAX_JOURNAL) service.journal.splice(0, service.journal.length - MAX_JOURNAL);
  }

  /** systemctl start/restart. Returns false when the start failed (the journal says why). */
  startService(service: Service, ts: number, restart: boolean): boolean {
    const what = `${service.name}.service - ${service.description}`;
    if (restart && service.status === 'active') {
      this.journal(service, ts, 'systemd[1]', `Stopping ${what}...`);
      this.journal(service, ts, 'systemd[1]', `${service.name}.service: Deactivated successfully.`);
      this.journal(service, ts, 'systemd[1]', `Stopped ${what}.`);
    }
    this.journal(service, ts, 'systemd[1]', `Starting ${what}...`);
    const pid = this.pid();
    const blocked = service.startBlocker?.(this, pid) ?? null;
    if (blocked) {
      for (const msg of blocked) this.journal(service, ts, `${service.name}[${pid}]`, msg);
      this.journal(service, ts, 'systemd[1]', `${service.name}.service: Control process exited, code=exited, status=1/FAILURE`);
      this.journal(service, ts, 'systemd[1]', `${service.name}.service: Failed with result 'exit-code'.`);
      this.journal(service, ts, 'systemd[1]', `Failed to start ${what}.`);
      service.status = 'failed';
      service.since = ts;
      service.failure = { pid, command: service.execStartPre ?? service.execStart, status: '1/FAILURE' };
      this.listener?.serviceChanged(this, service, ts);
      return false;
    }
    service.status = 'active';
    service.since = ts;
    service.pid = pid + 2;
    service.failure = undefined;
    this.journal(service, ts, 'systemd[1]', `Started ${what}.`);
    if (service.startLog) this.appendLine(service.startLog.path, service.startLog.line(ts, service.pid), ts);
    this.listener?.serviceChanged(this, service, ts);
    return true;
  }

  stopService(service: Service, ts: number): void {
    if (service.status === 'active') {
      const what = `${service.name}.service - ${service.description}`;
      this.journal(service, ts, 'systemd[1]', `Stopping ${what}...`);
      this.journal(service, ts, 'systemd[1]', `${service.name}.service: Deactivated successfully.`);
      this.journal(service, ts, 'systemd[1]', `Stopped ${what}.`);
    }
    service.status = 'inactive';
    service.since = ts;
    service.failure = undefined;
    this.listener?.serviceChanged(this, service, ts);
  }

  /** Looks a service up the way systemctl does: `nginx` and `nginx.service` are the same unit. */
  service(name: string): Service | undefined {
    return this.services.get(name.replace(/\.service$/, ''));
  }
}
