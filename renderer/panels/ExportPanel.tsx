import { useState } from 'react';
import { useController, useWarroom } from '../app/context';

/** The write-up: where it was written, and what it says, as plain text. */
export function ExportPanel() {
  const controller = useController();
  const last = useWarroom((s) => s.lastExport);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(true);
  return (
    <section className="panel export" aria-label="Write-up">
      <div className="section-title">
        Write-up
        <button
          type="button"
          data-testid="export-markdown"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void controller.exportMarkdown().finally(() => setBusy(false));
          }}
        >
          Export Markdown
        </button>
      </div>
      {last ? (
        <>
          <div className="export-path small">
            Written to <code data-testid="export-path">{last.path}</code>{' '}
            <button type="button" className="link" onClick={() => setOpen(!open)}>
              {open ? 'hide' : 'show'}
            </button>
          </div>
          {open ? <pre className="export-preview" data-testid="export-preview">{last.markdown}</pre> : null}
        </>
      ) : null}
    </section>
  );
}
