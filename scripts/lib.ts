/** Shared helpers for the evaluators in scripts/. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Span } from '../src/model.js';
import { asciiFold, matchKey } from '../src/normalize/vi.js';

export const SHARED = path.resolve(process.env.RASOAT_SHARED ?? path.join(import.meta.dirname, '..', '..', 'shared'));
export const GOLD = path.join(SHARED, 'gold-dev');
export const SEEDS = path.join(SHARED, 'seeds');
export const FIXTURES = path.join(SHARED, 'fixtures');

/** The seeds 000…004 are in corpus/ under descriptive names (byte-identical, corpus/README.md): scripts that only
 * need a seed's text read it there, so they run without ../shared. */
const CORPUS = path.join(import.meta.dirname, '..', 'corpus');
const SEED_FILES: Record<string, string> = {
  '000': 'tap-doan-cnnl-ke-hoach-va-chi-thi-50-CT-TW.txt',
  '001': 'dang-uy-khoi-tinh-chi-thi-sinh-hoat-chi-bo.txt',
  '002': 'tinh-uy-ke-hoach-thuc-hien-chi-thi-50.txt',
  '003': 'thanh-uy-hai-phong-ke-hoach-thuc-hien-chi-thi-50.txt',
  '004': 'thi-uy-chi-thi-sinh-hoat-cap-uy-chi-bo.txt',
};
export const seedFile = (id: string): string => path.join(CORPUS, SEED_FILES[id.slice(0, 3)]);
/** The small binary fixtures of the tests (test/fixtures/README.md). */
export const TEST_FIXTURES = path.join(import.meta.dirname, '..', 'test', 'fixtures');

export function gold<T = any>(name: string): T {
  return JSON.parse(readFileSync(path.join(GOLD, name), 'utf8'));
}

/** The gold README's comparison: NFC, lower case, tone placement folded, whitespace collapsed. */
export const key = (s: string) => matchKey(s.replace(/\s*\n\s*/g, ' '));

export function prf(tp: number, fp: number, fn: number) {
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  const f = p + r ? (2 * p * r) / (p + r) : 0;
  return { p, r, f, tp, fp, fn };
}

export const pct = (x: number) => x.toFixed(3);

/** The seed file and its renderings, by gold id ("002"). */
export function versions(id: string): { label: string; file: string }[] {
  const seed = { label: `${id} txt`, file: path.join(SEEDS, `${id === '002' ? '002_7cd20b194e2a205a' : id === '003' ? '003_16dc449be3f50a1e' : id}.txt`) };
  const out = [seed];
  const fx = id === '002' ? '002_7cd20b194e2a205a.pdf' : id === '003' ? '003_16dc449be3f50a1e.docx' : null;
  if (fx) out.push({ label: `${id} ${fx.split('.').pop()}`, file: path.join(FIXTURES, fx) });
  return out;
}

/** Locate a phrase in a text ignoring case, diacritics and whitespace; returns its span. */
export function locate(text: string, phrase: string, from = 0): Span | null {
  const norm = (s: string) => {
    let out = '';
    const map: number[] = [];
    let space = false;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (/\s|\*/u.test(c)) {
        if (!space && out.length) {
          out += ' ';
          map.push(i);
        }
        space = true;
        continue;
      }
      space = false;
      const f = asciiFold(c).toLowerCase();
      if (!f) continue;
      out += f[0];
      map.push(i);
    }
    return { out, map };
  };
  const t = norm(text);
  const p = norm(phrase).out.trim();
  const start = t.map.findIndex((x) => x >= from);
  const k = t.out.indexOf(p, Math.max(0, start));
  if (k < 0) return null;
  return [t.map[k], t.map[k + p.length - 1] + 1];
}
