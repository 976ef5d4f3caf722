/**
 * Host configuration reading (#11 §8): the catalog of a generated ssh config of 5,000 and 20,000
 * one-host blocks (a fleet's config), and a 30,000-host YAML inventory group. Linear reading makes
 * four times the hosts cost about four times the time; the target is 20,000 hosts under 1 s.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadHostCatalog, parseInventoryText } from '../../electron/fleet/config/index';
import { info, median, row, type PartResult } from './report';

function fleetConfig(hosts: number): string {
  let s = '';
  for (let i = 0; i < hosts; i++) s += `Host h${i}\n  HostName 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}\n  User ops\n`;
  return `${s}Host *\n  IdentityFile ~/.ssh/fleet\n  ServerAliveInterval 15\n`;
}

/** Median of three: a fresh catalog each time, so nothing is cached between rounds. */
function listMs(file: string, homeDir: string, hosts: number): number {
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    const n = loadHostCatalog({ sshConfigFile: file, homeDir, localUser: 'bench' }).list().hosts.length;
    times.push(performance.now() - t0);
    if (n !== hosts) throw new Error(`listed ${n} hosts, expected ${hosts}`);
  }
  return median(times);
}

export async function configBench(log: (line: string) => void = () => undefined): Promise<PartResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'warroom-bench-config-'));
  try {
    const ms = new Map<number, number>();
    for (const hosts of [5000, 20_000]) {
      // A new file per size: the parse cache is keyed by path.
      const file = path.join(dir, `ssh_config_${hosts}`);
      writeFileSync(file, fleetConfig(hosts));
      ms.set(hosts, listMs(file, dir, hosts));
      log(`ssh config, ${hosts} hosts: ${ms.get(hosts)!.toFixed(0)} ms`);
    }
    const names = Array.from({ length: 30_000 }, (_, i) => `y${i}`);
    const yaml = `all:\n  children:\n    big:\n      hosts:\n${names.map((h) => `        ${h}:\n`).join('')}`;
    const t0 = performance.now();
    parseInventoryText(yaml, path.join(dir, 'big.yml'));
    const yamlMs = performance.now() - t0;
    const small = ms.get(5000)!;
    const large = ms.get(20_000)!;
    return {
      rows: [
        info('Catalog of a 5,000-host ssh config', small, 'ms'),
        row('Catalog of a 20,000-host ssh config', large, 'ms', '5,000 hosts (linear: 4×)', small),
        info('30,000-host YAML inventory group', yamlMs, 'ms'),
      ],
      verdicts: [
        { what: 'a 20,000-host ssh config is listed in under 1 s', met: large < 1000, detail: `${large.toFixed(0)} ms` },
        { what: 'reading is linear: 4× the hosts in under 6× the time', met: large / small < 6, detail: `${(large / small).toFixed(2)}×` },
      ],
      notes: [],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
