/**
 * Renders the official-layout test documents (test/helpers/official.ts) to test/fixtures/official/:
 * NAME.docx (the `docx` package) and NAME.pdf (LibreOffice headless). Run after changing them:
 *
 *   npx tsx scripts/official-fixtures.ts
 */
import { mkdirSync, mkdtempSync, copyFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OFFICIAL_FIXTURES } from '../test/helpers/official.js';
import { toDocx, toPdf } from './official-layout.js';

const out = path.join(import.meta.dirname, '..', 'test', 'fixtures', 'official');
mkdirSync(out, { recursive: true });
const tmp = mkdtempSync(path.join(os.tmpdir(), 'rasoat-official-fixtures-'));
const files: string[] = [];
for (const f of OFFICIAL_FIXTURES) {
  const docx = path.join(tmp, `${f.name}.docx`);
  writeFileSync(docx, await toDocx(f.doc));
  files.push(docx);
}
toPdf(files, tmp);
for (const f of OFFICIAL_FIXTURES) for (const ext of ['docx', 'pdf']) copyFileSync(path.join(tmp, `${f.name}.${ext}`), path.join(out, `${f.name}.${ext}`));
console.log(`wrote ${OFFICIAL_FIXTURES.length * 2} files to ${out}`);
