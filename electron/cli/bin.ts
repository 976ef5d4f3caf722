/** The `warroom` executable (dist/cli/warroom.cjs): the real process's argv, streams and environment. */
import { main } from './main';
import { processCliDeps } from './deps';

const flushed = (stream: NodeJS.WritableStream): Promise<void> => new Promise((resolve) => stream.write('', () => resolve()));

void main(process.argv, processCliDeps()).then(async (code) => {
  // Exit explicitly once our output is written: `web` may leave idle sockets or timers that would
  // otherwise keep the process alive after it was told to stop.
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
});
