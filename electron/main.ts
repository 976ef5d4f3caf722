/**
 * The desktop shell. Thin on purpose: it makes a locked-down window, serves the renderer from the
 * app:// protocol and hands every request to the same services browser mode uses.
 */
import { app, BrowserWindow, ipcMain, protocol, session, shell, type WebContents } from 'electron';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PdfPrinter } from './export/pdf';
import { createWarroom, type Warroom } from './app/warroom';
import { defaultDataDir } from './app/paths';
import { parseDesktopArgs } from './cli/window-options';
import { registerContractIpc, type IpcRegistration } from './ipc/register';
import { contentSecurityPolicy, readStatic } from './web/static';

const SCHEME = 'app';
const APP_ORIGIN = `${SCHEME}://warroom`;
const RENDERER_DIR = path.resolve(__dirname, '..', 'renderer');

app.setName('Warroom');
// Privileged before ready: a standard, secure scheme gets an origin of its own and a real CSP.
protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

/** Our own arguments: after the executable, and after the app path when not packaged. */
function cliOptions() {
  return parseDesktopArgs(process.argv.slice(app.isPackaged ? 1 : 2));
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links in terminal output open in the user's browser, never inside the app, and only http(s).
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/**
 * PDF exports printed by Electron itself, so the desktop app needs no browser installed: the HTML
 * write-up (its own CSP forbids scripts) in a hidden, sandboxed window with JavaScript off.
 */
const electronPrintPdf: PdfPrinter = async (htmlFile, pdfFile) => {
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true } });
  try {
    await win.loadURL(pathToFileURL(htmlFile).href);
    const pdf = await win.webContents.printToPDF({ printBackground: true, displayHeaderFooter: false, pageSize: 'A4' });
    await fs.writeFile(pdfFile, pdf, { mode: 0o600 });
  } finally {
    win.destroy();
  }
};

async function start(): Promise<void> {
  const options = cliOptions();
  const dataDir = defaultDataDir();
  const warroom: Warroom = await createWarroom({ dataDir, mode: 'electron', ...options, pdfPrinter: electronPrintPdf });

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'warroom') return new Response('not found', { status: 404 });
    const file = await readStatic(RENDERER_DIR, url.pathname);
    if (!file) return new Response('not found', { status: 404 });
    const headers: Record<string, string> = { 'Content-Type': file.type, 'X-Content-Type-Options': 'nosniff' };
    if (file.type.startsWith('text/html')) headers['Content-Security-Policy'] = contentSecurityPolicy("'self'");
    return new Response(new Uint8Array(file.body), { headers });
  });

  const ipc: IpcRegistration = registerContractIpc(ipcMain, warroom.handlers, warroom.hub, APP_ORIGIN);
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Warroom',
    backgroundColor: '#0d1117',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const contentsId = win.webContents.id;
  const detach = ipc.attach(win.webContents);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    detach();
    warroom.clientClosed(`ipc-${contentsId}`);
  });
  await win.loadURL(`${APP_ORIGIN}/index.html`);

  app.on('window-all-closed', () => {
    ipc.dispose();
    void warroom.close().finally(() => app.quit());
  });
}

app.on('web-contents-created', (_event, contents) => lockDown(contents));
app.enableSandbox();
app
  .whenReady()
  .then(start)
  .catch((err: unknown) => {
    process.stderr.write(`warroom: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    app.exit(1);
  });
