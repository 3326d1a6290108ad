/**
 * The run memo of `rasoat analyze`: an unchanged re-run does no work at all.
 *
 * After a run that wrote its output folder, the memo records (in the cache folder, one file per output
 * folder) the key of the run — the code version, the options that change the results, the output folder,
 * every input's name and the sha256 of its bytes (or why it could not be read), the `--base` files — with
 * what the run printed, its exit status and the listing of the output folder as written (path, size,
 * modification time, inode: what `git status` and `make` trust). A later run with the same key whose output
 * folder still has exactly that listing prints the same summary (nothing written, every file unchanged) and
 * exits with the same status, without reading a document. Anything else — one input byte changed, an
 * input added or removed, another code version, an output file edited, touched, removed or added — and the
 * run does everything (and the content-hash cache serves what did not change).
 *
 * Only runs whose results depend on the inputs alone are memoized: a run with a failure other than a
 * document refused for its content (a timeout, a crash, a worker out of memory, a diff that failed, a
 * permission error…) is not, so the next run tries again. The memo is best effort like the cache: an
 * unreadable or corrupt memo is a miss, a memo that cannot be written is skipped.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readInput } from '../pipeline.js';
import { describeError } from '../errors.js';
import { pipelineVersion } from './cache.js';
import { writeFileAtomic } from './atomic.js';
import { RunRecord } from '../model.js';

/** Failure codes that depend only on a file's bytes and the options (the content-hash cache keeps them too). */
export const DETERMINISTIC_FAILURES = new Set([
  'corrupt-docx',
  'corrupt-pdf',
  'empty',
  'encrypted',
  'no-text',
  'no-text-layer',
  'not-a-document',
  'not-a-file',
  'not-vietnamese',
  'ocr-failed',
  'too-large',
  'unsupported-format',
  'is-a-directory',
]);

export { RunRecord } from '../model.js';

/**
 * The key of a run: code version, options, output folder, and each input (name + sha256 of its bytes, or the
 * reason it cannot be read: a FIFO or a dangling link is never opened for reading).
 */
export async function runKey(parts: { dir: string; files: string[]; outDir: string; options: unknown; baseFiles: string[]; maxBytes?: number }): Promise<string> {
  const h = createHash('sha256');
  h.update(`rasoat-run-1\0${pipelineVersion()}\0${JSON.stringify(parts.options)}\0${parts.outDir}\0${path.resolve(parts.outDir)}\0`);
  const one = async (label: string, file: string) => {
    h.update(label).update('\0');
    try {
      h.update(createHash('sha256').update(await readInput(file, parts.maxBytes)).digest('hex'));
    } catch (e) {
      h.update(`!${(e as { code?: string }).code ?? ''}:${describeError(e).code}`);
    }
    h.update('\n');
  };
  for (const f of parts.files) await one(f, path.join(parts.dir, f));
  for (const f of parts.baseFiles) await one(`--base ${f}\0${path.resolve(f)}`, f);
  return h.digest('hex');
}

const memoFile = (cacheDir: string, outDir: string) => path.join(cacheDir, 'runs', createHash('sha256').update(path.resolve(outDir)).digest('hex').slice(0, 32) + '.json');

function listing(root: string, rel = '', out: Record<string, [number, number, number]> = {}): Record<string, [number, number, number]> {
  for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) listing(root, r, out);
    else {
      const st = statSync(path.join(root, r));
      out[r] = [st.size, st.mtimeMs, st.ino];
    }
  }
  return out;
}

/** The recorded run when its key is `key` and the output folder is exactly as that run left it; else null. */
export function recalledRun(cacheDir: string, outDir: string, key: string): RunRecord | null {
  let rec: RunRecord;
  try {
    // parsed with its schema: a memo of another shape (edited, or written by another version) is a miss
    const r = RunRecord.safeParse(JSON.parse(readFileSync(memoFile(cacheDir, outDir), 'utf8')));
    if (!r.success) return null;
    rec = r.data;
  } catch {
    return null;
  }
  if (rec.key !== key) return null;
  let now: Record<string, [number, number, number]>;
  try {
    now = listing(outDir);
  } catch {
    return null;
  }
  const want = Object.keys(rec.listing);
  if (Object.keys(now).length !== want.length) return null;
  for (const r of want) {
    const a = now[r];
    const b = rec.listing[r];
    if (!a || a[0] !== b[0] || a[1] !== b[1] || a[2] !== b[2]) return null;
  }
  return rec;
}

/** Record a finished run (best effort). */
export function recordRun(cacheDir: string, outDir: string, rec: Omit<RunRecord, 'listing'>): boolean {
  return writeFileAtomic(memoFile(cacheDir, outDir), () => JSON.stringify({ ...rec, listing: listing(outDir) }));
}
