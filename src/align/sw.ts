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

// reused buffers: one traceback byte per cell (bits 0–1: H source, bit 2: E extends, bit 3: F extends),
// and the H/F rows of the previous and current row (the DP only looks one row back)
let tb = new Uint8Array(0);
let rows = { size: 0, Hp: new Float64Array(0), Hc: new Float64Array(0), F: new Float64Array(0), id: new Int32Array(0), iy: new Int32Array(0), fz: new Int32Array(0) };

/** The plain dense DP over every cell: the reference `align` is checked against (test/diff.test.ts). */
export function alignDense(a: Tok[], wa: ArrayLike<number>, b: Tok[], bFrom = 0, bTo = b.length, aFrom = 0, aTo = a.length): Alignment | null {
  const n = aTo - aFrom;
  const m = bTo - bFrom;
  if (n <= 0 || m <= 0) return null;
  const W = m + 1;
  if (tb.length < (n + 1) * W) tb = new Uint8Array(Math.max((n + 1) * W, tb.length * 2));
  if (rows.size < W) {
    const z = Math.max(W, rows.size * 2);
    rows = { size: z, Hp: new Float64Array(z), Hc: new Float64Array(z), F: new Float64Array(z), id: new Int32Array(z), iy: new Int32Array(z), fz: new Int32Array(z) };
  }
  const T = tb;
  let Hp = rows.Hp;
  let Hc = rows.Hc;
  const F = rows.F;
  const { mismatch, gapOpen, gapExtend } = SCORE;
  const bId = rows.id;
  const bIy = rows.iy;
  const bFz = rows.fz;
  for (let j = 0; j < m; j++) {
    const t = b[bFrom + j];
    bId[j + 1] = t.id;
    bIy[j + 1] = t.iy;
    bFz[j + 1] = t.fz;
  }
  for (let j = 0; j <= m; j++) {
    Hp[j] = 0;
    F[j] = -1e9;
  }
  Hc[0] = 0;
  let best = 0;
  let bi = 0;
  let bj = 0;
  for (let i = 1; i <= n; i++) {
    const row = i * W;
    let e = -1e9;
    let hLeft = 0;
    const ta = a[aFrom + i - 1];
    const aId = ta.id;
    const aIy = ta.iy;
    const w = wa[aFrom + i - 1];
    for (let j = 1; j <= m; j++) {
      let bits = 0;
      // E: gap in a (plan token inserted)
      const eo = hLeft + gapOpen;
      const ee = e + gapExtend;
      if (eo >= ee) e = eo;
      else {
        e = ee;
        bits = 4;
      }
      // F: gap in b (requirement token missing)
      const up = Hp[j];
      const fo = up + gapOpen;
      const fe = F[j] + gapExtend;
      let f: number;
      if (fo >= fe) f = fo;
      else {
        f = fe;
        bits |= 8;
      }
      F[j] = f;
      const sim = aId === bId[j] ? 1 : aIy === bIy[j] ? 0.9 : bFz[j] === aId ? 0.5 : 0;
      const d = Hp[j - 1] + (sim > 0 ? w * sim : mismatch);
      let h = 0;
      let t = 0;
      if (d > h) {
        h = d;
        t = 1;
      }
      if (e > h) {
        h = e;
        t = 2;
      }
      if (f > h) {
        h = f;
        t = 3;
      }
      Hc[j] = h;
      T[row + j] = bits | t;
      hLeft = h;
      if (h > best) {
        best = h;
        bi = i;
        bj = j;
      }
    }
    const x = Hp;
    Hp = Hc;
    Hc = x;
    Hc[0] = 0;
  }
  if (best <= 0) return null;
  return traceback(a, b, aFrom, bFrom, W, bi, bj, best);
}

/**
 * Align a[aFrom, aTo) (weights wa, indexed like a) with b[bFrom, bTo). Pairs carry
 * indexes relative to aFrom on the requirement side and absolute indexes on the plan side.
 *
 * Same recurrences, tie-breaks and result as `alignDense` (checked cell for cell in
 * test/diff.test.ts), but only the cells that can differ from the resting state are
 * computed. A cell rests when H is 0, its traceback byte 0, and its E and F are low
 * enough that the next cell takes a fresh gap opening (E + gapExtend ≤ gapOpen, with
 * gapOpen ≥ the value a resting cell stores). A non-matching cell whose left, upper
 * and diagonal neighbours leave it nothing positive and no gap extension rests too;
 * so each row visits only the columns where the row above left something (a positive
 * diagonal above mismatch, an F still extending, a positive upper H), the columns whose
 * plan token resembles the row's token, and runs to the right while E still extends.
 * Unrelated words and isolated low-weight common words cost one cell each.
 */
