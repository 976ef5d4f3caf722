import { useState } from 'react';
import { useController, useWarroom } from '../app/context';

type FileFormat = 'html' | 'pdf' | 'json';
const FILE_FORMATS: ReadonlyArray<{ format: FileFormat; label: string }> = [
  { format: 'html', label: 'HTML' },
  { format: 'pdf', label: 'PDF' },
  { format: 'json', label: 'JSON' },
];

/** The write-up: where it was written, and what it says, as plain text. */
export function ExportPanel() {
  const controller = useController();
  const last = useWarroom((s) => s.lastExport);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(true);
  const [written, setWritten] = useState<string | null>(null);
  const run = (work: () => Promise<void>) => {
    setBusy(true);
    void work().finally(() => setBusy(false));
  };
  const exportFile = (format: FileFormat) =>
    run(async () => {
      try {
        const { path } = await controller.api.request('export.file', { format });
        setWritten(path);
      } catch (err) {
        controller.fail(`Export ${format.toUpperCase()}`, err);
      }
    });
  return (
    <section className="panel export" aria-label="Write-up">
      <div className="section-title">
        Write-up
        <span className="export-buttons">
          <button type="button" data-testid="export-markdown" disabled={busy} onClick={() => run(() => controller.incident.exportMarkdown())}>
            Export Markdown
          </button>
          {FILE_FORMATS.map(({ format, label }) => (
            <button key={format} type="button" data-testid={`export-${format}`} disabled={busy} onClick={() => exportFile(format)}>
              {label}
            </button>
          ))}
        </span>
      </div>
      {written ? (
        <div className="export-path small">
          Written to <code data-testid="export-file-path">{written}</code>
        </div>
      ) : null}
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
