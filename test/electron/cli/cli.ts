/** Builds the real `warroom` CLI (as build/build.mjs does) and runs it as a child process. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { bundle } from '../../fixtures/bundle';

const root = path.resolve(__dirname, '../../..');

export async function buildCli(dir: string): Promise<string> {
  return bundle(path.join(root, 'electron/cli/main.ts'), path.join(dir, 'warroom.cjs'));
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
