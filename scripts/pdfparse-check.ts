/**
 * Why the PDF reader uses pdf-parse's pdf.js directly instead of pdf-parse's getText():
 * a measurement on the fixture. Run: npx tsx scripts/pdfparse-check.ts
 * Prints, for both, the share of seed 002's paragraphs found within one output line (reflowed; under matchKey),
 * page-number lines left in the text, and the time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { readPdf } from '../src/ingest/pdf.js';
import { matchKey } from '../src/normalize/vi.js';
import { FIXTURES, SEEDS } from './lib.js';

const buf = readFileSync(path.join(FIXTURES, '002_7cd20b194e2a205a.pdf'));
// the fixture was made from a copy without the stray page number and with split symbols joined
const seed = readFileSync(path.join(SEEDS, '002_7cd20b194e2a205a.txt'), 'utf8')
  .replace(/^\s*\d{1,3}\s*$/gm, '')
  .replace(/([\p{L}\p{N}]-)[ \t]*\n\s*(?=[\p{L}\p{N}])/gu, '$1');
const blocks = seed.split(/\n\s*\n/).map((b) => b.trim()).filter((b) => b && !/^-+$/.test(b));

function score(label: string, text: string, ms: number) {
  // a paragraph counts only if it stands within one line of the output: reflowed, as the segmenter reads it
  const lines = text.split('\n').map((l) => matchKey(l)).filter(Boolean);
  const whole = blocks.filter((b) => lines.some((l) => l.includes(matchKey(b)))).length;
  const pageNumbers = text.split('\n').filter((l) => /^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$/.test(l)).length;
  console.log(`${label.padEnd(22)} seed blocks within one line ${whole}/${blocks.length} (${((100 * whole) / blocks.length).toFixed(1)} %), page-number lines ${pageNumbers}, ${ms.toFixed(0)} ms`);
}

let t0 = performance.now();
const parser = new PDFParse({ data: new Uint8Array(buf), isEvalSupported: false } as ConstructorParameters<typeof PDFParse>[0]);
const r = await parser.getText();
score('pdf-parse getText()', r.text, performance.now() - t0);
await parser.destroy();
t0 = performance.now();
const ours = await readPdf(buf, { maxPages: 500 });
score('rasoat readPdf()', ours.value!.text, performance.now() - t0);
