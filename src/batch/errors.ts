import type { FailureCode } from '../model.js';
import { describeError } from '../errors.js';
import { IngestError } from '../ingest/types.js';

/**
 * A failure as {code, reason} (the same as every command reports: `describeError`).
 * `deterministic` failures depend only on the bytes, the options and the code
 * version, so they may be cached; others (internal errors, I/O) are retried on the next run.
 */
export function describeFailure(e: unknown): { code: FailureCode; reason: string; deterministic: boolean } {
  return { ...describeError(e), deterministic: e instanceof IngestError };
}
