import { readFileSync } from 'node:fs';
import { readPdf } from '../src/ingest/pdf.js';
const buf = readFileSync(process.argv[2]);
for (let k = 0; k < 3; k++) { const t0 = performance.now(); const r = await readPdf(buf, { maxPages: 500, ocrMaxPages: Number(process.argv[3] ?? 100) }); console.log('run', k, (performance.now() - t0).toFixed(0), 'ms', r.value!.text.length, JSON.stringify(r.diagnostics)); }
