import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { defaultDataDir } from '../../../electron/app/paths';
import { activeIncidentFile, groupsFile, incidentDir, journalFile } from '../../../electron/core/data-layout';

describe('defaultDataDir', () => {
  it('uses WARROOM_HOME when set, on every platform', () => {
    expect(defaultDataDir({ WARROOM_HOME: '/srv/warroom' }, 'linux', '/home/a')).toBe('/srv/warroom');
    expect(defaultDataDir({ WARROOM_HOME: '/srv/warroom', APPDATA: 'C:\\x' }, 'win32', 'C:\\Users\\a')).toBe(path.resolve('/srv/warroom'));
  });

  it("is Electron's userData folder for productName Warroom on each platform", () => {
    expect(defaultDataDir({}, 'linux', '/home/a')).toBe('/home/a/.config/Warroom');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/a')).toBe('/xdg/Warroom');
    // A relative XDG_CONFIG_HOME is invalid by the spec and ignored.
    expect(defaultDataDir({ XDG_CONFIG_HOME: 'rel' }, 'linux', '/home/a')).toBe('/home/a/.config/Warroom');
    expect(defaultDataDir({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/Warroom');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toBe('C:\\Users\\a\\AppData\\Roaming\\Warroom');
    expect(defaultDataDir({}, 'win32', 'C:\\Users\\a')).toBe('C:\\Users\\a\\AppData\\Roaming\\Warroom');
  });

  it('lays out the incident folders, and refuses ids that could leave the data dir', () => {
    expect(journalFile('/d', 'INC-1')).toBe('/d/incidents/INC-1/journal.jsonl');
    expect(groupsFile('/d')).toBe('/d/hosts.yaml');
    expect(activeIncidentFile('/d')).toBe('/d/active-incident');
    for (const bad of ['..', '../x', 'a/b', '', '.hidden']) expect(() => incidentDir('/d', bad)).toThrow(/invalid incident id/);
  });
});
