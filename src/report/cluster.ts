/**
 * Grouping the local additions of several plans by similarity: syllable-bigram
 * shingles of the tone-folded text, Jaccard similarity, single-link grouping
 * above a threshold. Deterministic (input order decides ties).
 */
import { matchKey } from '../normalize/vi.js';

export interface ClusterItem {
  /** the plan it comes from (refKey) */
  plan: string;
  text: string;
}

export const DEFAULT_THRESHOLD = 0.3;

export function shingles(text: string, n = 2): Set<string> {
  const w = matchKey(text)
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const out = new Set<string>();
  if (w.length < n) {
    if (w.length) out.add(w.join(' '));
    return out;
  }
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(' '));
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 0;
  let inter = 0;
  const [s, l] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of s) if (l.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/**
 * Groups of item indexes. Each group is sorted by index; groups are ordered by
 * the number of distinct plans (desc), size (desc), then first index.
 *
 * The groups are the connected components of the graph "Jaccard ≥ threshold", so only
 * pairs that can reach the threshold need comparing. Prefix filtering (Bayardo et al.,
 * "Scaling up all pairs similarity search"): with every set's shingles in one global
 * order (rarest first), two sets with J ≥ t share a shingle among the first
 * |x| − ⌈t·|x|⌉ + 1 of each; pairs sharing none are never compared, nor pairs whose sizes
 * differ by more than the factor t allows. Same groups as
 * comparing every pair (test/report.test.ts checks it), in near-linear time on
 * thousands of additions instead of quadratic.
 */
export function clusterAdditions(items: ClusterItem[], threshold = DEFAULT_THRESHOLD): number[][] {
  // the matrix page and additions.csv group the same additions: computed once
  const memoKey = `${threshold}\u0002${items.map((x) => `${x.plan}\u0001${x.text}`).join('\u0002')}`;
  if (memo && memo.key === memoKey) return memo.groups.map((g) => [...g]);
  const groups = clusterUncached(items, threshold);
  memo = { key: memoKey, groups };
  return groups.map((g) => [...g]);
}

let memo: { key: string; groups: number[][] } | null = null;

/** Pairs compared with Jaccard so far (tests count them to check the grouping stays near-linear). */
export const clusterStats = { comparisons: 0 };

function clusterUncached(items: ClusterItem[], threshold: number): number[][] {
  // Identical shingle sets (the same addition copied into many plans) are one vertex: J = 1, so they
  // are in the same group anyway, and comparing each copy with every other is what made the grouping
  // quadratic when hundreds of plans share their additions. Empty sets (J = 0 with anything) stay apart.
  const byText = new Map<string, Set<string>>();
  const all = items.map((x) => {
    let s = byText.get(x.text);
    if (!s) byText.set(x.text, (s = shingles(x.text)));
    return s;
  });
  const repOf = new Map<string, number>();
  const uniq: Set<string>[] = [];
  const vertexOf = all.map((s) => {
    if (!s.size) {
      uniq.push(s);
      return uniq.length - 1;
    }
    const k = [...s].sort().join('\u0001');
    let v = repOf.get(k);
    if (v === undefined) {
      v = uniq.push(s) - 1;
      repOf.set(k, v);
    }
    return v;
  });
  const sh = uniq;
  const df = new Map<string, number>();
  for (const s of sh) for (const x of s) df.set(x, (df.get(x) ?? 0) + 1);
  const parent = sh.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const index = new Map<string, number[]>();
  const seen = new Int32Array(sh.length).fill(-1);
  sh.forEach((s, i) => {
    const sorted = [...s].sort((x, y) => df.get(x)! - df.get(y)! || (x < y ? -1 : 1));
    const prefix = sorted.length ? sorted.length - Math.ceil(threshold * sorted.length - 1e-9) + 1 : 0;
    for (let k = 0; k < prefix; k++) {
      const post = index.get(sorted[k]);
      if (post)
        for (const j of post) {
          if (seen[j] === i) continue;
          seen[j] = i;
          // J ≤ min/max of the sizes: sets of too different sizes cannot reach the threshold
          const [a, b] = [sh[i].size, sh[j].size];
          if (Math.min(a, b) < threshold * Math.max(a, b) - 1e-9) continue;
          if (find(i) !== find(j) && (clusterStats.comparisons++, jaccard(sh[i], sh[j])) >= threshold) parent[Math.max(find(i), find(j))] = Math.min(find(i), find(j));
        }
      if (post) post.push(i);
      else index.set(sorted[k], [i]);
    }
  });
  const groups = new Map<number, number[]>();
  items.forEach((_, i) => {
    const r = find(vertexOf[i]);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(i);
  });
  const withPlans = [...groups.values()].map((g) => ({ g, plans: new Set(g.map((i) => items[i].plan)).size }));
  return withPlans.sort((a, b) => b.plans - a.plans || b.g.length - a.g.length || a.g[0] - b.g[0]).map((x) => x.g);
}
