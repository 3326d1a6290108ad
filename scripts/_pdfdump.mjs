import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import fs from 'node:fs';
const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const t0=Date.now();
const doc = await pdfjs.getDocument({ data, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
console.log('pages', doc.numPages, Date.now()-t0);
for (let p = 1; p <= Math.min(doc.numPages, +process.argv[3]||2); p++) {
  const page = await doc.getPage(p);
  const vp = page.getViewport({scale:1});
  console.log('--- page', p, vp.width, vp.height);
  const tc = await page.getTextContent();
  for (const it of tc.items.slice(0, +process.argv[4]||60)) console.log(JSON.stringify([it.str, it.transform.map(x=>+x.toFixed(1)), +it.width.toFixed(1), it.height, it.fontName, it.hasEOL]));
  console.log(Object.keys(tc.styles).map(k=>k+':'+JSON.stringify(tc.styles[k])).join('\n'));
}
