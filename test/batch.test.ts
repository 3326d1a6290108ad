import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, pipelineVersion, type BatchItem } from '../src/batch/index.js';
import { writeCache } from '../src/batch/cache.js';
import { withCacheWarnings } from './helpers/cache-warnings.js';
import { diffHook } from '../src/batch/hooks/diff.js';
import { processFile } from '../src/pipeline.js';
import { corpusFiles } from './helpers.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rasoat-batch-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const files = corpusFiles();
/** everything that must not depend on scheduling: the outputs, in order */
const digest = (items: BatchItem[]) =>
  createHash('sha256')
    .update(JSON.stringify(items.map((i) => (i.ok ? { file: i.file, payload: i.payload } : { file: i.file, code: i.code }))))
    .digest('hex');

// A hook that never returns on files whose name says so: a hung file. It blocks its thread on a lock that is never
// released (Atomics.wait, no CPU burnt), which, like a synchronous loop, only terminating the worker can end.
const hangHook =
  'data:text/javascript,' +
  encodeURIComponent('export function run(state, docs, file) { if (/hang/.test(file)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); return docs.length; }');
/** A small document (milliseconds to process): the files that must not time out do not race the clock. */
const SMALL = 'KẾ HOẠCH\nthực hiện nhiệm vụ năm 2025\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Các chi bộ sinh hoạt định kỳ vào ngày 03 hằng tháng.\n';

