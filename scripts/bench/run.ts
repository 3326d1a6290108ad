/**
 * One measured batch run (a fresh process, so that peak RSS belongs to this run only):
 * every file of a directory through processMany with the diff and report hooks.
 * Prints one JSON line: wall time, peak RSS, stage sums, failures, hash of outputs.
 *
 *   node --import tsx scripts/bench/run.ts --dir D --workers 2 [--cache C] --base FILE
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
// the compiled dist/ (what `rasoat` runs after `npm install`), or src/ with RASOAT_SRC=1
const lib = process.env.RASOAT_SRC ? '../../src' : '../../dist';
const { processMany } = (await import(`${lib}/batch/index.js`)) as typeof import('../../src/batch/index.js');
const { diffHook } = (await import(`${lib}/batch/hooks/diff.js`)) as typeof import('../../src/batch/hooks/diff.js');
const { reportHook } = (await import(`${lib}/batch/hooks/report.js`)) as typeof import('../../src/batch/hooks/report.js');

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    workers: { type: 'string', default: '2' },
    cache: { type: 'string' },
    base: { type: 'string' },
    'no-diff': { type: 'boolean' },
    'timeout-ms': { type: 'string' },
    'cache-version': { type: 'string' },
  },
});
const t0 = performance.now();
const dir = path.resolve(values.dir!);
const files = readdirSync(dir)
  .filter((f) => /\.(txt|docx|pdf)$/.test(f))
  .sort()
  .map((f) => path.join(dir, f));
const hooks = values['no-diff'] ? [] : [diffHook({ base: values.base! }), reportHook({ base: values.base! })];

const stages: Record<string, number> = {};
const ingestBy: Record<string, { ms: number; files: number }> = {};
const failures: Record<string, number> = {};
const out = createHash('sha256');
let docs = 0;
let cached = 0;
let payloadBytes = 0;
let firstItemMs = 0;
let rssSamples = 0;
let maxRssSampled = 0;
// sample RSS (the whole process: main thread and workers) while running
const sampler = setInterval(() => {
  maxRssSampled = Math.max(maxRssSampled, process.memoryUsage.rss());
  rssSamples++;
}, 100);

// the consumer passes payload bytes on without decoding them (decode: false: cached entries are checked by checksum and schema version)
for await (const item of processMany(files, { decode: false, workers: Number(values.workers), cacheDir: values.cache, cacheVersion: values['cache-version'], timeoutMs: values['timeout-ms'] ? Number(values['timeout-ms']) : undefined, hooks })) {
  if (!firstItemMs) firstItemMs = performance.now() - t0;
  out.update(item.file.slice(dir.length)).update('\0');
  if (item.cached) cached++;
  for (const [k, v] of Object.entries(item.timings)) stages[k] = (stages[k] ?? 0) + v;
  if (!item.ok) {
    failures[item.code] = (failures[item.code] ?? 0) + 1;
    out.update(item.code).update('\0');
    continue;
  }
  out.update(item.payloadBytes).update('\0');
  docs += item.ndocs;
  if (!item.cached && item.format) {
    const b = (ingestBy[item.format] ??= { ms: 0, files: 0 });
    b.ms += item.timings.ingest ?? 0;
    b.files++;
  }
  // the consumer does not parse the payload (that would be main-thread work a real consumer writing files avoids)
  payloadBytes += item.payloadBytes.length;
}
clearInterval(sampler);
const wall = performance.now() - t0;
process.stdout.write(
  JSON.stringify({
    files: files.length,
    docs,
    payloadBytes,
    cached,
    failures,
    wallMs: wall,
    firstItemMs,
    maxRssKb: process.resourceUsage().maxRSS,
    maxRssSampledKb: Math.round(maxRssSampled / 1024),
    stages,
    ingestBy,
    outputSha: out.digest('hex'),
  }) + '\n',
);
