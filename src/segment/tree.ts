/**
 * The one walker of the segment tree: visit every segment with its ancestors, and the helpers built on it
 * (pre-order list, leaves, parents). Every stage and report walks the tree through here.
 */
import type { Segment, SegmentKind, Span } from '../model.js';

/** The parts of a document around its body: the header block, the recipients ("Nơi nhận"), the signature. */
export const NON_BODY_KINDS: ReadonlySet<SegmentKind> = new Set<SegmentKind>(['header', 'recipients', 'signature']);
export const isBody = (s: Segment): boolean => !NON_BODY_KINDS.has(s.kind);

/**
 * Depth-first, in document order (pre-order): `fn` gets every segment and its ancestors, outermost first
 * (the array is reused: copy it to keep it). Returning false skips the segment's children; returning true stops the walk.
 */
export function visit(segs: readonly Segment[], fn: (s: Segment, ancestors: readonly Segment[]) => boolean | void): void {
  const stack: Segment[] = [];
  let stopped = false;
  const go = (s: Segment) => {
    const r = fn(s, stack);
    if (r === true) stopped = true;
    if (stopped || r === false) return;
    stack.push(s);
    for (const c of s.children) {
      go(c);
      if (stopped) break;
    }
    stack.pop();
  };
  for (const s of segs) {
    go(s);
    if (stopped) break;
  }
}

/** All segments in document order (pre-order). */
export function walk(segs: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  visit(segs, (s) => void out.push(s));
  return out;
}

/** All leaf segments in document order. */
export function leaves(segs: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  visit(segs, (s) => void (s.children.length ? undefined : out.push(s)));
  return out;
}

/** The parent of every segment (null at the top). */
export function parents(segs: readonly Segment[]): Map<Segment, Segment | null> {
  const out = new Map<Segment, Segment | null>();
  visit(segs, (s, anc) => void out.set(s, anc.length ? anc[anc.length - 1] : null));
  return out;
}

/** The chain from the top segment down to `target` (inclusive), or [] when it is not in the tree. */
export function pathTo(segs: readonly Segment[], target: Segment): Segment[] {
  let out: Segment[] = [];
  visit(segs, (s, anc) => {
    if (s !== target) return;
    out = [...anc, s];
    return true;
  });
  return out;
}

/**
 * The own text of a segment: the parts of its span that none of its children covers, in document order
 * (an item's first paragraph before its sub-items, text between and after them). A child lying outside the
 * span (a footnote printed elsewhere) is passed over; a leaf's own text is its whole span. Whitespace is kept.
 */
export function ownSpans(s: Segment): Span[] {
  if (!s.children.length) return [s.span];
  const out: Span[] = [];
  let pos = s.span[0];
  for (const k of [...s.children].sort((a, b) => a.span[0] - b.span[0])) {
    if (k.span[0] >= s.span[1] || k.span[1] <= s.span[0]) continue;
    if (k.span[0] > pos) out.push([pos, k.span[0]]);
    pos = Math.max(pos, k.span[1]);
  }
  if (pos < s.span[1]) out.push([pos, s.span[1]]);
  return out;
}