export function align(a: Tok[], wa: ArrayLike<number>, b: Tok[], bFrom = 0, bTo = b.length, aFrom = 0, aTo = a.length): Alignment | null {
  const n = aTo - aFrom;
  const m = bTo - bFrom;
  if (n <= 0 || m <= 0) return null;
  const W = m + 1;
  const cells = (n + 1) * W;
  if (tb.length < cells) tb = new Uint8Array(Math.max(cells, tb.length * 2));
  const T = tb;
  T.fill(0, 0, cells);
  if (sp.size < W + 1) {
    const z = Math.max(W + 1, sp.size * 2);
    sp = { size: z, H1: new Float64Array(z), H2: new Float64Array(z), F: new Float64Array(z), pd: new Int32Array(z), nd: new Int32Array(z), z1: new Int32Array(z), z2: new Int32Array(z), nIy: new Int32Array(z), nFz: new Int32Array(z) };
  }
  // H of the previous row (Hp) and of this row (Hc); columns not computed hold 0
  let Hp = sp.H1;
  let Hc = sp.H2;
  const F = sp.F;
  // columns the next row must compute (pd: for this row, nd: being filled), and columns of Hp/Hc holding non-zero H
  let pd = sp.pd;
  let nd = sp.nd;
  let pdN = 0;
  let zp = sp.z1;
  let zc = sp.z2;
  let zpN = 0;
  const { mismatch, gapOpen, gapExtend } = SCORE;
  const REST = 0 + gapOpen;
  for (let j = 0; j <= m; j++) {
    Hp[j] = 0;
    Hc[j] = 0;
    F[j] = -1e9;
  }
  // plan columns (1-based) by i/y-folded key, and by the base key an OCR slip points to:
  // linked lists in ascending column order (head per key id, next per column; 0 ends a list)
  if (++colGen > 2e9) {
    colGen = 1;
    gIy.fill(0);
    gFz.fill(0);
  }
  const g = colGen;
  const nIy = sp.nIy;
  const nFz = sp.nFz;
  for (let j = m; j >= 1; j--) {
    const t = b[bFrom + j - 1];
    if (t.iy >= hIy.length) ({ head: hIy, gen: gIy } = growHeads(hIy, gIy, t.iy));
    if (gIy[t.iy] !== g) {
      gIy[t.iy] = g;
      hIy[t.iy] = 0;
    }
    nIy[j] = hIy[t.iy];
    hIy[t.iy] = j;
    if (t.fz >= 0) {
      if (t.fz >= hFz.length) ({ head: hFz, gen: gFz } = growHeads(hFz, gFz, t.fz));
      if (gFz[t.fz] !== g) {
        gFz[t.fz] = g;
        hFz[t.fz] = 0;
      }
      nFz[j] = hFz[t.fz];
      hFz[t.fz] = j;
    }
  }
  // rem[i]: the most the requirement tokens after row i can still add (weight × best similarity
  // any plan token offers them); a cell with h + rem[i] below the best score so far cannot lie on
  // the best alignment nor lead to it, and is set to rest (its value only lowers, see below)
  if (rem.length < n + 1) rem = new Float64Array(Math.max(n + 1, rem.length * 2));
  rem[n] = 0;
  for (let i = n; i >= 1; i--) {
    const ta = a[aFrom + i - 1];
    const ms = ta.iy < hIy.length && gIy[ta.iy] === g && hIy[ta.iy] !== 0 ? 1 : ta.id < hFz.length && gFz[ta.id] === g && hFz[ta.id] !== 0 ? 0.5 : 0;
    rem[i - 1] = rem[i] + wa[aFrom + i - 1] * ms;
  }
  // a score some alignment surely reaches: the best ungapped diagonal run (matches and mismatches
  // along one diagonal, as the DP scores them), from the matching cells only
  let seed = 0;
  {
    if (dRow.length < n + m + 1) {
      dRow = new Int32Array(Math.max(n + m + 1, dRow.length * 2));
      dScore = new Float64Array(dRow.length);
    }
    dRow.fill(0, 0, n + m + 1);
    for (let i = 1; i <= n; i++) {
      const ta = a[aFrom + i - 1];
      const w = wa[aFrom + i - 1];
      for (let pass = 0; pass < 2; pass++) {
        let c = pass === 0 ? (ta.iy < hIy.length && gIy[ta.iy] === g ? hIy[ta.iy] : 0) : ta.id < hFz.length && gFz[ta.id] === g ? hFz[ta.id] : 0;
        for (; c !== 0; c = pass === 0 ? nIy[c] : nFz[c]) {
          const d = c - i + n;
          if (dRow[d] === i) continue;
          const tj = b[bFrom + c - 1];
          const sim = ta.id === tj.id ? 1 : ta.iy === tj.iy ? 0.9 : tj.fz === ta.id ? 0.5 : 0;
          let sc = dRow[d] ? dScore[d] + mismatch * (i - dRow[d] - 1) : 0;
          if (sc < 0) sc = 0;
          sc += w * sim;
          dRow[d] = i;
          dScore[d] = sc;
          if (sc > seed) seed = sc;
        }
      }
    }
  }
  let best = 0;
  let bound = seed;
  let bi = 0;
  let bj = 0;
  for (let i = 1; i <= n; i++) {
    const row = i * W;
    const ta = a[aFrom + i - 1];
    const aId = ta.id;
    const aIy = ta.iy;
    const w = wa[aFrom + i - 1];
    const remI = rem[i] + 1e-6;
    let q = aIy < hIy.length && gIy[aIy] === g ? hIy[aIy] : 0;
    let r = aId < hFz.length && gFz[aId] === g ? hFz[aId] : 0;
    let p = 0;
    let ndN = 0;
    let zcN = 0;
    let j = 0; // last column computed in this row
    let carry = false; // the cell right of j does not rest (E still extends)
    let hLeft = 0;
    let e = REST;
    for (;;) {
      let next: number;
      if (carry) next = j + 1;
      else {
        while (p < pdN && pd[p] <= j) p++;
        next = p < pdN ? pd[p] : m + 1;
        while (q !== 0 && q <= j) q = nIy[q];
        if (q !== 0 && q < next) next = q;
        while (r !== 0 && r <= j) r = nFz[r];
        if (r !== 0 && r < next) next = r;
        // the cells skipped rest: this cell sees a resting left neighbour
        hLeft = 0;
        e = REST;
      }
      if (next > m) break;
      j = next;
      let bits = 0;
      const eo = hLeft + gapOpen;
      const ee = e + gapExtend;
      if (eo >= ee) e = eo;
      else {
        e = ee;
        bits = 4;
      }
      const fo = Hp[j] + gapOpen;
      const fe = F[j] + gapExtend;
      let f: number;
      if (fo >= fe) f = fo;
      else {
        f = fe;
        bits |= 8;
      }
      F[j] = f;
      const tj = b[bFrom + j - 1];
      const sim = aId === tj.id ? 1 : aIy === tj.iy ? 0.9 : tj.fz === aId ? 0.5 : 0;
      const d = Hp[j - 1] + (sim > 0 ? w * sim : mismatch);
      let h = 0;
      let t = 0;
      if (d > h) {
        h = d;
        t = 1;
      }
      if (e > h) {
        h = e;
        t = 2;
      }
      if (f > h) {
        h = f;
        t = 3;
      }
      if (h + remI < bound) {
        // pruned: no path through this cell reaches the best score found so far. Resting values
        // are lower than the true ones, so every cell that depended on it only loses paths that
        // could not win, and the best cell, its score and its traceback stay the same.
        F[j] = REST;
        carry = false;
        continue;
      }
      T[row + j] = bits | t;
      if (h !== 0) {
        Hc[j] = h;
        zc[zcN++] = j;
        if (h > best) {
          best = h;
          bi = i;
          bj = j;
          if (h > bound) bound = h;
        }
      }
      // the cell below rests unless it extends this F, or its fresh opening h + gapOpen is still
      // extendable (F stays as it is when that cell is skipped, so it must itself be spent)
      const open = h + gapOpen;
      if (f + gapExtend > REST || open + gapExtend > REST) {
        if (ndN === 0 || nd[ndN - 1] !== j) nd[ndN++] = j;
      }
      // the diagonal cell below-right rests unless this H survives a mismatch
      if (h + mismatch > 0) nd[ndN++] = j + 1;
      // the cell to the right rests unless it extends this E or its fresh opening is still extendable
      carry = !(open >= e + gapExtend && open + gapExtend <= REST);
      hLeft = h;
    }
    // clear the previous row's non-zero H (that array becomes this row's successor), then swap
    for (let k = 0; k < zpN; k++) Hp[zp[k]] = 0;
    const hx = Hp;
    Hp = Hc;
    Hc = hx;
    const zx = zp;
    zp = zc;
    zc = zx;
    zpN = zcN;
    const x = pd;
    pd = nd;
    nd = x;
    pdN = ndN;
  }
  sp.pd = pd;
  sp.nd = nd;
  sp.z1 = zp;
  sp.z2 = zc;
  sp.H1 = Hp;
  sp.H2 = Hc;
  if (best <= 0) return null;
  return traceback(a, b, aFrom, bFrom, W, bi, bj, best);
}

