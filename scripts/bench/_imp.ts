const m0 = process.memoryUsage.rss();
let t = performance.now();
const lap = (s: string) => { const n = performance.now(); console.log(s, (n - t).toFixed(0), 'ms', Math.round((process.memoryUsage.rss() - m0) / 1e6), 'MB'); t = n; };
await import('../../src/pipeline.js'); lap('pipeline');
await import('../../src/extract/register.js'); lap('extract');
await import('../../src/align/index.js'); lap('align');
await import('../../src/ingest/pdf.js'); lap('ingest/pdf');
await import('../../src/ingest/docx.js'); lap('ingest/docx');
await import('../../src/report/plan.js'); lap('report/plan');
