/**
 * Time the rasoat PDF reader on the given files: the first file (cold: loads pdfjs) and,
 * after that warm-up, every file. Prints {pages, warmMs, coldMs} as one JSON line.
 * Run with node --import tsx; pdfjs is imported natively first (as the batch worker does).
 */
import { readFileSync } from 'node:fs';

const t0 = performance.now();
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs' as string);
const { ingestBuffer } = await import('../../src/ingest/index.js');
const files = process.argv.slice(2);
await ingestBuffer(readFileSync(files[0]), files[0], { ocr: false });
const coldMs = performance.now() - t0;
let pages = 0;
let warmMs = 0;
for (const f of files) {
  const buf = readFileSync(f);
  const t = performance.now();
  const r = await ingestBuffer(buf, f, { ocr: false });
  warmMs += performance.now() - t;
  pages += r.value?.pages ?? 0;
}
process.stdout.write(JSON.stringify({ pages, warmMs, coldMs }) + '\n');