let rem = new Float64Array(0);
let dRow = new Int32Array(0);
let dScore = new Float64Array(0);
let sp = {
  size: 0,
  H1: new Float64Array(0),
  H2: new Float64Array(0),
  F: new Float64Array(0),
  pd: new Int32Array(0),
  nd: new Int32Array(0),
  z1: new Int32Array(0),
  z2: new Int32Array(0),
  nIy: new Int32Array(0),
  nFz: new Int32Array(0),
};
// list heads per token id, valid when their generation is the current call's
let colGen = 0;
let hIy: Int32Array = new Int32Array(0);
let gIy: Int32Array = new Int32Array(0);
let hFz: Int32Array = new Int32Array(0);
let gFz: Int32Array = new Int32Array(0);
function growHeads(head: Int32Array, gen: Int32Array, id: number): { head: Int32Array; gen: Int32Array } {
  const z = Math.max(id + 1, head.length * 2, 1024);
  const h = new Int32Array(z);
  const g = new Int32Array(z);
  h.set(head);
  g.set(gen);
  return { head: h, gen: g };
}

function traceback(a: Tok[], b: Tok[], aFrom: number, bFrom: number, W: number, bi: number, bj: number, best: number): Alignment | null {
  const T = tb;
  const pairs: [number, number, number][] = [];
  let i = bi;
  let j = bj;
  let state = 0; // 0 H, 1 E, 2 F
  while (i > 0 && j > 0) {
    const v = T[i * W + j];
    if (state === 0) {
      const t = v & 3;
      if (t === 0) break;
      if (t === 1) {
        const sim = tokSim(a[aFrom + i - 1], b[bFrom + j - 1]);
        if (sim > 0) pairs.push([i - 1, bFrom + j - 1, sim]);
        i--;
        j--;
      } else if (t === 2) state = 1;
      else state = 2;
    } else if (state === 1) {
      state = v & 4 ? 1 : 0;
      j--;
    } else {
      state = v & 8 ? 2 : 0;
      i--;
    }
  }
  pairs.reverse();
  if (!pairs.length) return null;
  return { score: best, pairs, aStart: pairs[0][0], aEnd: pairs[pairs.length - 1][0] + 1, bStart: pairs[0][1], bEnd: pairs[pairs.length - 1][1] + 1 };
}

