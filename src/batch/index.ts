/**
 * Batch processing: many files over a pool of worker threads, results streamed in
 * input order (identical whatever the number of workers), a content-hash cache,
 * per-file size/page limits and timeout. Failures are items, never exceptions.
 *
 *   for await (const item of processMany(files, { workers: 2, cacheDir: DEFAULT_CACHE_DIR })) {
 *     if (item.ok) use(item.docs, item.extra.diff); else report(item.file, item.code, item.reason);
 *   }
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_LIMITS, validLimit } from '../ingest/limits.js';
import { readInput } from '../ingest/read.js';
import type { z } from 'zod';
import { BatchPayload, type Format } from '../model.js';
import { cacheKey, checkJson, dropCache, pipelineVersion, readCache } from './cache.js';
import { describeFailure } from './errors.js';
import { Pool } from './pool.js';
import type { BatchFailure, BatchHook, BatchItem, BatchOptions, BatchSuccess, HookSpec, StageTimings, WorkerReply } from './types.js';

export type { BatchFailure, BatchHook, BatchItem, BatchOptions, BatchSuccess, HookSpec, StageTimings } from './types.js';
export { DEFAULT_CACHE_DIR, cacheStats, pipelineVersion } from './cache.js';

export const DEFAULT_BATCH = {
  timeoutMs: 60_000,
  workerMemoryMb: 768,
  windowPerWorker: 8,
} as const;

export function defaultWorkers(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/** `checked`: the payload already decoded and validated (a cache hit); a worker's fresh payload is decoded when asked for. */
function success(index: number, file: string, sha: string, cached: boolean, ms: number, timings: StageTimings, format: Format | null, ndocs: number, raw: string | Buffer, checked: BatchPayload | null = null): BatchSuccess {
  let parsed: BatchPayload | null = checked;
  let text: string | null = typeof raw === 'string' ? raw : null;
  let bytes: Buffer | null = typeof raw === 'string' ? null : raw;
  // the worker's own JSON of the model's objects, made in this run: not re-validated
  const get = () => (parsed ??= JSON.parse(text ??= bytes!.toString('utf8')) as BatchPayload);
  return {
    ok: true,
    index,
    file,
    sha256: sha,
    cached,
    ms,
    timings,
    format,
    ndocs,
    get payload() {
      return (text ??= bytes!.toString('utf8'));
    },
    get payloadBytes() {
      return (bytes ??= Buffer.from(text!));
    },
    get docs() {
      return get().docs;
    },
    get extra() {
      return get().extra ?? {};
    },
  };
}

/**
 * The schema of each hook's result (the hook module's `result` export), to check cached results with. The hook
 * modules are imported here only for that export (a hook's work is done in the workers).
 */
async function hookSchemas(hooks: HookSpec[]): Promise<[string, z.ZodType][]> {
  const out: [string, z.ZodType][] = [];
  for (const h of hooks) {
    // a hook that cannot be loaded here (it fails in the workers too, with its reason) has no schema to check with
    const mod = (await import(h.module).catch(() => ({}))) as Partial<BatchHook>;
    if (mod.result) out.push([h.name, mod.result]);
  }
  return out;
}

/** A cached payload decoded and checked: the model's BatchPayload, then each hook's result with its schema; else why not. */
function checkPayload(payload: Buffer, hooks: [string, z.ZodType][]): BatchPayload | string {
  const r = checkJson(payload, BatchPayload);
  if (typeof r === 'string') return r;
  for (const [name, schema] of hooks) {
    const h = schema.safeParse(r.value.extra?.[name]);
    if (!h.success) return `not of the expected shape (hook ${name}: ${h.error.issues[0]?.path.join('.') || 'top'}: ${h.error.issues[0]?.message ?? 'invalid'})`;
  }
  return r.value;
}

function failure(index: number, file: string, sha: string | null, cached: boolean, ms: number, timings: StageTimings, code: BatchFailure['code'], reason: string): BatchFailure {
  return { ok: false, index, file, sha256: sha, cached, ms, timings, code, reason };
}

/**
 * Process `files` (paths) and yield one item per file, in input order. At most
 * `window` files are read or processed ahead of the consumer, so memory does not
 * grow with the number of files. Stopping the iteration early terminates the workers.
 */
