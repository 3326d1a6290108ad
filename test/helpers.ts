import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Doc, Segment } from '../src/model.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SHARED = path.resolve(process.env.RASOAT_SHARED ?? path.join(ROOT, '..', 'shared'));
export const SEEDS = path.join(SHARED, 'seeds');
export const FIXTURES = path.join(SHARED, 'fixtures');
export const CORPUS = path.join(ROOT, 'corpus');
export const seed = (id: string) => path.join(SEEDS, readdirSync(SEEDS).find((f) => f.startsWith(id) && f.endsWith('.txt'))!);
export const corpusFiles = () => readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).map((f) => path.join(CORPUS, f));
export const hasShared = existsSync(SEEDS);

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
