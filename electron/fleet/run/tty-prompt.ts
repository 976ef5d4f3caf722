/**
 * The CLI's questions on the terminal, worded as OpenSSH words them, one at a time: host keys,
 * passphrases, passwords, keyboard-interactive. Secrets are read without echo and kept in memory
 * only; an answer is reused for the same question from other hosts of the same run, as the window's
 * "for all hosts in this connect" does. Used only when stdin and stderr are terminals.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { HostKeyDecision, HostKeyPrompt } from '../../../shared/model/host';
import type { AskAuth } from '../connect/auth-prompt';

export interface TtyAsker {
  askHostKey(p: Omit<HostKeyPrompt, 'promptId'>, signal?: AbortSignal): Promise<HostKeyDecision>;
  askAuth: AskAuth;
}

export function ttyAsker(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): TtyAsker {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job);
    queue = next.catch(() => undefined);
    return next;
  };
  let muted = false;
  // Echo what the user types only when the question is not a secret.
  const echo = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (!muted) output.write(chunk);
      cb();
    },
  });
  const question = async (text: string, secret: boolean): Promise<string> => {
    output.write(text);
    const rl = createInterface({ input, output: echo, terminal: true });
    muted = secret;
    try {
      return await new Promise<string>((resolve) => rl.question('', resolve));
    } finally {
      muted = false;
      rl.close();
      if (secret) output.write('\n');
    }
  };

  const remembered = new Map<string, string[]>();
  return {
    askHostKey: (p, signal) =>
      serial(async () => {
        if (signal?.aborted) return 'reject';
        const name = p.port === 22 ? p.host : `[${p.host}]:${p.port}`;
        output.write(`The authenticity of host '${p.alias} (${name})' can't be established.\n${p.keyType} key fingerprint is ${p.fingerprint}.\n`);
        for (;;) {
          const a = (await question('Are you sure you want to continue connecting (yes/no/[fingerprint])? ', false)).trim();
          if (a === 'yes' || a === p.fingerprint) return 'accept-save';
          if (a === 'no') return 'reject';
          output.write("Please type 'yes', 'no' or the fingerprint.\n");
        }
      }),
    askAuth: (q, signal) =>
      serial(async () => {
        if (signal.aborted) return null;
        const again = remembered.get(q.signature);
        if (again && !q.instructions) return again;
        output.write(`${q.alias}: ${q.title}\n${q.instructions ? `${q.instructions}\n` : ''}`);
        const answers: string[] = [];
        for (const p of q.prompts) answers.push(await question(p.prompt, !p.echo));
        remembered.set(q.signature, answers);
        return answers;
      }),
  };
}
