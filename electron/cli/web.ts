import path from 'node:path';
import { existsSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { createWarroom } from '../app/warroom';
import { defaultDataDir } from '../app/paths';
import { startWebServer } from '../web/server';
import { DEFAULT_PRACTICE_HOSTS, MAX_PRACTICE_HOSTS } from '../practice/index';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is 0 to 65535 (0 picks a free one)');
  return n;
}

function hostCount(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PRACTICE_HOSTS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PRACTICE_HOSTS) throw new InvalidArgumentError(`the practice fleet has 1 to ${MAX_PRACTICE_HOSTS} hosts`);
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The built renderer sits beside the CLI bundle in dist/. */
export function rendererDir(): string {
  return path.resolve(__dirname, '..', 'renderer');
}

export function registerWebCommand(program: Command): void {
  program
    .command('web')
    .description('serve the Warroom window to a browser on 127.0.0.1, guarded by a per-launch token')
    .option('--port <n>', 'port to listen on (0 picks a free one)', port, 0)
    .option('--practice [hosts]', 'start the practice fleet (default 8 hosts); without it, it starts only when no host is configured', hostCount)
    .option('--ssh-config <file>', 'ssh config to read hosts from (default ~/.ssh/config)')
    .option('--inventory <file>', 'Ansible inventory (INI or YAML); repeatable', collect, [])
    .option('--screen-reader', "turn on xterm's screen-reader mode in every terminal")
    .action(async (o: { port: number; practice?: number | true; sshConfig?: string; inventory: string[]; screenReader?: boolean }) => {
      const dir = rendererDir();
      if (!existsSync(path.join(dir, 'index.html'))) {
        throw new Error(`the window is not built: ${dir}/index.html is missing; run npm run build`);
      }
      const dataDir = defaultDataDir();
      const app = await createWarroom({
        dataDir,
        mode: 'web',
        sshConfigFile: o.sshConfig,
        inventories: o.inventory,
        practice: o.practice === undefined ? 'auto' : o.practice === true ? DEFAULT_PRACTICE_HOSTS : o.practice,
        screenReader: o.screenReader ?? false,
      });
      const server = await startWebServer({
        handlers: app.handlers,
        hub: app.hub,
        rendererDir: dir,
        port: o.port,
        onClientClosed: (id) => app.clientClosed(id),
      });
      for (const warning of [...app.configWarnings, ...app.incidentWarnings]) process.stderr.write(`warroom: ${warning}\n`);
      process.stdout.write(`Warroom browser mode: ${server.url}\n`);
      if (app.practice) process.stdout.write(`practice fleet: ${app.practice.hosts.length} hosts (${app.practice.hosts.map((h) => h.alias).join(', ')})\n`);
      process.stdout.write(`data: ${dataDir}\n`);
      let closing = false;
      const stop = () => {
        if (closing) return;
        closing = true;
        void Promise.all([server.close(), app.close()]).finally(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}
