import { formatLocalTime, formatUtc } from '../../format/time';


/** Every time in the incident panels: UTC with its date, then local time with its date. */
export function TimeStamp({ iso, testId }: { iso: string; testId?: string }) {
  return (
    <span className="stamp" data-testid={testId}>
      <time dateTime={iso}>{formatUtc(iso)}</time> <span className="muted">({formatLocalTime(iso)})</span>
    </span>
  );
}
