import { partitionPoint } from '../util.js';
import type { Segment } from '../model.js';
import { visit } from '../segment/tree.js';

/** Every segment of a tree with its depth, in document (pre-)order. */
function flatten(segments: Segment[]): { s: Segment; depth: number }[] {
  const out: { s: Segment; depth: number }[] = [];
  visit(segments, (s, ancestors) => void out.push({ s, depth: ancestors.length }));
  return out;
}

/** Among the segments containing `offset`, the narrowest; the deeper one on ties, then the first. */
function narrowestAt(flat: { s: Segment; depth: number }[], offset: number): Segment | null {
  let best: Segment | null = null;
  let bestLen = Infinity;
  let bestDepth = -1;
  for (const { s, depth } of flat) {
    if (s.span[0] <= offset && offset < s.span[1]) {
      const len = s.span[1] - s.span[0];
      if (len < bestLen || (len === bestLen && depth > bestDepth)) {
        best = s;
        bestLen = len;
        bestDepth = depth;
      }
    }
  }
  return best;
}

/**
 * The deepest segment whose span contains `offset`, or null. Searches the whole
 * tree (a parent's span is not assumed to cover its children's); among the
 * segments containing the offset, the narrowest wins, the deeper one on ties.
 */
export function segmentAt(segments: Segment[], offset: number): Segment | null {
  return narrowestAt(flatten(segments), offset);
}

/** The path of the deepest segment containing `offset` ('' when none). */
export function pathAt(segments: Segment[], offset: number): string {
  return segmentAt(segments, offset)?.path ?? '';
}

/**
 * `segmentAt`/`pathAt` for many offsets of one document: the answer is the same for every
 * offset between two consecutive span boundaries, so it is computed once per such interval
 * (same rule and same tie-breaking as `segmentAt`) and found by binary search.
 * One locator per segment tree, shared by the finders of the extract stage (which never
 * change the tree they read).
 */
type Locator = { at(offset: number): Segment | null; pathAt(offset: number): string };
const LOCATORS = new WeakMap<Segment[], Locator>();
export function segmentLocator(segments: Segment[]): Locator {
  let loc = LOCATORS.get(segments);
  if (!loc) LOCATORS.set(segments, (loc = buildLocator(segments)));
  return loc;
}

function buildLocator(segments: Segment[]): Locator {
  const flat = flatten(segments);
  const bounds = [...new Set(flat.flatMap(({ s }) => [s.span[0], s.span[1]]))].sort((a, b) => a - b);
  // the answer for every interval [bounds[k], bounds[k+1]) in one sweep (was one scan of all segments per
  // interval asked: quadratic on a document of many paragraphs). The segments containing the interval are
  // those started at or before it and not yet ended; the narrowest of them, the deeper on ties, then the
  // first — the same rule as narrowestAt — is the top of a heap with lazy removal.
  const answer: (Segment | null)[] = new Array(bounds.length).fill(null);
  const order = flat.map((f, i) => ({ ...f, i, len: f.s.span[1] - f.s.span[0], k0: 0, k1: 0 }));
  const kOf = (v: number) => partitionPoint(bounds.length, (i) => bounds[i] < v);
  for (const o of order) {
    o.k0 = kOf(o.s.span[0]);
    o.k1 = kOf(o.s.span[1]);
  }
  const starts = [...order].filter((o) => o.k0 < o.k1).sort((a, b) => a.k0 - b.k0);
  const better = (a: (typeof order)[number], b: (typeof order)[number]) => a.len < b.len || (a.len === b.len && (a.depth > b.depth || (a.depth === b.depth && a.i < b.i)));
  const heap: (typeof order)[number][] = [];
  const push = (x: (typeof order)[number]) => {
    heap.push(x);
    for (let c = heap.length - 1; c > 0; ) {
      const p = (c - 1) >> 1;
      if (!better(heap[c], heap[p])) break;
      [heap[c], heap[p]] = [heap[p], heap[c]];
      c = p;
    }
  };
  const pop = () => {
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      for (let p = 0; ; ) {
        const l = 2 * p + 1;
        const r = l + 1;
        let m = p;
        if (l < heap.length && better(heap[l], heap[m])) m = l;
        if (r < heap.length && better(heap[r], heap[m])) m = r;
        if (m === p) break;
        [heap[m], heap[p]] = [heap[p], heap[m]];
        p = m;
      }
    }
  };
  let next = 0;
  for (let k = 0; k < bounds.length - 1; k++) {
    while (next < starts.length && starts[next].k0 <= k) push(starts[next++]);
    while (heap.length && heap[0].k1 <= k) pop();
    answer[k] = heap.length ? heap[0].s : null;
  }
  const at = (offset: number): Segment | null => {
    // index of the last boundary <= offset (-1 when before every boundary)
    const k = partitionPoint(bounds.length, (i) => bounds[i] <= offset) - 1;
    if (k < 0 || k === bounds.length - 1 || !Number.isInteger(offset)) return narrowestAt(flat, offset);
    return answer[k];
  };
  return { at, pathAt: (offset: number) => at(offset)?.path ?? '' };
}

/**
 * A pattern that starts with a negative lookbehind on one character class ("(?<![\p{L}])…"),
 * run as the rest of the pattern plus a check of the lookbehind on each match. Same matches as
 * the whole pattern: the engine tries the same start positions in the same order, and a start
 * where the lookbehind fails is skipped either way. Much faster: with the lookbehind in front,
 * the engine evaluates it at every position instead of first looking for the pattern's first characters.
 * For patterns whose rest starts with a BMP character and never matches the empty string (all of
 * ours); otherwise start positions inside a surrogate pair may be tried differently from the engine.
 */
export class AfterLookbehind {
  /** the rest of the pattern, global */
  readonly rest: RegExp;
  /** the lookbehind alone, sticky and zero-width */
  private readonly lb: RegExp;
  constructor(readonly re: RegExp) {
    const src = re.source;
    if (!src.startsWith('(?<![')) throw new Error(`no leading lookbehind: ${src}`);
    let i = 5;
    while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
    if (src[i + 1] !== ')') throw new Error(`not a one-class lookbehind: ${src}`);
    const base = re.flags.replace(/[gy]/g, '');
    this.lb = new RegExp(src.slice(0, i + 2), base + 'y');
    this.rest = new RegExp(src.slice(i + 2), base + 'g');
  }
  /** the next start position to try (one code point on) */
  private step(text: string, i: number): number {
    return i + (this.re.unicode && (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);
  }
  /** The first match at or after `from` (what a global copy of `re` with lastIndex = from gives). */
  exec(text: string, from = 0): RegExpExecArray | null {
    const r = this.rest;
    r.lastIndex = from;
    for (;;) {
      const m = r.exec(text);
      if (!m) return null;
      this.lb.lastIndex = m.index;
      if (this.lb.test(text)) return m;
      r.lastIndex = this.step(text, m.index);
    }
  }
  /** What `text.matchAll(re)` gives (re global). */
  *matchAll(text: string): Generator<RegExpExecArray> {
    let from = 0;
    for (;;) {
      const m = this.exec(text, from);
      if (!m) return;
      from = m.index + m[0].length;
      if (m[0] === '') from = this.step(text, from);
      yield m;
    }
  }
}
