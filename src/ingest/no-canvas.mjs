// pdf.js in Node require()s the optional native canvas binding (@napi-rs/canvas, Skia) as soon as it is
// imported, to polyfill DOMMatrix, ImageData and Path2D for *rendering*. rasoat reads text only and never
// renders (OCR renders with poppler's pdftoppm, in its own process), so the binding is not loaded:
// a require of '@napi-rs/canvas' from pdfjs-dist answers an empty module, and the three globals are
// present (as empty classes) only while pdf.js sets itself up, so that it neither
// loads the binding nor prints its "Cannot polyfill" warnings on stdout. Plain JavaScript: the worker
// shim (src/batch/shim.mjs) imports it before any TypeScript loader. Checked by test/limits.test.ts
// (the process maps no canvas/Skia library after reading a PDF) and documented in docs/hardening.md.
import Module from 'node:module';

const FROM_PDFJS = /[\\/]pdfjs-dist[\\/]/;
const load = Module._load;
if (!load.rasoatNoCanvas) {
  const patched = function (request, parent, ...rest) {
    if (request === '@napi-rs/canvas' && FROM_PDFJS.test(parent?.filename ?? '')) return {};
    return load.call(this, request, parent, ...rest);
  };
  patched.rasoatNoCanvas = true;
  Module._load = patched;
}

let pdfjs = null;
/** pdfjs-dist's legacy build, imported without its canvas binding. */
export function importPdfjs() {
  return (pdfjs ??= (async () => {
    const stubs = ['DOMMatrix', 'ImageData', 'Path2D'].filter((k) => !(k in globalThis));
    // empty classes: pdf.js builds one DOMMatrix at set-up (a constant of its renderer, never used for text)
    for (const k of stubs) globalThis[k] = class {};
    try {
      return await import('pdfjs-dist/legacy/build/pdf.mjs');
    } finally {
      for (const k of stubs) delete globalThis[k];
    }
  })());
}
