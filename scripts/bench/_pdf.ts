import { readFileSync, readdirSync } from 'node:fs';
import { ingestBuffer } from '../../src/ingest/index.js';
const dir = '/tmp/syn20';
const pdfs = readdirSync(dir).filter(f => f.endsWith('.pdf'));
for (let round = 0; round < 2; round++) for (const f of pdfs) {
  const buf = readFileSync(dir + '/' + f);
  const t0 = performance.now();
  const r = await ingestBuffer(buf, f, {});
  console.log(round, f, (performance.now() - t0).toFixed(0), r.value?.pages, Math.round(process.memoryUsage.rss()/1e6));
}
