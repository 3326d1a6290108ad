/**
 * The one atomic, best-effort file write of the batch layer (cache entries, the run memo): the data goes to
 * a temporary file beside the target, then replaces it with one rename, so a reader (another run, another
 * worker) sees the old file or the new one, never half of one.
 */
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

let tmpSeq = 0;

/**
 * Write `data` to `file` atomically, creating its folder. Best effort: a file that cannot be written
 * (read-only folder, full disk) returns false and leaves no temporary file behind; it never throws.
 * `data` may be a function, called inside the guard (a body whose making can fail, e.g. a folder listing).
 */
export function writeFileAtomic(file: string, data: string | Uint8Array | (() => string | Uint8Array)): boolean {
  // unique per process, thread and call: concurrent writers of the same entry never share a temporary file
  const tmp = `${file}.${process.pid}.${threadId}.${tmpSeq++}.tmp`;
  try {
    const body = typeof data === 'function' ? data() : data;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, body);
    renameSync(tmp, file);
    return true;
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      /* never created */
    }
    return false;
  }
}
