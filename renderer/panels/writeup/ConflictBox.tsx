import { useState } from 'react';
import type { SaveConflict } from '../../../shared/model/writeup';
import { useController } from '../../app/context';
import { formatUtc } from '../../format/time';
import { MarkdownEditor } from './MarkdownEditor';

/**
 * Someone saved the section after this text was started: both texts side by side, and the choice
 * is the person's: keep theirs (drops mine), keep mine (saved over theirs), or merge in an editor
 * that starts with both and is saved over theirs. Nothing is written until they choose.
 */
export function ConflictBox({ conflict }: { conflict: SaveConflict }) {
  const writeup = useController().writeup;
  const [merging, setMerging] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { section, theirs, yours } = conflict;
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    await work();
    setBusy(false);
  };
  return (
    <div className="writeup-conflict" role="alert" data-testid="writeup-conflict">
      <div className="small">
        Saved meanwhile{theirs.seq ? ` as #${theirs.seq}` : ''}
        {theirs.actor ? ` by ${theirs.actor}` : ''}
        {theirs.ts ? ` at ${formatUtc(theirs.ts)}` : ''}. Yours was edited from {yours.base ? `#${yours.base}` : 'an empty section'}.
      </div>
      <div className="conflict-texts">
        <div>
          <div className="subtitle">Theirs</div>
          <pre data-testid="conflict-theirs">{theirs.text}</pre>
        </div>
        <div>
          <div className="subtitle">Yours</div>
          <pre data-testid="conflict-yours">{yours.text}</pre>
        </div>
      </div>
      {merging !== null ? (
        <MarkdownEditor text={merging} label={`Merge of ${section}`} onChange={setMerging} onSave={() => void run(() => writeup.resolve(section, merging))} testId="conflict-merge" />
      ) : null}
      <div className="row">
        <button type="button" data-testid="conflict-theirs-keep" disabled={busy} onClick={() => writeup.keepTheirs(section)}>
          Keep theirs
        </button>
        <button type="button" data-testid="conflict-mine-keep" disabled={busy} onClick={() => void run(() => writeup.resolve(section, yours.text))}>
          Keep mine
        </button>
        {merging === null ? (
          <button type="button" data-testid="conflict-merge-start" disabled={busy} onClick={() => setMerging(`${theirs.text.trimEnd()}\n\n${yours.text.trimEnd()}\n`)}>
            Merge…
          </button>
        ) : (
          <button type="button" className="primary" data-testid="conflict-merge-save" disabled={busy} onClick={() => void run(() => writeup.resolve(section, merging))}>
            Save merge
          </button>
        )}
      </div>
    </div>
  );
}
