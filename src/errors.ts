import { IngestError } from './ingest/types.js';

import type { FailureCode } from './model.js';

export type { Failure } from './model.js';

/** Failure code and human reason of an error, the same for every command. */
export function describeError(e: unknown): { code: FailureCode; reason: string } {
  if (e instanceof IngestError) return { code: e.code, reason: e.message };
  const code = e && typeof e === 'object' && 'code' in e ? (e as NodeJS.ErrnoException).code : undefined;
  if (code === 'ENOENT') return { code: 'not-found', reason: 'no such file or folder (or a link to nothing)' };
  if (code === 'ELOOP') return { code: 'symlink-loop', reason: 'a symbolic link loop' };
  if (code === 'EISDIR') return { code: 'is-a-directory', reason: 'is a directory, not a file' };
  if (code === 'ENOTDIR') return { code: 'not-a-directory', reason: 'not a directory' };
  if (code === 'EACCES' || code === 'EPERM') return { code: 'permission-denied', reason: 'permission denied' };
  return { code: 'internal', reason: e instanceof Error ? e.message : String(e) };
}
