import { useEffect, useState } from 'react';
import type { RequestOutput } from '../../../shared/contract';
import type { SectionId } from '../../../shared/model/writeup';
import { useController } from '../../app/context';
import { formatUtc } from '../../format/time';

type Versions = RequestOutput<'writeup.history'>['versions'];
type Diff = RequestOutput<'writeup.diff'>;

/**
 * Every saved version of a section, newest first, and the line diff between two of them: by
 * default the current version against the one before it; "compare" picks any other pair.
 */
export function SectionHistory({ section, version }: { section: SectionId; version: number | null }) {
  const writeup = useController().writeup;
  const [versions, setVersions] = useState<Versions | null>(null);
  const [pair, setPair] = useState<[number, number] | null>(null);
  const [diff, setDiff] = useState<Diff | null>(null);

  useEffect(() => {
    let live = true;
    void writeup.history(section).then((out) => {
      if (!live || !out) return;
      setVersions(out.versions);
      const [prev, last] = [out.versions.at(-2), out.versions.at(-1)];
      setPair(prev && last ? [prev.seq, last.seq] : null);
    });
    return () => {
      live = false;
    };
  }, [writeup, section, version]);

  useEffect(() => {
    if (!pair) return setDiff(null);
    let live = true;
    void writeup.diff(pair[0], pair[1]).then((out) => {
      if (live) setDiff(out);
    });
    return () => {
      live = false;
    };
  }, [writeup, pair]);

  if (!versions) return <p className="muted small">Loading history…</p>;
  if (versions.length === 0) return <p className="muted small">Never saved.</p>;
  return (
    <div className="writeup-history" data-testid="writeup-history">
      <ol className="versions">
        {[...versions].reverse().map((v, i, all) => {
          const older = all[i + 1];
          return (
            <li key={v.seq} data-testid="writeup-version" data-seq={v.seq} className={pair?.[1] === v.seq ? 'current' : undefined}>
              <span className="mono">#{v.seq}</span> {v.origin === 'draft' ? 'draft' : v.actor} · {formatUtc(v.ts)}
              {older ? (
                <button type="button" className="link" data-testid="writeup-compare" onClick={() => setPair([older.seq, v.seq])}>
                  diff with #{older.seq}
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
      {diff ? (
        <pre className="writeup-diff" data-testid="writeup-diff" aria-label={`Changes from #${diff.from.seq} to #${diff.to.seq}`}>
          {diff.parts.map((p, i) => (
            <span key={i} className={p.added ? 'added' : p.removed ? 'removed' : undefined}>
              {p.value
                .replace(/\n$/, '')
                .split('\n')
                .map((line) => `${p.added ? '+ ' : p.removed ? '- ' : '  '}${line}\n`)
                .join('')}
            </span>
          ))}
        </pre>
      ) : versions.length === 1 ? (
        <p className="muted small">One version: nothing to compare.</p>
      ) : null}
    </div>
  );
}