// token-id stamps for maxSims (ids are small interned integers)
let stampGen = 0;
let stId: Int32Array = new Int32Array(0);
let stIy: Int32Array = new Int32Array(0);
let stFz: Int32Array = new Int32Array(0);
function grow(x: Int32Array, id: number): Int32Array {
  if (id < x.length) return x;
  const y = new Int32Array(Math.max(id + 1, x.length * 2, 1024));
  y.set(x);
  return y;
}

/**
 * For each token of a, the best similarity it can reach with any token of b[bFrom, bTo)
 * (the value `align` would score for that pair), written to out[0 … a.length).
 * Aligned pairs carry at most this similarity, so Σ w·out bounds an alignment's score
 * and matched weight: a cheap exact test that an alignment cannot pass a threshold.
 */
export function maxSims(a: Tok[], b: Tok[], bFrom: number, bTo: number, out: Float64Array): void {
  if (++stampGen > 2e9) {
    stampGen = 1;
    stId.fill(0);
    stIy.fill(0);
    stFz.fill(0);
  }
  const g = stampGen;
  for (let j = bFrom; j < bTo; j++) {
    const t = b[j];
    stId = grow(stId, t.id);
    stId[t.id] = g;
    stIy = grow(stIy, t.iy);
    stIy[t.iy] = g;
    if (t.fz >= 0) {
      stFz = grow(stFz, t.fz);
      stFz[t.fz] = g;
    }
  }
  for (let i = 0; i < a.length; i++) {
    const t = a[i];
    out[i] = t.id < stId.length && stId[t.id] === g ? 1 : t.iy < stIy.length && stIy[t.iy] === g ? 0.9 : t.id < stFz.length && stFz[t.id] === g ? 0.5 : 0;
  }
}
