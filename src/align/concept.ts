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
  keys: Set<number>;
  bigrams: Set<number>;
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

export function conceptScore(req: ConceptReq, kw: Map<number, number>, total: number, u: ConceptUnit, bigramW: Float64Array, bigramTotal: number): ConceptScore {
  let hit = 0;
  let strong = 0;
  for (const [k, w] of kw)
    if (u.keys.has(k)) {
      hit += w;
      if (w >= 0.5) strong++;
    }
  let bh = 0;
  for (const b of req.bigramIds) if (u.bigrams.has(b)) bh += bigramW[b];
  return { terms: total ? hit / total : 0, bigrams: bigramTotal ? bh / bigramTotal : 0, strong };
}

/** The requirement tokens whose key is absent from the unit, as runs of consecutive token indexes. */
export function missingRuns(req: ConceptReq, u: ConceptUnit): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  while (i < req.toks.length) {
    if (u.keys.has(req.toks[i].id)) {
      i++;
      continue;
    }
    let j = i;
    while (j < req.toks.length && !u.keys.has(req.toks[j].id)) j++;
    out.push([i, j]);
    i = j;
  }
  return out;
}
