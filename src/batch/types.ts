import type { z } from 'zod';
import type { Doc, FailureCode, Format } from '../model.js';

/**
 * A stage run inside the workers after ingest → segment → extract, e.g. the diff
 * against a base directive or report rendering. `module` is an absolute path or
 * URL of a module exporting `init` (optional, run once per worker: build the
 * requirement index of the base there) and `run` (per file). What `run` returns
 * must be JSON-serializable; it is cached with the documents and appears in
 * `item.extra[name]`. Its time is reported under `timings[name]`. See hooks/diff.ts.
 */
export interface HookSpec {
  name: string;
  module: string;
  /** JSON-serializable; given to init(); part of the cache key */
  options?: unknown;
}

export interface BatchHook<S = unknown, R = unknown> {
  init?(options: unknown): S | Promise<S>;
  /** `extra` holds the results of the hooks listed before this one */
  run(state: S, docs: Doc[], file: string, extra: Record<string, unknown>): R | Promise<R>;
  /** the schema of what `run` returns (built from the model's schemas): a cached result is checked with it before it is used */
  result?: z.ZodType<R>;
}

export interface BatchOptions {
  /** worker threads; default os.availableParallelism() */
  workers?: number;
  /** content-hash cache directory (e.g. DEFAULT_CACHE_DIR); no cache when absent */
  cacheDir?: string;
  /** a file taking longer than this (from dispatch to result) is abandoned, its worker killed; default 60 000 ms */
  timeoutMs?: number;
  /** refuse files larger than this many bytes (checked before reading; default 50 MiB) */
  maxBytes?: number;
  /** refuse DOCX whose parts inflate to more than this (default 200 MiB) */
  maxInflatedBytes?: number;
  /** refuse PDFs with more pages (default 500) */
  maxPages?: number;
  /** OCR image-only PDFs (default true, as the pipeline) */
  ocr?: boolean;
  ocrMaxPages?: number;
  /** entity extraction (default true) */
  extract?: boolean;
  /** stages run in the workers after extraction (diff, report…) */
  hooks?: HookSpec[];
  /** how many files may be read/processed ahead of the consumer (bounds memory); default 8 × workers */
  window?: number;
  /** V8 old-generation limit of each worker in MiB (a hostile file fails with 'out-of-memory'); default 768 */
  workerMemoryMb?: number;
  /** the code version in cache keys; default pipelineVersion() (a hash of src/). Pin it to compare runs while src/ is being edited */
  cacheVersion?: string;
  /**
   * Decode every cached payload and check it against the model's schemas before it is used (default true): one of
   * another shape is dropped with a warning and the file processed again. A consumer that never reads `docs` or
   * `extra` and only passes `payloadBytes` on may set false: a cached entry then has its checksum and schema
   * version checked, not its shape (decoding is most of the cost: ~15 ms per plan of ~220 kB, zod ~2 ms).
   */
  decode?: boolean;
  /** called for each item, in input order, before it is yielded */
  onResult?: (item: BatchItem) => void;
}

/** Milliseconds per stage for one file: read, hash, ingest, segment, extract, each hook by name, serialize; for a cache hit, check (decode and validate the payload). */
export type StageTimings = Record<string, number>;

interface ItemBase {
  /** position in the input list */
  index: number;
  file: string;
  /** sha256 of the file bytes (null when the file could not be read) */
  sha256: string | null;
  /** served from the cache, no processing */
  cached: boolean;
  /** wall time of this item from start of read to result, ms */
  ms: number;
  timings: StageTimings;
}

export interface BatchSuccess extends ItemBase {
  ok: true;
  format: Format | null;
  /** number of documents in the file (without parsing the payload) */
  ndocs: number;
  /** the documents of the file (parsed lazily from `payload`) */
  readonly docs: Doc[];
  /** results of the hooks by name (parsed lazily from `payload`) */
  readonly extra: Record<string, unknown>;
  /** JSON of { docs, extra }: what the cache holds (decoded lazily) */
  readonly payload: string;
  /** the same JSON as UTF-8 bytes, without decoding a cached entry */
  readonly payloadBytes: Buffer;
}

export interface BatchFailure extends ItemBase {
  ok: false;
  /** IngestError code ('too-large', 'not-a-document', …), 'timeout', 'out-of-memory', 'crashed', 'not-found', 'internal' */
  code: FailureCode;
  reason: string;
}

export type BatchItem = BatchSuccess | BatchFailure;

/** What the worker sends back for one task. */
export type WorkerReply =
  | { ok: true; payload: string; format: Format | null; ndocs: number; timings: StageTimings }
  | { ok: false; code: FailureCode; reason: string; timings: StageTimings; cacheable: boolean };
