import { useMemo, useRef, useState, type FormEvent } from 'react';
import { MarkerKind, type JournalEvent } from '../../../shared/model/incident';
import { useController, useWarroom } from '../../app/context';
import { describeEvent } from '../../format/timeline';
import type { EventAnnotations } from '../../store/eventAnnotations';
import { TimeStamp } from './TimeStamp';
import { ActionForm } from './ActionForm';

const MARKER_LABEL: Record<MarkerKind, string> = {
  detection: 'detection',
  diagnosis: 'diagnosis',
  repair: 'repair',
  'key-moment': 'key moment',
};

type Form = 'edit' | 'redact' | 'action' | null;

/**
 * Under each timeline event: its attachments and corrections, and (behind "⋯") markers, pin,
 * edit, redact, attach and a new action item from this event. Corrections are new events; the original is shown on request.
 */
export function EventActions({ event }: { event: JournalEvent }) {
  const controller = useController();
  const actions = controller.incident;
  const seq = event.seq;
  // One stable object per annotated event (see indexAnnotations): a details refresh re-renders only the rows it changed.
  const annotations = useWarroom((s) => (s.detailsFor === s.incident?.id ? s.annotations[seq] : undefined)) ?? NONE;
  const { pinned, edits, redactions, attachments } = annotations;
  const markerSet = useMemo(() => new Set(annotations.markers), [annotations]);
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<Form>(null);
  const [original, setOriginal] = useState(false);
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const corrected = edits.length > 0 || redactions.length > 0;
  // Only notes are corrected by edits; any event can be redacted (a pasted secret, a wrong host).
  const editable = event.type === 'note' && redactions.length === 0;

  const run = async (work: () => Promise<boolean>) => {
    setBusy(true);
    const ok = await work();
    setBusy(false);
    return ok;
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (form === 'edit') {
      if (await run(() => actions.edit(seq, text.trim(), reason.trim() || undefined))) setForm(null);
    } else if (form === 'redact') {
      if (await run(() => actions.redact(seq, reason.trim()))) setForm(null);
    }
  };
  const openForm = (next: Form) => {
    setForm(form === next ? null : next);
    setText(next === 'edit' ? (edits.at(-1)?.text ?? describeEvent(event).text) : '');
    setReason('');
  };

  return (
    <div className="event-extra">
      {attachments.length > 0 ? (
        <ul className="attachments">
          {attachments.map((a) => (
            <li key={a.seq} data-testid="event-attachment" title={`sha256 ${a.sha256}`}>
              <span className="attach-tag">file</span> <span className="mono">{a.name}</span> <span className="muted small">({formatBytes(a.bytes)}, {a.file})</span>
              {a.caption ? <span className="small"> — {a.caption}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <button type="button" className="link tools-toggle" data-testid="event-actions-toggle" aria-expanded={open} title="Mark, pin, edit, redact, attach, new action" onClick={() => setOpen(!open)}>
        ⋯
      </button>
      {corrected ? (
        <button type="button" className="link show-original" data-testid="event-show-original" aria-expanded={original} onClick={() => setOriginal(!original)}>
          {original ? 'hide original' : 'show original'}
        </button>
      ) : null}
      {original ? (
        <div className="original" data-testid="event-original">
          <div className="small muted">original (#{seq}, by {event.actor}):</div>
          <div className="event-text">{describeEvent(event).text}</div>
          {edits.map((e) => (
            <div key={e.seq} className="small muted">
              edited by {e.actor} at <TimeStamp iso={e.ts} /> (#{e.seq}){e.reason ? `: ${e.reason}` : ''}
            </div>
          ))}
          {redactions.map((r) => (
            <div key={r.seq} className="small muted">
              redacted by {r.actor} at <TimeStamp iso={r.ts} /> (#{r.seq}): {r.reason}
            </div>
          ))}
        </div>
      ) : null}
      {open ? (
        <div className="event-actions" role="group" aria-label={`Actions on event ${seq}`}>
          {MarkerKind.options.map((m) => (
            <button
              type="button"
              key={m}
              className={markerSet.has(m) ? 'chip active' : 'chip'}
              aria-pressed={markerSet.has(m)}
              data-testid="event-marker"
              data-marker={m}
              disabled={busy}
              onClick={() => void run(() => actions.mark(seq, m, !markerSet.has(m)))}
            >
              {MARKER_LABEL[m]}
            </button>
          ))}
          <button type="button" className={pinned ? 'chip active' : 'chip'} aria-pressed={pinned} data-testid="event-pin" disabled={busy} onClick={() => void run(() => actions.pin(seq, !pinned))}>
            {pinned ? 'unpin' : 'pin'}
          </button>
          {editable ? (
            <button type="button" className="chip" data-testid="event-edit" aria-expanded={form === 'edit'} onClick={() => openForm('edit')}>
              edit
            </button>
          ) : null}
          {redactions.length === 0 ? (
            <button type="button" className="chip" data-testid="event-redact" aria-expanded={form === 'redact'} onClick={() => openForm('redact')}>
              redact
            </button>
          ) : null}
          <button type="button" className="chip" data-testid="event-new-action" aria-expanded={form === 'action'} title="New action from this event" onClick={() => openForm('action')}>
            new action
          </button>
          <label className="chip file-chip" title="Attach a file (screenshot, graph) to this event">
            attach
            <input
              ref={fileInput}
              type="file"
              data-testid="event-attach"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void run(() => actions.attach(file, seq)).finally(() => fileInput.current && (fileInput.current.value = ''));
              }}
            />
          </label>
        </div>
      ) : null}
      {open && form === 'action' ? <ActionForm from={[seq]} onDone={() => setForm(null)} /> : null}
      {open && (form === 'edit' || form === 'redact') ? (
        <form className="event-form" onSubmit={(e) => void submit(e)}>
          {form === 'edit' ? (
            <textarea data-testid="event-edit-text" rows={2} aria-label="Corrected text" value={text} autoFocus onChange={(e) => setText(e.target.value)} />
          ) : null}
          <input
            data-testid={form === 'edit' ? 'event-edit-reason' : 'event-redact-reason'}
            placeholder={form === 'edit' ? 'why (optional)' : 'why it is hidden (required)'}
            value={reason}
            maxLength={2000}
            autoFocus={form === 'redact'}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="row">
            <button
              type="submit"
              className={form === 'redact' ? 'danger' : 'primary'}
              data-testid={form === 'edit' ? 'event-edit-save' : 'event-redact-save'}
              disabled={busy || (form === 'edit' ? text.trim() === '' : reason.trim() === '')}
            >
              {form === 'edit' ? 'Save correction' : 'Redact'}
            </button>
            <button type="button" onClick={() => setForm(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

const NONE: EventAnnotations = { pinned: false, markers: [], edits: [], redactions: [], attachments: [] };

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
