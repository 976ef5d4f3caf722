import path from 'node:path';
import { existsSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { createWarroom } from '../app/warroom';
import { startWebServer } from '../web/server';
import { actor, dataDir, type CliDeps } from './deps';
import { EXIT_OK, type ExitCode, type RunCommand } from './command';
import { addWindowOptions, windowOptions, type WindowFlags } from './window-options';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is 0 to 65535 (0 picks a free one)');
  return n;
}

/** The built renderer sits beside the CLI bundle in dist/. */
export function rendererDir(): string {
  return path.resolve(__dirname, '..', 'renderer');
}

interface WebArgs extends WindowFlags {
  port: number;
}

export function registerWebCommand(program: Command, run: RunCommand): void {
  addWindowOptions(
    program
      .command('web')
      .description('serve the Warroom window to a browser on 127.0.0.1, guarded by a per-launch token')
      .option('--port <n>', 'port to listen on (0 picks a free one)', port, 0),
  ).action((o: WebArgs) => run(web, o));
}

/** Serves until the user asks it to stop (SIGINT, SIGTERM), then closes everything it opened. */
async function web(o: WebArgs, deps: CliDeps): Promise<ExitCode> {
  const dir = rendererDir();
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`the window is not built: ${dir}/index.html is missing; run npm run build`);
  }
  // Listened for before anything starts, so a signal during start-up is not missed.
  const stop = deps.stopRequested();
  const data = dataDir(deps);
  const app = await createWarroom({ dataDir: data, mode: 'web', actor: actor(deps), ...windowOptions(o) });
  const server = await startWebServer({
    handlers: app.handlers,
    hub: app.hub,
    rendererDir: dir,
    port: o.port,
    onClientClosed: (id) => app.clientClosed(id),
  }).catch(async (err: unknown) => {
    await app.close();
    throw err;
  });
  for (const warning of [...app.configWarnings, ...app.incidentWarnings]) deps.stderr.write(`warroom: ${warning}\n`);
  deps.stdout.write(`Warroom browser mode: ${server.url}\n`);
  if (app.practice) deps.stdout.write(`practice fleet: ${app.practice.hosts.length} hosts (${app.practice.hosts.map((h) => h.alias).join(', ')})\n`);
  deps.stdout.write(`data: ${data}\n`);
  await stop;
  await Promise.all([server.close(), app.close()]);
  return EXIT_OK;
}