describe('processMany', () => {
  it('gives identical results, in input order, with 1 and 2 workers; all five corpus files succeed', async () => {
    expect(files.length).toBe(5);
    const one = await collect(files, { workers: 1 });
    const two = await collect(files, { workers: 2 });
    expect(one.map((i) => i.file)).toEqual(files);
    expect(two.map((i) => i.file)).toEqual(files);
    expect(one.every((i) => i.ok)).toBe(true);
    expect(digest(two)).toBe(digest(one));
    // and the same documents as the pipeline run in process
    const bundle = one.find((i) => i.file.includes('tap-doan'))!;
    expect(bundle.ok && bundle.docs.length).toBe(2);
    const direct = await processFile(bundle.file);
    expect(bundle.ok && bundle.docs.map((d) => d.segments.length)).toEqual(direct.docs.map((d) => d.segments.length));
    expect(bundle.ok && bundle.docs[1].meta.symbol).toBe(direct.docs[1].meta.symbol);
    expect(bundle.timings.segment).toBeGreaterThan(0);
  }, 60_000);

  it('serves a re-run on the unchanged corpus from the cache, and recomputes a changed file', async () => {
    const cacheDir = path.join(tmp, 'cache');
    const copy = path.join(tmp, 'changed.txt');
    const { readFileSync } = await import('node:fs');
    writeFileSync(copy, readFileSync(files[0]));
    const list = [...files, copy];
    // the code version is pinned: other sessions may edit src/ while this runs (by default it is a hash of src/)
    expect(pipelineVersion()).toMatch(/^[0-9a-f]{16}$/);
    const cacheVersion = pipelineVersion();
    const first = await collect(list, { workers: 2, cacheDir, cacheVersion });
    expect(first.some((i) => i.cached)).toBe(false);
    const second = await collect(list, { workers: 2, cacheDir, cacheVersion });
    expect(second.every((i) => i.cached)).toBe(true);
    expect(digest(second)).toBe(digest(first));
    writeFileSync(copy, readFileSync(files[0], 'utf8') + '\nĐiểm mới của địa phương.\n');
    const third = await collect(list, { workers: 2, cacheDir, cacheVersion });
    expect(third.map((i) => i.cached)).toEqual([true, true, true, true, true, false]);
  }, 60_000);

  it('checks a cached payload against the model: a document or a hook result of another shape (valid checksum) is dropped with a warning and recomputed', async () => {
    const cacheDir = path.join(tmp, 'cache-shape');
    const plan = files.find((f) => f.includes('tinh-uy'))!;
    const base = files.find((f) => f.includes('tap-doan'))!;
    const opts = { workers: 1, cacheDir, cacheVersion: pipelineVersion(), hooks: [diffHook({ base })] };
    const first = await collect([plan], opts);
    expect(first[0].ok && first[0].extra.diff).toHaveLength(1);
    expect((await collect([plan], opts))[0].cached).toBe(true);
    // the one entry of the cache: rewritten through writeCache, so its checksum is right and only its shape is wrong
    const sub = readdirSync(cacheDir).find((d) => /^[0-9a-f]{2}$/.test(d))!;
    const key = sub + readdirSync(path.join(cacheDir, sub))[0].replace(/\.json$/, '');
    const payload = JSON.parse(first[0].ok ? first[0].payload : '');
    await withCacheWarnings(async (warnings) => {
      for (const [what, edit] of [
        ['a document without its text', (p: any) => delete p.docs[0].text],
        ['a segment whose span is a string', (p: any) => (p.docs[0].segments[0].span = '0-10')],
        ['a diff (hook result) without its summary', (p: any) => delete p.extra.diff[0].diff.summary],
      ] as const) {
        const bad = structuredClone(payload);
        edit(bad);
        expect(writeCache(cacheDir, key, { ok: true, format: 'txt', ndocs: 1, payload: JSON.stringify(bad) }), what).toBe(true);
        const again = await collect([plan], opts);
        expect(again[0].cached, what).toBe(false);
        expect(digest(again), what).toBe(digest(first));
        expect(warnings.pop(), what).toMatch(/not of the expected shape/);
        // recomputed and stored again: the next run is served from the cache
        expect((await collect([plan], opts))[0].cached, what).toBe(true);
      }
      // a consumer that only passes the bytes on (decode: false) gets the checksum and schema version checked, not the shape
      const bad = structuredClone(payload);
      delete bad.docs[0].text;
      writeCache(cacheDir, key, { ok: true, format: 'txt', ndocs: 1, payload: JSON.stringify(bad) });
      const bytesOnly = await collect([plan], { ...opts, decode: false });
      expect(bytesOnly[0].cached).toBe(true);
      expect(bytesOnly[0].ok && JSON.parse(bytesOnly[0].payloadBytes.toString()).docs[0].text).toBeUndefined();
      expect(warnings).toEqual([]);
    });
  }, 120_000);

  it('abandons a hung file with a timeout without stalling the others', async () => {
    const small = [0, 1, 2, 3].map((i) => path.join(tmp, `small-${i}.txt`));
    for (const f of small) writeFileSync(f, SMALL);
    const hang = path.join(tmp, 'hang.txt');
    writeFileSync(hang, SMALL);
    const list = [small[0], hang, small[1], small[2], small[3]];
    // the others take milliseconds: the timeout (far above that) only ever ends the hung file; the batch
    // finishing at all (within the test's own limit) is what shows it did not stall
    const items = await collect(list, { workers: 2, timeoutMs: 5_000, hooks: [{ name: 'probe', module: hangHook }] });
    expect(items.map((i) => (i.ok ? 'ok' : i.code))).toEqual(['ok', 'timeout', 'ok', 'ok', 'ok']);
    expect(items[0].ok && items[0].extra.probe).toBe(items[0].ok && items[0].docs.length);
  }, 60_000);

  it('lists bad files as failures while the others succeed', async () => {
    const binary = path.join(tmp, 'image.txt');
    writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const empty = path.join(tmp, 'empty.txt');
    writeFileSync(empty, '');
    const big = path.join(tmp, 'big.txt');
    writeFileSync(big, 'Đảng bộ '.repeat(20_000));
    const list = [files[2], binary, path.join(tmp, 'missing.txt'), empty, big, files[4]];
    const items = await collect(list, { workers: 2, maxBytes: 100_000 });
    expect(items.map((i) => (i.ok ? 'ok' : i.code))).toEqual(['ok', 'not-a-document', 'not-found', 'empty', 'too-large', 'ok']);
    for (const i of items) if (!i.ok) expect(i.reason.length).toBeGreaterThan(5);
  }, 60_000);
});
