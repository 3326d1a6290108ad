/** Small generic helpers every layer may use (no domain knowledge). */

/**
 * Binary search: the first index in [0, n) for which `before(i)` is false, for a predicate that is true on
 * a prefix and false after it (n when it is true everywhere). The one binary search of the code base.
 */
export function partitionPoint(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
