// `npm start`: opens the desktop window, or says plainly why it cannot and what to run instead.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { existsSync as exists, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Read the path the electron package recorded instead of require('electron'), which tries to
// download the binary when it is missing.
const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'electron');
const recorded = exists(path.join(pkg, 'path.txt')) ? readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim() : undefined;
const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist');
const binary = recorded ? path.join(dist, recorded) : undefined;
if (!binary || !existsSync(binary)) {
  process.stderr.write(
    'warroom: no Electron binary is installed (it was skipped with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or could not be downloaded).\n' +
      '  On a machine with network access: rm -rf node_modules/electron && npm install electron\n' +
      '  Or use the same window in a browser: npm run web\n',
  );
  process.exit(1);
}
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
