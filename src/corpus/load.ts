/**
 * Reading a folder: its files (sorted, hidden files and the README left out), each through the pipeline —
 * in this thread, or on the worker pool with the content-hash cache from PARALLEL_FROM files on.
 * Bad files become failures with a reason; the others go through.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Doc, Failure } from '../model.js';
import { processFile, type ProcessOptions } from '../pipeline.js';
import { describeError } from '../errors.js';
import { type Interner, interner } from './intern.js';

export interface Progress {
  (done: number, total: number, label: string): void;
}

export interface CorpusOptions extends ProcessOptions {
  /** worker threads; 0 = in this thread. Default: all cores from PARALLEL_FROM files on */
  workers?: number;
  /** content-hash cache for the worker path (null: none) */
  cacheDir?: string | null;
  /** per-file time limit (default 60 s) of the isolated and parallel paths */
  timeoutMs?: number;
  /**
   * with `workers: 0`, read the files one at a time in an isolated worker thread (the time limit and the
   * memory limits hold; no cache) instead of in this thread. The CLI always sets it; in-thread reading
   * (no time limit) is for tests and library callers that trust their input.
   */
  isolate?: boolean;
  /** files outside the folder whose documents may be the base a plan implements (`--base FILE`) */
  baseFiles?: string[];
}

/** Below this many files, starting worker threads costs more than it saves. */
export const PARALLEL_FROM = 16;

/**
 * Files of a corpus folder: every entry but folders, hidden files and the README, sorted by name.
 * What cannot be read as a file (a symlink loop, a dangling link, a FIFO, a device) is kept in the
 * list so that reading it fails with a reason (listed as a failure) instead of stopping the run or
 * being skipped silently.
 */
export async function corpusFiles(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((f) => !f.startsWith('.') && !/^readme(\.\w+)?$/i.test(f)).sort();
  const out: string[] = [];
  for (const n of names) {
    const st = await stat(path.join(dir, n)).catch(() => null);
    if (!st?.isDirectory()) out.push(n);
  }
  return out;
}

/** Read every file of the folder; bad files become failures, the others go through. */
export async function loadCorpus(dir: string, opts: CorpusOptions, progress?: Progress, intern: Interner = interner()): Promise<{ files: string[]; docs: Doc[]; failures: Failure[]; cacheDir: string | null }> {
  const files = await corpusFiles(dir);
  const docs: Doc[] = [];
  const failures: Failure[] = [];
  const { processMany, defaultWorkers, DEFAULT_CACHE_DIR } = await import('../batch/index.js');
  const workers = opts.workers ?? (files.length >= PARALLEL_FROM ? defaultWorkers() : 0);
  if (workers > 0 || opts.isolate) {
    // worker pool over the cores, results in input order, unchanged files served from the cache;
    // or (isolate, no parallel workers) one isolated worker, one file at a time, no cache
    const paths = files.map((f) => path.join(dir, f));
    let i = 0;
    const cacheDir = workers > 0 ? (opts.cacheDir === undefined ? DEFAULT_CACHE_DIR : opts.cacheDir) : null;
    for await (const item of processMany(paths, { ...opts, workers: Math.max(1, workers), cacheDir: cacheDir ?? undefined })) {
      progress?.(++i, files.length, files[item.index]);
      if (item.ok) docs.push(...intern(item.docs));
      else failures.push({ file: files[item.index], code: item.code, reason: item.reason });
    }
    progress?.(files.length, files.length, '');
    return { files, docs, failures, cacheDir };
  }
  for (let i = 0; i < files.length; i++) {
    progress?.(i, files.length, files[i]);
    try {
      docs.push(...(await processFile(path.join(dir, files[i]), opts)).docs);
    } catch (e) {
      failures.push({ file: files[i], ...describeError(e) });
    }
  }
  progress?.(files.length, files.length, '');
  return { files, docs, failures, cacheDir: null };
}
