/**
 * Concept-level matching: a requirement reduced to its key terms (distinct token keys after the
 * thesaurus, weighted by how rare they are among the directive's requirements) and its syllable
 * bigrams, compared with a plan unit — one passage, or all passages of one item (a requirement
 * restated across several bullets of an item: many-to-one). It finds what word-level alignment
 * misses when a lower level condenses or reorders a requirement, and it ranks the near-miss
 * passages shown as evidence for every omission.
 */
import type { Tok } from './tokens.js';

export interface ConceptReq {
  toks: Tok[];
  w: number[];
  bigramIds: Int32Array;
}
export interface ConceptUnit {
  /** passage indexes of the unit */
  members: number[];
  /** its distinct token key ids (made on first use) */
  keys?: Set<number>;
}
export interface ConceptScore {
  /** weighted share of the requirement's distinct key terms found in the unit */
  terms: number;
  /** weighted share of its syllable bigrams found in the unit */
  bigrams: number;
  /** how many of its distinct key terms of weight ≥ 0.5 (not function words) the unit holds */
  strong: number;
}

/**
 * Function words: they carry no concept of their own (a condensed restatement drops them first), so they
 * do not count in the concept score. Diacritic-free keys; "dang" is not here (Đảng / đang).
 */
export const FUNCTION_WORDS = new Set(
  'cac cua va nhung duoc co la voi trong ve de cho theo den khi nay do viec phai moi tu tai hoac nhat neu thi da se cung hon nhu tren sau truoc giua mot nham cung bi ma ra vao'.split(' '),
);

/** Distinct keys of a requirement with their weight (the largest weight of the key's tokens); function words left out. */
export function keyWeights(req: ConceptReq): Map<number, number> {
  const m = new Map<number, number>();
  req.toks.forEach((t, i) => {
    if (t.kind === 'word' && FUNCTION_WORDS.has(t.key)) return;
    m.set(t.id, Math.max(m.get(t.id) ?? 0, req.w[i]));
  });
  return m;
}
