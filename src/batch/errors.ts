import { IngestError } from '../ingest/types.js';

/**
 * A failure as {code, reason}. `deterministic` failures depend only on the bytes,
 * the options and the code version, so they may be cached; others (internal
 * errors, I/O) are retried on the next run.
 */
export function describeFailure(e: unknown): { code: string; reason: string; deterministic: boolean } {
  if (e instanceof IngestError) return { code: e.code, reason: e.message, deterministic: true };
  const code = e && typeof e === 'object' && 'code' in e ? (e as NodeJS.ErrnoException).code : undefined;
  if (code === 'ENOENT') return { code: 'not-found', reason: 'no such file', deterministic: false };
  if (code === 'EISDIR') return { code: 'is-a-directory', reason: 'is a directory, not a file', deterministic: false };
  if (code === 'EACCES' || code === 'EPERM') return { code: 'unreadable', reason: 'permission denied', deterministic: false };
  return { code: 'internal', reason: e instanceof Error ? e.message : String(e), deterministic: false };
}