export async function* processMany(files: string[], opts: BatchOptions = {}): AsyncGenerator<BatchItem, void, undefined> {
  const workers = Math.max(1, Math.floor(opts.workers ?? defaultWorkers()));
  const maxBytes = validLimit(opts.maxBytes, DEFAULT_LIMITS.maxBytes);
  const ingest = {
    maxBytes,
    maxPages: validLimit(opts.maxPages, DEFAULT_LIMITS.maxPages),
    maxInflatedBytes: validLimit(opts.maxInflatedBytes, DEFAULT_LIMITS.maxInflatedBytes),
    ...(opts.ocr !== undefined ? { ocr: opts.ocr } : {}),
    ...(opts.ocrMaxPages !== undefined ? { ocrMaxPages: opts.ocrMaxPages } : {}),
  };
  const extract = opts.extract !== false;
  const hooks = opts.hooks ?? [];
  const cacheDir = opts.cacheDir ? path.resolve(opts.cacheDir) : null;
  // everything that changes the output is in the key (the timeout is not: a timeout is never cached)
  const optionsKey = JSON.stringify({ ingest, extract, hooks });
  const version = opts.cacheVersion ?? (cacheDir ? pipelineVersion() : '');
  let schemas: Promise<[string, z.ZodType][]> | null = null;
  let pool: Pool | null = null;
  const getPool = () =>
    (pool ??= new Pool({
      size: workers,
      timeoutMs: validLimit(opts.timeoutMs, DEFAULT_BATCH.timeoutMs),
      memoryMb: opts.workerMemoryMb ?? DEFAULT_BATCH.workerMemoryMb,
      init: { ingest, extract, hooks, cacheDir },
    }));

  const handle = async (index: number): Promise<BatchItem> => {
    const file = files[index];
    const t0 = performance.now();
    const timings: StageTimings = {};
    let sha: string | null = null;
    try {
      // regular files only, the size limit checked before reading (a huge file costs nothing, a FIFO never blocks)
      const buf = await readInput(file, maxBytes);
      const t1 = performance.now();
      timings.read = t1 - t0;
      sha = createHash('sha256').update(buf).digest('hex');
      timings.hash = performance.now() - t1;
      const key = cacheDir ? cacheKey(sha, path.basename(file), optionsKey, version) : null;
      if (cacheDir && key) {
        const hit = readCache(cacheDir, key);
        // a payload is used only once it has been checked against the model (a bad one is dropped and recomputed)
        // (with `decode: false` the consumer only passes the bytes on: the checksum and the schema version were checked)
        const full = hit?.ok && opts.decode !== false;
        const hookChecks = full ? await (schemas ??= hookSchemas(hooks)) : [];
        const t2 = performance.now();
        const checked = full ? checkPayload(hit.payload as Buffer, hookChecks) : null;
        if (full) timings.check = performance.now() - t2;
        if (typeof checked === 'string') dropCache(cacheDir, key, checked);
        else if (hit) {
          const ms = performance.now() - t0;
          return hit.ok ? success(index, file, sha, true, ms, timings, hit.format, hit.ndocs, hit.payload, checked) : failure(index, file, sha, true, ms, timings, hit.code, hit.reason);
        }
      }
      const reply: WorkerReply = await getPool().run(file, buf, key);
      Object.assign(timings, reply.timings);
      const ms = performance.now() - t0;
      return reply.ok ? success(index, file, sha, false, ms, timings, reply.format, reply.ndocs, reply.payload) : failure(index, file, sha, false, ms, timings, reply.code, reply.reason);
    } catch (e) {
      const f = describeFailure(e);
      return failure(index, file, sha, false, performance.now() - t0, timings, f.code, f.reason);
    }
  };

  const window = Math.max(1, opts.window ?? workers * DEFAULT_BATCH.windowPerWorker);
  const started: (Promise<BatchItem> | undefined)[] = [];
  let launched = 0;
  try {
    for (let next = 0; next < files.length; next++) {
      while (launched < files.length && launched < next + window) started[launched] = handle(launched++);
      const item = await started[next]!;
      started[next] = undefined;
      opts.onResult?.(item);
      yield item;
    }
  } finally {
    const p = pool as Pool | null;
    if (p) await p.close();
  }
}

/** Convenience: all items as an array (for small batches and tests). */
export async function collect(files: string[], opts: BatchOptions = {}): Promise<BatchItem[]> {
  const out: BatchItem[] = [];
  for await (const item of processMany(files, opts)) out.push(item);
  return out;
}
