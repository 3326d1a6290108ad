/**
 * Content-hash cache: key = sha256(pipeline version, options, file name, sha256 of the bytes);
 * value = the JSON the worker produced (or a deterministic failure). One file per key under
 * cacheDir/xx/. Writes are atomic (temp file + rename), so concurrent runs never see half a file;
 * every entry carries a checksum, and the cache is best-effort (see readCache, writeCache).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { CacheHeader, type FailureCode, type Format, SCHEMA_VERSION } from '../model.js';
import { writeFileAtomic } from './atomic.js';

export const DEFAULT_CACHE_DIR = '.cache/rasoat';

export type CacheEntry =
  | { ok: true; format: Format | null; ndocs: number; payload: string | Buffer }
  | { ok: false; code: FailureCode; reason: string };

let version: string | null = null;

/**
 * The pipeline version: a hash of every source file under src/ and the package
 * manifest, so that any change to the code invalidates the cache.
 */
export function pipelineVersion(fresh = false): string {
  if (version && !fresh) return version;
  const src = path.resolve(import.meta.dirname, '..');
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|mts|mjs|js|json)$/.test(e.name)) h.update(path.relative(src, p)).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(src);
  for (const f of ['package.json', 'package-lock.json']) {
    try {
      h.update(readFileSync(path.join(src, '..', f)));
    } catch {
      /* absent */
    }
  }
  version = h.digest('hex').slice(0, 16);
  return version;
}

export function cacheKey(fileSha: string, fileName: string, optionsKey: string, version = pipelineVersion()): string {
  return createHash('sha256').update(version).update('\0').update(optionsKey).update('\0').update(fileName).update('\0').update(fileSha).digest('hex');
}

export function cachePath(dir: string, key: string): string {
  return path.join(dir, key.slice(0, 2), key.slice(2) + '.json');
}

/**
 * Entry layout (version 3): line 1 = sha256 (hex) of everything after it; line 2 = the header
 * JSON ({"ok":…,"schemaVersion":…,"format":…,"ndocs":…} or the failure; `CacheHeader` in the model); then the
 * payload verbatim. A truncated or edited entry fails the checksum, a header of another schema version or
 * shape fails its schema: it is deleted, reported through `onCacheWarning` and treated as a miss, so the file
 * is recomputed (never a crash, never a silently wrong result). `readCacheJson` also checks the payload
 * against its schema.
 */
const HEX64 = /^[0-9a-f]{64}$/;

/** Where warnings about dropped cache entries go (default: stderr). Tests and the server may replace it. */
export let onCacheWarning: (message: string) => void = (m) => process.stderr.write(`rasoat: warning: ${m}\n`);
export function setCacheWarning(fn: (message: string) => void): void {
  onCacheWarning = fn;
}

/** Delete a bad entry, with a warning; it is a miss from now on. */
export function dropCache(dir: string, key: string, why: string): null {
  return drop(cachePath(dir, key), why);
}

function drop(p: string, why: string): null {
  onCacheWarning(`cache entry ${p} is ${why}: dropped, the file is processed again`);
  try {
    unlinkSync(p);
  } catch {
    /* read-only cache: it stays a miss */
  }
  return null;
}

/**
 * Returns null on a miss or a bad entry (checksum mismatch, truncated, unreadable header:
 * dropped with a warning). The payload comes back as the bytes on disk: decoding ~200 kB of
 * UTF-8 per plan costs six times the read, and a consumer that only writes or hashes the
 * payload never needs the string.
 */
export function readCache(dir: string, key: string): CacheEntry | null {
  const p = cachePath(dir, key);
  let s: Buffer;
  try {
    s = readFileSync(p);
  } catch {
    return null;
  }
  const nl1 = s.indexOf(10);
  if (nl1 !== 64 || !HEX64.test(s.toString('latin1', 0, 64))) return drop(p, 'not a rasoat cache entry or truncated');
  const body = s.subarray(65);
  if (createHash('sha256').update(body).digest('hex') !== s.toString('latin1', 0, 64)) return drop(p, 'corrupt (checksum mismatch)');
  const nl = body.indexOf(10);
  if (nl < 0) return drop(p, 'truncated');
  let head: unknown;
  try {
    head = JSON.parse(body.toString('utf8', 0, nl));
  } catch {
    return drop(p, 'unreadable');
  }
  const h = CacheHeader.safeParse(head);
  if (!h.success) return drop(p, (head as { schemaVersion?: unknown })?.schemaVersion !== SCHEMA_VERSION ? `of another schema version (not ${SCHEMA_VERSION})` : 'unreadable');
  return h.data.ok ? { ok: true, format: h.data.format, ndocs: h.data.ndocs, payload: body.subarray(nl + 1) } : { ok: false, code: h.data.code, reason: h.data.reason };
}

/**
 * A cached JSON payload, decoded and checked against `schema` (a model schema: DiffResult, BatchPayload …).
 * Null on a miss or a bad entry: one whose payload is not JSON or not of that shape is dropped with a warning
 * like a bad checksum, so it is recomputed. The value is the payload as decoded, after the check: zod's own
 * copy lists an object's keys in the schema's order, which would change the bytes of the outputs made from it.
 */
export function readCacheJson<T>(dir: string, key: string, schema: z.ZodType<T>): { ok: true; format: Format | null; ndocs: number; value: T; payload: Buffer } | Extract<CacheEntry, { ok: false }> | null {
  const hit = readCache(dir, key);
  if (!hit?.ok) return hit;
  const payload = typeof hit.payload === 'string' ? Buffer.from(hit.payload) : hit.payload;
  const bad = checkJson(payload, schema);
  if (typeof bad === 'string') return dropCache(dir, key, bad);
  return { ok: true, format: hit.format, ndocs: hit.ndocs, value: bad.value, payload };
}

/** The payload decoded and checked against `schema`, or why it is not of that shape. */
export function checkJson<T>(payload: Buffer, schema: z.ZodType<T>): { value: T } | string {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    return 'not JSON';
  }
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0];
    return `not of the expected shape (${i ? `${i.path.join('.') || 'top'}: ${i.message}` : 'invalid'})`;
  }
  return { value: value as T };
}

/**
 * Best effort: a cache that cannot be written (read-only, full disk) never fails the file or
 * the run; the temporary file is removed. Returns whether the entry was stored.
 */
export function writeCache(dir: string, key: string, entry: CacheEntry): boolean {
  return writeFileAtomic(cachePath(dir, key), () => {
    const body = entry.ok
      ? Buffer.concat([Buffer.from(JSON.stringify({ ok: true, schemaVersion: SCHEMA_VERSION, format: entry.format, ndocs: entry.ndocs }) + '\n'), typeof entry.payload === 'string' ? Buffer.from(entry.payload) : entry.payload])
      : Buffer.from(JSON.stringify({ ok: false, schemaVersion: SCHEMA_VERSION, code: entry.code, reason: entry.reason }) + '\n');
    const sum = createHash('sha256').update(body).digest('hex');
    return Buffer.concat([Buffer.from(sum + '\n', 'latin1'), body]);
  });
}

/** Number and total size of cache entries (for reports). */
export function cacheStats(dir: string): { entries: number; bytes: number } {
  let entries = 0;
  let bytes = 0;
  try {
    for (const sub of readdirSync(dir)) {
      for (const f of readdirSync(path.join(dir, sub))) {
        if (!f.endsWith('.json')) continue;
        entries++;
        bytes += statSync(path.join(dir, sub, f)).size;
      }
    }
  } catch {
    /* no cache yet */
  }
  return { entries, bytes };
}
