/** Runs the `warroom` CLI: built (as build/build.mjs does) in a child process, or in-process through main(). */
import { expect } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../../electron/cli/main';
import { bundle } from '../../fixtures/bundle';

const root = path.resolve(__dirname, '../../..');

export async function buildCli(dir: string): Promise<string> {
  return bundle(path.join(root, 'electron/cli/bin.ts'), path.join(dir, 'warroom.cjs'));
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion; `input` is written to its stdin (then closed). */
export function runCli(cli: string, args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
      reject(new Error(`warroom ${args.join(' ')} did not finish in 30 s; stderr: ${stderr}`));
    }, 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

/**
 * Runs one command line through the CLI's own `main`, in this process, with captured streams and
 * only the environment given (plus PATH), the way bin.ts runs it with the real process's.
 */
export async function runInProcess(args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  const stdin = new PassThrough();
  stdin.end(input ?? '');
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const code = await main(['node', 'warroom', ...args], {
    stdout,
    stderr,
    stdin,
    env: { PATH: process.env.PATH ?? '', ...env },
    stopRequested: () => stopped,
  });
  stop();
  return { code, stdout: out, stderr: err };
}

/** A command that must succeed quietly: empty stderr, exit 0; its stdout. */
export function expectOk(r: CliResult, args: readonly string[]): string {
  expect(r.stderr, `warroom ${args.join(' ')}`).toBe('');
  expect(r.code, `warroom ${args.join(' ')}`).toBe(0);
  return r.stdout;
}
