/** Errors a journal reports, each naming the journal file so the user knows what failed. */
export class JournalWriteError extends Error {
  override name = 'JournalWriteError';
  constructor(
    readonly file: string,
    readonly code: string | undefined,
    cause: unknown,
  ) {
    super(`could not write to ${file}: ${describe(code, cause)}; the event was NOT recorded`, { cause });
  }
}

export class JournalOpenError extends Error {
  override name = 'JournalOpenError';
}

export function errnoCode(err: unknown): string | undefined {
  return err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

function describe(code: string | undefined, cause: unknown): string {
  if (code === 'ENOSPC') return 'no space left on device (ENOSPC)';
  if (code === 'EDQUOT') return 'disk quota exceeded (EDQUOT)';
  if (code === 'EROFS') return 'the file system is read-only (EROFS)';
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
  return cause instanceof Error ? cause.message : String(cause);
}
