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
 */
export function clusterAdditions(items: ClusterItem[], threshold = DEFAULT_THRESHOLD): number[][] {
  const sh = items.map((x) => shingles(x.text));
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) {
      if (find(i) === find(j)) continue;
      if (jaccard(sh[i], sh[j]) >= threshold) parent[Math.max(find(i), find(j))] = Math.min(find(i), find(j));
    }
  const groups = new Map<number, number[]>();
  items.forEach((_, i) => {
    const r = find(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(i);
  });
  const plans = (g: number[]) => new Set(g.map((i) => items[i].plan)).size;
  return [...groups.values()].sort((a, b) => plans(b) - plans(a) || b.length - a.length || a[0] - b[0]);
}
