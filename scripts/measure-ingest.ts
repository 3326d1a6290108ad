/**
 * Measures the PDF/OCR readers on the fixtures (a benchmark, not a test):
 *   npx tsx scripts/measure-ingest.ts [--ocr]
 * - share of seed 002's blank-line blocks found verbatim (matchKey) in the PDF text,
 * - share of output paragraphs found verbatim in the seed,
 * - syllable agreement (LCS of matchKey syllables / seed syllables),
 * - extraction times (cold and warm), and with --ocr the OCR of the scanned PDF.
 */
import { readFileSync } from 'node:fs';
import { diffArrays } from 'diff';
import { readPdf } from '../src/ingest/pdf.js';
import { matchKey } from '../src/normalize/vi.js';
import { FIXTURES, TEST_FIXTURES, seedFile } from './lib.js';

const FIX = TEST_FIXTURES;
// the fixture PDF was made from a copy without the stray page number and with "21-\nNQ/TW" joined
const seed = readFileSync(seedFile('002'), 'utf8')
  .replace(/^\s*\d{1,3}\s*$/gm, '')
  .replace(/([\p{L}\p{N}]-)[ \t]*\n\s*(?=[\p{L}\p{N}])/gu, '$1');
const seedKey = matchKey(seed);

function agreement(label: string, text: string) {
  const hay = matchKey(text);
  const blocks = seed.split(/\n\s*\n/).map((b) => b.trim()).filter((b) => b && !/^-+$/.test(b));
  const found = blocks.filter((b) => hay.includes(matchKey(b))).length;
  const paras = text.split(/\n\s*\n/).filter((p) => p.trim());
  const rev = paras.filter((p) => seedKey.includes(matchKey(p))).length;
  const a = seedKey.split(' ');
  let same = 0;
  for (const part of diffArrays(a, hay.split(' '))) if (!part.added && !part.removed) same += part.count ?? part.value.length;
  console.log(`${label}: seed blocks found ${found}/${blocks.length} (${((100 * found) / blocks.length).toFixed(1)} %), output paragraphs in seed ${rev}/${paras.length}, syllables ${((100 * same) / a.length).toFixed(1)} %`);
}

const pdf = readFileSync(`${FIX}/002_7cd20b194e2a205a.pdf`);
for (let k = 0; k < 3; k++) {
  const t0 = performance.now();
  const r = await readPdf(pdf, { maxPages: 500 });
  console.log(`PDF extraction ${k === 0 ? 'cold' : 'warm'}: ${(performance.now() - t0).toFixed(0)} ms, ${r.value!.pages} pages`);
  if (k === 0) agreement('PDF', r.value!.text);
}
if (process.argv.includes('--ocr')) {
  const t0 = performance.now();
  const r = await readPdf(readFileSync(`${FIXTURES}/002_7cd20b194e2a205a.scan.pdf`) /* the full scan: ../shared */, { maxPages: 500 });
  console.log(`OCR: ${((performance.now() - t0) / 1000).toFixed(1)} s total; ${r.diagnostics.find((d) => d.code === 'ocr')?.message}`);
  agreement('OCR', r.value!.text);
}
