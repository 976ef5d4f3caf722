/**
 * The CLI's host key question, worded as OpenSSH words it, asked on the terminal one host at a time.
 * Only used when both stdin and stderr are terminals; otherwise the run refuses unknown keys.
 */
import { createInterface } from 'node:readline';
import type { HostKeyDecision, HostKeyPrompt } from '../../../shared/model/host';

export function ttyHostKeyAsker(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): (p: HostKeyPrompt) => Promise<HostKeyDecision> {
  let queue: Promise<unknown> = Promise.resolve();
  const ask = async (p: HostKeyPrompt): Promise<HostKeyDecision> => {
    const name = p.port === 22 ? p.host : `[${p.host}]:${p.port}`;
    const rl = createInterface({ input, output, terminal: true });
    try {
      output.write(`The authenticity of host '${p.alias} (${name})' can't be established.\n${p.keyType} key fingerprint is ${p.fingerprint}.\n`);
      for (;;) {
        const answer = (await new Promise<string>((resolve) => rl.question('Are you sure you want to continue connecting (yes/no/[fingerprint])? ', resolve))).trim();
        if (answer === 'yes' || answer === p.fingerprint) return 'accept-save';
        if (answer === 'no') return 'reject';
        output.write('Please type \'yes\', \'no\' or the fingerprint: ');
      }
    } finally {
      rl.close();
    }
  };
  return (p) => {
    const next = queue.then(() => ask(p));
    queue = next.catch(() => undefined);
    return next;
  };
}
