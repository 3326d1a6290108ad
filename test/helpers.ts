import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Doc, Segment } from '../src/model.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
/** Small binary fixtures the tests need (DOCX, PDF, one scanned page); provenance in test/fixtures/README.md. */
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const CORPUS = path.join(ROOT, 'corpus');
/**
 * The project's seeds 000…004 are in corpus/ under descriptive names (byte-identical, see corpus/README.md):
 * `seed('002')` is the corpus file of seed 002.
 */
export const SEED_FILES: Record<string, string> = {
  '000': 'tap-doan-cnnl-ke-hoach-va-chi-thi-50-CT-TW.txt',
  '001': 'dang-uy-khoi-tinh-chi-thi-sinh-hoat-chi-bo.txt',
  '002': 'tinh-uy-ke-hoach-thuc-hien-chi-thi-50.txt',
  '003': 'thanh-uy-hai-phong-ke-hoach-thuc-hien-chi-thi-50.txt',
  '004': 'thi-uy-chi-thi-sinh-hoat-cap-uy-chi-bo.txt',
};
export const seed = (id: string) => {
  const f = SEED_FILES[id.slice(0, 3)];
  if (!f) throw new Error(`no seed ${id} in corpus/`);
  return path.join(CORPUS, f);
};
export const corpusFiles = () => readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).map((f) => path.join(CORPUS, f));

/**
 * Optional extra material outside the repository (../shared, or $RASOAT_SHARED): real documents and the gold
 * standard. A test that needs it puts SHARED_TAG in its name and skips with SHARED_SKIP when it is absent:
 *   describe.skipIf(!hasShared)(`real documents ${SHARED_TAG}${hasShared ? '' : SHARED_SKIP}`, …)
 */
export const SHARED = path.resolve(process.env.RASOAT_SHARED ?? path.join(ROOT, '..', 'shared'));
export const hasShared = existsSync(SHARED);
export const SHARED_TAG = '[../shared]';
export const SHARED_SKIP = ` — SKIPPED: ${SHARED} not found (optional material; set RASOAT_SHARED)`;

export function leafSegments(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  const visit = (s: Segment) => (s.children.length ? s.children.forEach(visit) : out.push(s));
  segs.forEach(visit);
  return out;
}

/**
 * Text conservation: every non-whitespace character of doc.text lies in exactly
 * one leaf span. Returns the offsets that break it (uncovered or covered twice).
 */
export function conservationErrors(doc: Doc): { uncovered: number[]; twice: number[] } {
  const cover = new Uint8Array(doc.text.length);
  for (const l of leafSegments(doc.segments)) for (let i = l.span[0]; i < l.span[1]; i++) cover[i]++;
  const uncovered: number[] = [];
  const twice: number[] = [];
  for (let i = 0; i < doc.text.length; i++) {
    if (/\s/.test(doc.text[i])) continue;
    if (cover[i] === 0) uncovered.push(i);
    else if (cover[i] > 1) twice.push(i);
  }
  return { uncovered, twice };
}

export function context(doc: Doc, offsets: number[]): string {
  return offsets
    .slice(0, 3)
    .map((o) => JSON.stringify(doc.text.slice(Math.max(0, o - 30), o + 30)))
    .join(' | ');
}
