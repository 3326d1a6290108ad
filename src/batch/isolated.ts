/**
 * Reading files one at a time in an isolated worker thread: the per-file time limit (`--timeout`) and the
 * worker's memory limits hold on every path of the CLI — `extract`, `diff`, `index`, and `analyze` /
 * `export` without parallel workers — not only on the parallel batch path. A synchronous loop inside a
 * reader (mammoth, pdf.js, a quadratic scan) cannot be interrupted in its own thread; a worker can be
 * terminated. The worker is the batch worker (worker.ts); no cache.
 *
 *   const reader = new IsolatedReader({ timeoutMs: 60_000 });
 *   try { const { docs } = await reader.read('plan.docx'); } finally { await reader.close(); }
 */
import { DEFAULT_LIMITS, validLimit } from '../ingest/limits.js';
import { readInput } from '../ingest/read.js';
import { IngestError } from '../ingest/types.js';
import type { Doc } from '../model.js';
import { Pool } from './pool.js';
import { DEFAULT_BATCH } from './index.js';

export interface IsolatedOptions {
  maxBytes?: number;
  maxPages?: number;
  maxInflatedBytes?: number;
  ocr?: boolean;
  /** false: no entity extraction */
  extract?: boolean;
  /** per-file time limit (default 60 s) */
  timeoutMs?: number;
  /** the worker's heap limit (default 768 MiB) */
  workerMemoryMb?: number;
}

export class IsolatedReader {
  private pool: Pool | null = null;
  constructor(private opts: IsolatedOptions = {}) {}

  private getPool(): Pool {
    const o = this.opts;
    const ingest = {
      maxBytes: validLimit(o.maxBytes, DEFAULT_LIMITS.maxBytes),
      maxPages: validLimit(o.maxPages, DEFAULT_LIMITS.maxPages),
      maxInflatedBytes: validLimit(o.maxInflatedBytes, DEFAULT_LIMITS.maxInflatedBytes),
      ...(o.ocr !== undefined ? { ocr: o.ocr } : {}),
    };
    return (this.pool ??= new Pool({
      size: 1,
      timeoutMs: validLimit(o.timeoutMs, DEFAULT_BATCH.timeoutMs),
      memoryMb: validLimit(o.workerMemoryMb, DEFAULT_BATCH.workerMemoryMb),
      init: { ingest, extract: o.extract !== false, hooks: [], cacheDir: null },
    }));
  }

  /** The documents of one file; throws IngestError (or an errno error for a missing file) with the reason. */
  async read(file: string): Promise<{ file: string; docs: Doc[] }> {
    const buf = await readInput(file, this.opts.maxBytes);
    const reply = await this.getPool().run(file, buf, null);
    if (!reply.ok) throw new IngestError(reply.code, reply.reason);
    return { file, docs: (JSON.parse(reply.payload) as { docs: Doc[] }).docs };
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = null;
  }
}
