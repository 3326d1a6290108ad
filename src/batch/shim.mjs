// Worker entry: registers tsx in this thread (Node 20 does not apply `--import` hooks to a
// worker's entry module), then loads the TypeScript worker named in workerData.entry.
//
// Large plain-JS dependencies are imported BEFORE tsx is registered: through tsx's loader,
// pdfjs-dist (pdf.mjs + pdf.worker.mjs, ~3 MB of JS) costs ~2.3 s and ~400 MB per thread to
// transform; imported natively it costs ~0.15 s and ~50 MB. Later imports of the same URLs
// from TypeScript hit the module cache. pdfjs finds its worker code on globalThis.pdfjsWorker
// (the "fake worker" used in Node), so pdf.worker.mjs is never imported through tsx either.
import { workerData } from 'node:worker_threads';

const preload = async (spec) => {
  try {
    return await import(spec);
  } catch {
    return null; // optional: the pipeline reports a missing dependency itself
  }
};
if (workerData.preload !== false) {
  // pdf.js without its native canvas binding (rasoat reads text only)
  await import('../ingest/no-canvas.mjs').then((m) => m.importPdfjs()).catch(() => null);
  const w = await preload('pdfjs-dist/legacy/build/pdf.worker.mjs');
  if (w) globalThis.pdfjsWorker = w;
  await preload('mammoth');
  await preload('jszip');
}

// compiled workers (dist/) need no loader; TypeScript ones (src/, or .ts hooks) do
if (String(workerData.entry).endsWith('.ts') || (workerData.init?.hooks ?? []).some((h) => String(h.module).endsWith('.ts'))) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
