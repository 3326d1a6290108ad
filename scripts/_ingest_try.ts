import { readFileSync } from 'node:fs';
import { ingestBuffer } from '../src/ingest/index.js';
const f = process.argv[2];
const t0 = performance.now();
const r = await ingestBuffer(readFileSync(f), f, {});
console.error('ms', (performance.now() - t0).toFixed(0), JSON.stringify(r.diagnostics));
console.log(r.value!.text);
