/**
 * Content-hash cache: key = sha256(pipeline version, options, file name, sha256 of the bytes);
 * value = the JSON the worker produced (or a deterministic failure). One file per key under
 * cacheDir/xx/. Writes are atomic (temp file + rename), so concurrent runs never see half a file.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Format } from '../model.js';

export const DEFAULT_CACHE_DIR = '.cache/rasoat';

export type CacheEntry =
  | { ok: true; format: Format | null; ndocs: number; payload: string | Buffer }
  | { ok: false; code: string; reason: string };

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
 * Returns null on a miss or an unreadable entry. The payload comes back as the
 * bytes on disk: decoding ~200 kB of UTF-8 per plan costs six times the read, and
 * a consumer that only writes or hashes the payload never needs the string.
 */
export function readCache(dir: string, key: string): CacheEntry | null {
  let s: Buffer;
  try {
    s = readFileSync(cachePath(dir, key));
  } catch {
    return null;
  }
  // header line: {"ok":…,"format":…} or the failure; then the payload verbatim (no re-serialization)
  const nl = s.indexOf(10);
  if (nl < 0) return null;
  try {
    const head = JSON.parse(s.toString('utf8', 0, nl));
    if (head.ok === true && typeof head.ndocs === 'number') return { ok: true, format: head.format ?? null, ndocs: head.ndocs, payload: s.subarray(nl + 1) };
    if (head.ok === false && typeof head.code === 'string') return { ok: false, code: head.code, reason: String(head.reason ?? '') };
  } catch {
    /* corrupt entry: treat as a miss */
  }
  return null;
}

export function writeCache(dir: string, key: string, entry: CacheEntry): void {
  const p = cachePath(dir, key);
  mkdirSync(path.dirname(p), { recursive: true });
  const tmp = `${p}.${process.pid}.${Math.floor(performance.now() * 1000)}.tmp`;
  if (entry.ok) {
    const head = Buffer.from(JSON.stringify({ ok: true, format: entry.format, ndocs: entry.ndocs }) + '\n');
    writeFileSync(tmp, Buffer.concat([head, typeof entry.payload === 'string' ? Buffer.from(entry.payload) : entry.payload]));
  } else writeFileSync(tmp, JSON.stringify(entry) + '\n');
  renameSync(tmp, p);
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
