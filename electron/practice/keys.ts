/**
 * The practice fleet's key material on disk: one persistent host key per host, one client key, and
 * a known_hosts file (plus a matching ssh_config) rewritten at each start because ports change.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { utils, type ParsedKey } from 'ssh2';

export interface PracticeKeyPaths {
  root: string;
  keysDir: string;
  clientKeyPath: string;
  knownHostsPath: string;
  sshConfigPath: string;
}

export function practicePaths(dataDir: string): PracticeKeyPaths {
  const root = join(dataDir, 'practice');
  return {
    root,
    keysDir: join(root, 'keys'),
    clientKeyPath: join(root, 'id_ed25519'),
    knownHostsPath: join(root, 'known_hosts'),
    sshConfigPath: join(root, 'ssh_config'),
  };
}

/** Writes through a temporary name so a crash never leaves a half-written key or known_hosts. */
function writeAtomic(path: string, text: string, mode: number): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode });
  chmodSync(tmp, mode); // the umask may have narrowed or the file may have existed with other bits
  renameSync(tmp, path);
}

function parseSingle(text: string | Buffer, path: string): ParsedKey {
  const parsed = utils.parseKey(text);
  if (parsed instanceof Error) throw new Error(`practice fleet: cannot read key ${path}: ${parsed.message}`);
  const key = Array.isArray(parsed) ? (parsed[0] as ParsedKey | undefined) : parsed;
  if (!key) throw new Error(`practice fleet: key file ${path} holds no key`);
  return key;
}

export interface KeyPair {
  /** OpenSSH private key text ("-----BEGIN OPENSSH PRIVATE KEY-----"), readable by ssh2 and `ssh -i`. */
  privateText: string;
  /** `ssh-ed25519 AAAA... comment` */
  publicLine: string;
  parsed: ParsedKey;
}

/**
 * Loads the ed25519 key at `path`, or makes one. A key that cannot be read is replaced rather than
 * trusted: these are throwaway practice identities, and the known_hosts is rewritten to match.
 */
export function loadOrCreateKey(path: string, comment: string): KeyPair {
  if (existsSync(path)) {
    try {
      const privateText = readFileSync(path, 'utf8');
      const parsed = parseSingle(privateText, path);
      if (parsed.type === 'ssh-ed25519' && parsed.isPrivateKey()) {
        chmodSync(path, 0o600); // OpenSSH refuses a private key others can read
        const publicLine = `${parsed.type} ${parsed.getPublicSSH().toString('base64')} ${comment}`;
        return { privateText, publicLine, parsed };
      }
    } catch {
      // fall through and regenerate
    }
  }
  const pair = generateEd25519(comment, path);
  writeAtomic(path, pair.privateText, 0o600);
  writeAtomic(`${path}.pub`, `${pair.publicLine}\n`, 0o644);
  return pair;
}

/** An ed25519 public key on the wire: string "ssh-ed25519" (4 + 11 bytes) and a 32-byte string. */
const ED25519_PUBLIC_WIRE_LENGTH = 4 + 11 + 4 + 32;

/**
 * ssh2 1.17's generator drops a leading zero byte of the public key about once in 256 keys; the
 * result is a file neither ssh2 nor OpenSSH can load. Such a key is thrown away and made again.
 */
function generateEd25519(comment: string, path: string): KeyPair {
  for (let attempt = 0; attempt < 32; attempt += 1) {
    const pair = utils.generateKeyPairSync('ed25519', { comment });
    const parsed = utils.parseKey(pair.private);
    if (parsed instanceof Error || Array.isArray(parsed)) continue;
    if (parsed.getPublicSSH().length !== ED25519_PUBLIC_WIRE_LENGTH) continue;
    return { privateText: pair.private, publicLine: pair.public, parsed };
  }
  throw new Error(`practice fleet: could not generate a usable ed25519 key for ${path}`);
}

export function ensurePracticeDirs(paths: PracticeKeyPaths): void {
  mkdirSync(paths.keysDir, { recursive: true, mode: 0o700 });
  chmodSync(paths.root, 0o700);
  chmodSync(paths.keysDir, 0o700);
}

/** OpenSSH writes port 22 bare and any other port as [host]:port. */
export function knownHostsName(address: string, port: number): string {
  return port === 22 ? address : `[${address}]:${port}`;
}

export interface ListeningHost {
  alias: string;
  address: string;
  port: number;
  hostKey: ParsedKey;
}

/** Fleets of this process that are still open, by instance tag (see knownHostsTag). */
const liveInstances = new Set<string>();
let instanceCounter = 0;

/** A tag for one fleet's known_hosts lines, so fleets of other live processes keep theirs. */
export function newFleetTag(): string {
  instanceCounter += 1;
  const tag = `${process.pid}.${instanceCounter}`;
  liveInstances.add(tag);
  return tag;
}

export function retireFleetTag(tag: string): void {
  liveInstances.delete(tag);
}

const TAG_RE = /\(warroom practice (\d+)\.(\d+)\)$/;

function tagIsLive(pid: number, tag: string): boolean {
  if (pid === process.pid) return liveInstances.has(tag);
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by someone else
  }
}

/**
 * Rewrites known_hosts with this fleet's lines, keeping the lines of practice fleets still running
 * elsewhere (the app and `warroom web` on the same data dir each run one, on different ports).
 * Lines of fleets that are gone are dropped, so the file does not grow across launches.
 */
export function writeKnownHosts(path: string, hosts: readonly ListeningHost[], tag: string | null): void {
  let kept: string[] = [];
  try {
    kept = readFileSync(path, 'utf8').split('\n').filter((line) => {
      const m = TAG_RE.exec(line);
      return m !== null && `${m[1]}.${m[2]}` !== tag && tagIsLive(Number(m[1]), `${m[1]}.${m[2]}`);
    });
  } catch {
    // no file yet
  }
  const lines = ['# Warroom practice fleet. Rewritten at every start, because the ports change.'];
  if (tag !== null) {
    for (const h of hosts) {
      lines.push(`${knownHostsName(h.address, h.port)} ${h.hostKey.type} ${h.hostKey.getPublicSSH().toString('base64')} ${h.alias} (warroom practice ${tag})`);
    }
  }
  lines.push(...kept);
  writeAtomic(path, `${lines.join('\n')}\n`, 0o644);
}

/** An ssh_config so a user can reach a practice host with plain OpenSSH: `ssh -F FILE web-02`. */
export function writeSshConfig(path: string, hosts: readonly ListeningHost[], paths: PracticeKeyPaths): void {
  const quote = (p: string): string => (/[\s"]/.test(p) ? `"${p.replace(/"/g, '\\"')}"` : p);
  const blocks = hosts.map((h) => [
    `Host ${h.alias}`,
    `  HostName ${h.address}`,
    `  Port ${h.port}`,
    '  User sre',
    `  IdentityFile ${quote(paths.clientKeyPath)}`,
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${quote(paths.knownHostsPath)}`,
    '  StrictHostKeyChecking yes',
    '  HashKnownHosts no',
  ].join('\n'));
  writeAtomic(path, `# Warroom practice fleet. Rewritten at every start.\n${blocks.join('\n\n')}\n`, 0o644);
}
