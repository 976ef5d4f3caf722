/**
 * Where Warroom's data folder is. The app, browser mode and the CLI must agree, so this is the only
 * place that decides. WARROOM_HOME overrides everything (tests, portable installs). What lies inside
 * the folder is core/data-layout.ts: services need that, and they must not import app/.
 */
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'Warroom';

/**
 * The platform's per-user application-data folder, named like Electron's app.getPath('userData')
 * for productName "Warroom", so the CLI finds what the desktop app wrote.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  const override = env.WARROOM_HOME?.trim();
  if (override) return path.resolve(override);
  // path.win32/posix so the result is right for `platform` even when computed elsewhere (tests).
  if (platform === 'win32') {
    const appData = env.APPDATA?.trim() || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_FOLDER);
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_FOLDER);
  const config = env.XDG_CONFIG_HOME?.trim();
  // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored; Electron agrees.
  const base = config && path.posix.isAbsolute(config) ? config : path.posix.join(home, '.config');
  return path.posix.join(base, APP_FOLDER);
}
