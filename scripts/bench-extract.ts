/**
 * Is reading one document near-linear in its size? (issue 14 §4: 20 000 short paragraphs, 1.3 MB, took 200 s,
 * 90 % of it in the deadline finder.) Runs the pipeline of one file (ingest → segment → extract) on plans of
 * n short paragraphs made here (test/helpers/hostile.ts) and prints the time of each stage and per paragraph.
 * A benchmark, not a test; on a shared machine the figures move by tens of per cent.
 *
 *   npx tsx scripts/bench-extract.ts [--n 1250,2500,5000,10000,20000] [--runs 2]
 */
import { parseArgs } from 'node:util';
import { processBuffer } from '../src/pipeline.js';
import { shortParagraphsPlan } from '../test/helpers/hostile.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '1250,2500,5000,10000,20000' }, runs: { type: 'string', default: '2' } } });
const sizes = values.n.split(',').map(Number);
const runs = Math.max(1, Number(values.runs));

// warm-up: JIT and module loading out of the first row
await processBuffer(Buffer.from(shortParagraphsPlan(500)), 'warm.txt');
console.log('| paragraphs | bytes | ingest ms | segment ms | extract ms | total ms | µs per paragraph |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const n of sizes) {
  const buf = Buffer.from(shortParagraphsPlan(n));
  let best: { total: number; t: Record<string, number> } | null = null;
  for (let r = 0; r < runs; r++) {
    const t: Record<string, number> = {};
    const t0 = performance.now();
    await processBuffer(buf, 'plan.txt', { timings: t });
    const total = performance.now() - t0;
    if (!best || total < best.total) best = { total, t };
  }
  const { total, t } = best!;
  const f = (x = 0) => x.toFixed(0);
  console.log(`| ${n} | ${buf.length} | ${f(t.ingest)} | ${f(t.segment)} | ${f(t.extract)} | ${f(total)} | ${((total * 1000) / n).toFixed(0)} |`);
}
