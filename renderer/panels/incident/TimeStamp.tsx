import { formatLocalTime, formatUtc } from '../../format/time';

/** A full date in local time: incidents run past midnight, so "local" alone would be ambiguous. */
export function formatLocalFull(iso: string | number | Date): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatLocalTime(d)}`;
}

/** Every time in the incident panels: UTC with its date, then local time with its date. */
export function TimeStamp({ iso, testId }: { iso: string; testId?: string }) {
  return (
    <span className="stamp" data-testid={testId}>
      <time dateTime={iso}>{formatUtc(iso)}</time> <span className="muted">({formatLocalFull(iso)})</span>
    </span>
  );
}
