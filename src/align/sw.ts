/**
 * Word-level Smith-Waterman local alignment with affine gaps (Gotoh).
 * Matching tokens score their weight (rare words count more than function
 * words) times their similarity; a substitution, and opening or extending a gap,
 * cost fixed penalties, so that local words inserted into a copied sentence
 * ("sinh hoạt chi bộ [toàn Đảng bộ thành phố cơ bản] vào ngày 03") cost little.
 */
import { type Tok, tokSim } from './tokens.js';

export const SCORE = { mismatch: -0.8, gapOpen: -1.4, gapExtend: -0.25 };

export interface Alignment {
  score: number;
  /** aligned pairs (req index, plan index, similarity > 0), in order */
  pairs: [number, number, number][];
  aStart: number;
  aEnd: number; // exclusive
  bStart: number;
  bEnd: number; // exclusive
}

let buf = { size: 0, H: new Float64Array(0), E: new Float64Array(0), F: new Float64Array(0), tH: new Uint8Array(0), tE: new Uint8Array(0), tF: new Uint8Array(0) };

function ensure(size: number) {
  if (buf.size >= size) return;
  const n = Math.max(size, buf.size * 2);
  buf = { size: n, H: new Float64Array(n), E: new Float64Array(n), F: new Float64Array(n), tH: new Uint8Array(n), tE: new Uint8Array(n), tF: new Uint8Array(n) };
}

let ids = { length: 0, id: new Int32Array(0), iy: new Int32Array(0), fz: new Int32Array(0) };

export function align(a: Tok[], wa: number[], b: Tok[], bFrom = 0, bTo = b.length): Alignment | null {
  const n = a.length;
  const m = bTo - bFrom;
  if (!n || !m) return null;
  const W = m + 1;
  ensure((n + 1) * W);
  const { H, E, F, tH, tE, tF } = buf;
  const { mismatch, gapOpen, gapExtend } = SCORE;
  if (ids.length < m) ids = { length: m * 2, id: new Int32Array(m * 2), iy: new Int32Array(m * 2), fz: new Int32Array(m * 2) };
  const bId = ids.id;
  const bIy = ids.iy;
  const bFz = ids.fz;
  for (let j = 0; j < m; j++) {
    const t = b[bFrom + j];
    bId[j] = t.id;
    bIy[j] = t.iy;
    bFz[j] = t.fz;
  }
  for (let j = 0; j <= m; j++) {
    H[j] = 0;
    E[j] = -1e9;
    F[j] = -1e9;
  }
  let best = 0;
  let bi = 0;
  let bj = 0;
  for (let i = 1; i <= n; i++) {
    const row = i * W;
    const prev = row - W;
    H[row] = 0;
    E[row] = -1e9;
    F[row] = -1e9;
    const aId = a[i - 1].id;
    const aIy = a[i - 1].iy;
    const w = wa[i - 1];
    for (let j = 1; j <= m; j++) {
      const k = row + j;
      // E: gap in a (plan token inserted)
      const eo = H[k - 1] + gapOpen;
      const ee = E[k - 1] + gapExtend;
      if (eo >= ee) {
        E[k] = eo;
        tE[k] = 0;
      } else {
        E[k] = ee;
        tE[k] = 1;
      }
      // F: gap in b (requirement token missing)
      const fo = H[prev + j] + gapOpen;
      const fe = F[prev + j] + gapExtend;
      if (fo >= fe) {
        F[k] = fo;
        tF[k] = 0;
      } else {
        F[k] = fe;
        tF[k] = 1;
      }
      const sim = aId === bId[j - 1] ? 1 : aIy === bIy[j - 1] ? 0.9 : bFz[j - 1] === aId ? 0.5 : 0;
      const d = H[prev + j - 1] + (sim > 0 ? w * sim : mismatch);
      let h = 0;
      let t = 0;
      if (d > h) {
        h = d;
        t = 1;
      }
      if (E[k] > h) {
        h = E[k];
        t = 2;
      }
      if (F[k] > h) {
        h = F[k];
        t = 3;
      }
      H[k] = h;
      tH[k] = t;
      if (h > best) {
        best = h;
        bi = i;
        bj = j;
      }
    }
  }
  if (best <= 0) return null;
  // traceback
  const pairs: [number, number, number][] = [];
  let i = bi;
  let j = bj;
  let state = 0; // 0 H, 1 E, 2 F
  while (i > 0 && j > 0) {
    const k = i * W + j;
    if (state === 0) {
      const t = tH[k];
      if (t === 0) break;
      if (t === 1) {
        const sim = tokSim(a[i - 1], b[bFrom + j - 1]);
        if (sim > 0) pairs.push([i - 1, bFrom + j - 1, sim]);
        i--;
        j--;
      } else if (t === 2) state = 1;
      else state = 2;
    } else if (state === 1) {
      state = tE[k] === 0 ? 0 : 1;
      j--;
    } else {
      state = tF[k] === 0 ? 0 : 2;
      i--;
    }
  }
  pairs.reverse();
  if (!pairs.length) return null;
  return { score: best, pairs, aStart: pairs[0][0], aEnd: pairs[pairs.length - 1][0] + 1, bStart: pairs[0][1], bEnd: pairs[pairs.length - 1][1] + 1 };
}
