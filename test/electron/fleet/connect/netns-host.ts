/**
 * One real sshd behind a veth link in its own network namespace, so a test can cut the network
 * and restore it (recipe: /work/shared/test-fleet.md, "Cutting the network"). Uses the sshd config,
 * host key and authorized keys of an existing fixture fleet, so logins go to that fleet's own user.
 * Stop it before the fleet: the fleet's stop() removes the user and kills whatever still runs as it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { stopPid, type SshdFleet } from '../../../fixtures/sshd-fleet';
import { descendants } from '../../../fixtures/processes';

export interface NetnsHost {
  address: string;
  port: number;
  hostname: string;
  cut(): void;
  restore(): void;
  stop(): Promise<void>;
}

const ip = (...args: string[]): void => {
  execFileSync('ip', args, { stdio: 'pipe' });
};

export async function startNetnsHost(fleet: SshdFleet, opts: { name: string; subnet: number; hostname: string }): Promise<NetnsHost> {
  const ns = opts.name;
  const hostSide = `${ns}h`;
  const nsSide = `${ns}n`;
  const base = `10.231.${opts.subnet}`;
  const address = `${base}.2`;
  const cleanupNet = (): void => {
    try {
      ip('link', 'del', hostSide);
    } catch {
      /* not there */
    }
    try {
      ip('netns', 'del', ns);
    } catch {
      /* not there */
    }
  };
  cleanupNet(); // litter from a crashed earlier run
  ip('netns', 'add', ns);
  let pid: number | undefined;
  try {
    ip('link', 'add', hostSide, 'type', 'veth', 'peer', 'name', nsSide);
    ip('link', 'set', nsSide, 'netns', ns);
    ip('addr', 'add', `${base}.1/30`, 'dev', hostSide);
    ip('link', 'set', hostSide, 'up');
    ip('netns', 'exec', ns, 'ip', 'addr', 'add', `${base}.2/30`, 'dev', nsSide);
    ip('netns', 'exec', ns, 'ip', 'link', 'set', nsSide, 'up');
    ip('netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up');
    const h = fleet.hosts[0]!;
    const log = openSync(join(fleet.dir, `${ns}.log`), 'a');
    const child = spawn(
      'setsid',
      ['ip', 'netns', 'exec', ns, 'unshare', '--uts', 'sh', '-c',
        `hostname ${opts.hostname} && exec /usr/sbin/sshd -D -e -f ${join(fleet.dir, 'sshd_config')} -o HostKey=${h.hostKeyPath} -o ListenAddress=${address}:22 -o PidFile=${join(fleet.dir, `${ns}.pid`)}`],
      { stdio: ['ignore', log, log] },
    );
    closeSync(log);
    child.unref();
    pid = child.pid;
    // sshd's connection children call setsid(), so the group alone would miss them.
    const killIt = (): void => {
      if (pid === undefined) return;
      for (const c of [...descendants(pid), pid]) {
        try {
          process.kill(c, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    };
    process.once('exit', () => {
      killIt();
      cleanupNet();
    });
    for (let i = 0; i < 100; i++) {
      const ok = await new Promise<boolean>((resolve) => {
        const s = connect({ host: address, port: 22 });
        s.once('data', () => {
          s.destroy();
          resolve(true);
        });
        s.once('error', () => resolve(false));
      });
      if (ok) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return {
      address,
      port: 22,
      hostname: opts.hostname,
      cut: () => ip('link', 'set', hostSide, 'down'),
      restore: () => ip('link', 'set', hostSide, 'up'),
      async stop() {
        if (pid !== undefined) await stopPid(pid);
        cleanupNet();
      },
    };
  } catch (e) {
    if (pid !== undefined) await stopPid(pid);
    cleanupNet();
    throw e;
  }
}
