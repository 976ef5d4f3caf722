import { useCallback, useEffect, useRef, useState } from 'react';
import type { SaveConflict, WriteupSection } from '../../../shared/model/writeup';
import { useController, useWarroom } from '../../app/context';
import { formatUtc } from '../../format/time';
import { ConflictBox } from './ConflictBox';
import { lintMarks, type LintContext, type LintMark } from './lintMarks';
import { MarkdownEditor, type EditorHandle } from './MarkdownEditor';
import { Preview } from './Preview';
import { SectionHistory } from './SectionHistory';

const STATE_LABEL: Record<WriteupSection['state'], string> = { empty: 'empty', draft: 'draft', accepted: 'accepted', person: 'written' };

interface Props {
  section: WriteupSection;
  unsaved: string | undefined;
  conflict: SaveConflict | undefined;
  lint: LintContext;
}

/**
 * One section: title, state, version and author; opened, the CodeMirror editor with the live
 * preview under it, the lint's marks in the text, and save (button or Ctrl/Cmd-S) with the
 * version the text was edited from. A section with unsaved text or a conflict opens by itself.
 */
export function SectionCard({ section, unsaved, conflict, lint }: Props) {
  const writeup = useController().writeup;
  const picked = useWarroom((s) => s.timelinePick);
  const [open, setOpen] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const [waiving, setWaiving] = useState<LintMark | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const editor = useRef<EditorHandle | null>(null);
  const text = unsaved ?? section.text;
  const pending = unsaved !== undefined || conflict !== undefined;
  // A section opened by unsaved text (after a reload) or a conflict stays open once saved.
  useEffect(() => {
    if (pending) setOpen(true);
  }, [pending]);
  const editing = open || pending;
  const id = section.id;

  const marks = useCallback((t: string) => lintMarks(t, id, lint), [id, lint]);
  const save = useCallback(async () => {
    setBusy(true);
    await writeup.save(id);
    setBusy(false);
  }, [writeup, id]);
  const waive = async () => {
    if (!waiving || !reason.trim()) return;
    if (await writeup.waive(id, waiving, reason.trim(), unsaved)) {
      setWaiving(null);
      setReason('');
    }
  };
  const who = section.version ? `#${section.version} · ${section.state === 'draft' ? 'from the evidence' : (section.actor ?? '')}${section.ts ? ` · ${formatUtc(section.ts)}` : ''}` : 'never saved';

  return (
    <li className={`writeup-section state-${section.state}`} data-testid="writeup-section" data-section={id} data-state={section.state} data-version={section.version ?? undefined}>
      <div className="writeup-section-head">
        <button type="button" className="link section-name" aria-expanded={editing} data-testid="writeup-open" onClick={() => setOpen((o) => !o)}>
          {section.title}
        </button>
        <span className={`badge sstate-${section.state}`} data-testid="writeup-section-state">
          {STATE_LABEL[section.state]}
        </span>
        {unsaved !== undefined ? (
          <span className="badge unsaved" data-testid="writeup-unsaved" title="Typed here and not saved yet (kept in this window across a reload)">
            ● unsaved
          </span>
        ) : null}
        <span className="muted small grow writeup-who" title={who}>
          {who}
        </span>
      </div>
      {!editing && section.state !== 'empty' ? <Preview text={section.text} /> : null}
      {editing ? (
        <div className="writeup-editing">
          {conflict ? <ConflictBox conflict={conflict} /> : null}
          <MarkdownEditor
            text={text}
            label={`${section.title} (Markdown)`}
            placeholder={`${section.title}: Markdown; cite events as #seq`}
            onChange={(t) => writeup.edit(id, t)}
            onSave={() => void save()}
            marks={marks}
            onWaive={(m) => {
              setWaiving(m);
              setReason('');
            }}
            handle={editor}
            testId="writeup-editor"
          />
          {waiving ? (
            <form
              className="row writeup-waive"
              data-testid="writeup-waive"
              onSubmit={(e) => {
                e.preventDefault();
                void waive();
              }}
            >
              <span className="small grow">
                Waive {waiving.rule} “{waiving.words}”
              </span>
              <input data-testid="writeup-waive-reason" placeholder="why these words stay" maxLength={2000} value={reason} autoFocus onChange={(e) => setReason(e.target.value)} />
              <button type="submit" data-testid="writeup-waive-submit" disabled={!reason.trim()}>
                Waive
              </button>
              <button type="button" onClick={() => setWaiving(null)}>
                Cancel
              </button>
            </form>
          ) : null}
          <div className="row writeup-tools">
            <button type="button" className="primary" data-testid="writeup-save" disabled={busy || unsaved === undefined || conflict !== undefined} onClick={() => void save()} title="Save (Ctrl/Cmd-S)">
              Save
            </button>
            <button
              type="button"
              data-testid="writeup-cite"
              disabled={picked === null}
              title={picked === null ? 'Click an event on the timeline to cite it' : `Insert #${picked} at the cursor`}
              onClick={() => picked !== null && editor.current?.insert(`#${picked}`)}
            >
              Cite {picked === null ? 'event' : `#${picked}`}
            </button>
            {unsaved === undefined && !conflict ? (
              <button type="button" className="push" onClick={() => setOpen(false)}>
                Close
              </button>
            ) : null}
          </div>
          <Preview text={text} testId="writeup-live-preview" />
        </div>
      ) : null}
      <div className="row writeup-actions">
        {section.state === 'empty' && unsaved === undefined ? (
          <button type="button" data-testid="writeup-draft" disabled={busy} onClick={() => void writeup.draft(id)}>
            Draft from evidence
          </button>
        ) : null}
        {section.state === 'draft' && section.version && unsaved === undefined ? (
          <button type="button" data-testid="writeup-accept" onClick={() => void writeup.accept(id, section.version as number)}>
            Accept draft
          </button>
        ) : null}
        {section.versions > 0 ? (
          <button type="button" className="link" data-testid="writeup-history-toggle" aria-expanded={showHistory} onClick={() => setShowHistory(!showHistory)}>
            {showHistory ? 'Hide history' : `History (${section.versions})`}
          </button>
        ) : null}
      </div>
      {showHistory ? <SectionHistory section={id} version={section.version} /> : null}
    </li>
  );
}
