/** Diff timing in process: base index once, then each plan 5 times (warm). Prints one JSON line. */
import { buildBaseIndex, diffPlan } from '../../src/align/index.js';
import { pickBase } from '../../src/batch/hooks/diff.js';
import { processFile } from '../../src/pipeline.js';

const [baseFile, ...planFiles] = process.argv.slice(2);
const base = pickBase((await processFile(baseFile)).docs);
const t0 = performance.now();
const index = buildBaseIndex(base);
const indexMs = performance.now() - t0;
const plans = [];
for (const f of planFiles) for (const d of (await processFile(f)).docs) if (d.text !== base.text) plans.push(d);
for (const p of plans) diffPlan(index, p); // warm-up
const times: number[] = [];
for (let i = 0; i < 5; i++)
  for (const p of plans) {
    const t = performance.now();
    diffPlan(index, p);
    times.push(performance.now() - t);
  }
times.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ plans: times.length, medianMs: times[Math.floor(times.length / 2)], maxMs: times[times.length - 1], indexMs }) + '\n');
