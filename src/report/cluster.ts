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
  const sh = items.map((x) => shingles(x.text));
  const df = new Map<string, number>();
  for (const s of sh) for (const x of s) df.set(x, (df.get(x) ?? 0) + 1);
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const index = new Map<string, number[]>();
  const seen = new Int32Array(items.length).fill(-1);
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
          if (find(i) !== find(j) && jaccard(sh[i], sh[j]) >= threshold) parent[Math.max(find(i), find(j))] = Math.min(find(i), find(j));
        }
      if (post) post.push(i);
      else index.set(sorted[k], [i]);
    }
  });
  const groups = new Map<number, number[]>();
  items.forEach((_, i) => {
    const r = find(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(i);
  });
  const plans = (g: number[]) => new Set(g.map((i) => items[i].plan)).size;
  return [...groups.values()].sort((a, b) => plans(b) - plans(a) || b.length - a.length || a[0] - b[0]);
}
