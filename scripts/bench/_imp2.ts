const m0 = process.memoryUsage.rss();
let t = performance.now();
const lap = (s: string) => { const n = performance.now(); console.log(s, (n - t).toFixed(0), 'ms', Math.round((process.memoryUsage.rss() - m0) / 1e6), 'MB'); t = n; };
const lib = await import('pdfjs-dist/legacy/build/pdf.mjs'); lap('pdfjs import');
import { readFileSync } from 'node:fs';
const buf = readFileSync('/tmp/syn20/plan-00008-000.pdf');
const doc = await lib.getDocument({ data: new Uint8Array(buf) }).promise; lap('getDocument');
const p = await doc.getPage(1); lap('getPage');
const tc = await p.getTextContent(); lap('textContent');
