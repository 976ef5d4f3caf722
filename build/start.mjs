// `npm start`: opens the desktop window, or says plainly why it cannot and what to run instead.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let binary;
try {
  binary = require('electron');
} catch {
  binary = undefined;
}
if (typeof binary !== 'string' || !existsSync(binary)) {
  process.stderr.write(
    'warroom: no Electron binary is installed (it was skipped with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or could not be downloaded).\n' +
      '  On a machine with network access: rm -rf node_modules/electron && npm install electron\n' +
      '  Or use the same window in a browser: npm run web\n',
  );
  process.exit(1);
}
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
