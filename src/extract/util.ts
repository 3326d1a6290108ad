import type { Segment } from '../model.js';

/** The path of the deepest segment whose span contains `offset` ('' when none). */
export function pathAt(segments: Segment[], offset: number): string {
  let path = '';
  let level = segments;
  for (;;) {
    const hit = level.find((s) => s.span[0] <= offset && offset < s.span[1]);
    if (!hit) return path;
    path = hit.path;
    level = hit.children;
  }
}

/** The deepest segment containing `offset`, or null. */
export function segmentAt(segments: Segment[], offset: number): Segment | null {
  let found: Segment | null = null;
  let level = segments;
  for (;;) {
    const hit = level.find((s) => s.span[0] <= offset && offset < s.span[1]);
    if (!hit) return found;
    found = hit;
    level = hit.children;
  }
}
