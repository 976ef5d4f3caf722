/** Generated known_hosts host fields and names: our matching must pick the lines ssh-keygen -F picks. */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createKnownHosts } from '../../../../electron/fleet/config/index';
import { sshKeygen, tempDir } from './oracle';

const dir = tempDir('khgen');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Distinct ed25519-shaped blobs: the line index is written into the key so each line is identifiable. */
function blob(i: number): Buffer {
  const b = Buffer.alloc(32, 0);
  b.writeUInt32BE(i, 0);
  return Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), b]);
}

describe('known_hosts matching agrees with ssh-keygen -F', () => {
  it('on 150 generated files', () => {
    const name = fc.constantFrom('web1', 'web2', 'db.example.com', 'x.example.com', '10.0.0.1', 'Web1');
    const pat = fc.oneof(
      name,
      fc.constantFrom('*', 'web?', '*.example.com', 'w*1', '10.0.0.*', '?', 'db*', '[web1]:2222', '[web?]:22*', '[*]:2222', '[10.0.0.1]:22'),
    );
    const entry = fc.array(fc.tuple(fc.boolean(), pat).map(([neg, p]) => (neg ? `!${p}` : p)), { minLength: 1, maxLength: 3 }).map((ps) => ps.join(','));
    const query = fc.tuple(fc.constantFrom('web1', 'web2', 'db.example.com', 'x.example.com', '10.0.0.1', 'web12', 'q'), fc.constantFrom(22, 2222));
    let n = 0;
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 6 }), query, (entries, [host, port]) => {
        const f = path.join(dir, `kh${n++}`);
        fs.writeFileSync(f, entries.map((e, i) => `${e} ssh-ed25519 ${blob(i).toString('base64')}`).join('\n') + '\n');
        const nameQ = port === 22 ? host : `[${host}]:${port}`;
        const found = [...sshKeygen(['-F', nameQ, '-f', f]).stdout.matchAll(/found: line (\d+)/g)].map((m) => Number(m[1]));
        const kh = createKnownHosts();
        const ours: number[] = [];
        entries.forEach((_e, i) => {
          const r = kh.check([f], host, port, 'ssh-ed25519', blob(i));
          if (r.status === 'known') ours.push(r.line);
        });
        expect(ours, `${nameQ} in ${JSON.stringify(entries)}`).toEqual(found);
      }),
      { numRuns: 150 },
    );
  });
});
