import type { Segment } from '../model.js';

/**
 * The deepest segment whose span contains `offset`, or null. Searches the whole
 * tree (a parent's span is not assumed to cover its children's); among the
 * segments containing the offset, the narrowest wins, the deeper one on ties.
 */
export function segmentAt(segments: Segment[], offset: number): Segment | null {
  let best: Segment | null = null;
  let bestLen = Infinity;
  let bestDepth = -1;
  const walk = (segs: Segment[], depth: number) => {
    for (const s of segs) {
      if (s.span[0] <= offset && offset < s.span[1]) {
        const len = s.span[1] - s.span[0];
        if (len < bestLen || (len === bestLen && depth > bestDepth)) {
          best = s;
          bestLen = len;
          bestDepth = depth;
        }
      }
      walk(s.children, depth + 1);
    }
  };
  walk(segments, 0);
  return best;
}

/** The path of the deepest segment containing `offset` ('' when none). */
export function pathAt(segments: Segment[], offset: number): string {
  return segmentAt(segments, offset)?.path ?? '';
}
