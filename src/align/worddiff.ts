/**
 * jsdiff's `diffWords(old, new)` (diff 9), same result, less work.
 *
 * jsdiff's Myers search compares tokens with `left.trim() === right.trim()` and
 * allocates a path object and a change object at every step; on the long,
 * reworded sentences of adapted requirements that dominated the diff stage.
 * Here the tokens are jsdiff's own (`wordDiff.tokenize`), compared as integer
 * ids of their trimmed text, and the search runs the very same steps (same
 * diagonal order, same choice between insertion and deletion, same pruning at
 * the edges of the edit graph) over typed arrays, with the change list as a
 * pool of nodes. The change objects are then built and tidied exactly as
 * jsdiff does (`buildValues`, then `wordDiff.postProcess`). test/diff.test.ts
 * checks it against `diffWords` on the real plans.
 */
import { type ChangeObject, wordDiff } from 'diff';

// node pool of the change list: count, kind (0 kept, 1 added, 2 removed), previous node (-1 none)
let nCount = new Int32Array(1024);
let nKind = new Uint8Array(1024);
let nPrev = new Int32Array(1024);
let nodes = 0;

function node(count: number, kind: number, prev: number): number {
  if (nodes === nCount.length) {
    const z = nodes * 2;
    const c = new Int32Array(z);
    c.set(nCount);
    nCount = c;
    const k = new Uint8Array(z);
    k.set(nKind);
    nKind = k;
    const p = new Int32Array(z);
    p.set(nPrev);
    nPrev = p;
  }
  nCount[nodes] = count;
  nKind[nodes] = kind;
  nPrev[nodes] = prev;
  return nodes++;
}

const NO_OPTIONS = {};

// jsdiff's word tokenizer regex (diff/libesm/diff/word.js): runs of word characters, runs of whitespace, any other single character
const WORD_CHARS = 'a-zA-Z0-9_\\u{AD}\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{2C6}\\u{2C8}-\\u{2D7}\\u{2DE}-\\u{2FF}\\u{1E00}-\\u{1EFF}';
const PARTS = new RegExp(`[${WORD_CHARS}]+|\\s+|[^${WORD_CHARS}]`, 'ug');
const WS = /\s/;

const isWs = (c: number, part: string) => (c < 128 ? c === 32 || (c >= 9 && c <= 13) : WS.test(part[0]));

/**
 * WordDiff.tokenize (without Intl.Segmenter) as offsets: each token is a word or punctuation
 * mark with the whitespace around it (whitespace between two tokens belongs to both), so
 * token i spans [start[i], end[i]) of the text and WordDiff.join of tokens [a, b) is the text
 * from start[a] to end[b − 1]. id[i]: the token without its whitespace, as an id
 * (WordDiff.equals compares trimmed tokens; JS \s and trim() know the same whitespace).
 */
function tokenize(value: string, ids: Map<string, number>): { value: string; start: Int32Array; end: Int32Array; id: Int32Array } {
  const parts = value.match(PARTS) ?? [];
  const start = new Int32Array(parts.length);
  const end = new Int32Array(parts.length);
  const id = new Int32Array(parts.length);
  let n = 0;
  let pos = 0;
  let prevWs = -1; // start of the previous part when it was whitespace
  let pureWs = false; // the only token so far is the whitespace the text begins with
  const idOf = (core: string) => {
    let x = ids.get(core);
    if (x === undefined) ids.set(core, (x = ids.size));
    return x;
  };
  for (const part of parts) {
    const len = part.length;
    // a part is whitespace iff its first character is (\s+ is tried before the single character)
    if (isWs(part.charCodeAt(0), part)) {
      if (n === 0) {
        start[0] = pos;
        end[0] = pos + len;
        id[0] = idOf('');
        n = 1;
        pureWs = true;
      } else end[n - 1] = pos + len;
      prevWs = pos;
    } else {
      if (prevWs >= 0 && pureWs) {
        end[0] = pos + len;
        id[0] = idOf(part);
        pureWs = false;
      } else {
        start[n] = prevWs >= 0 ? prevWs : pos;
        end[n] = pos + len;
        id[n] = idOf(part);
        n++;
      }
      prevWs = -1;
    }
    pos += len;
  }
  return { value, start: start.subarray(0, n), end: end.subarray(0, n), id: id.subarray(0, n) };
}

export function diffWordsFast(oldStr: string, newStr: string): ChangeObject<string>[] {
  const ids = new Map<string, number>();
  const ot = tokenize(oldStr, ids);
  const nt = tokenize(newStr, ids);
  const oldLen = ot.id.length;
  const newLen = nt.id.length;
  const o = ot.id;
  const nw = nt.id;
  nodes = 0;

  const maxEditLength = newLen + oldLen;
  // bestPath[diagonal]: oldPos and last change node, alive or not (diagonals -maxEditLength-1 … maxEditLength+1)
  const off = maxEditLength + 1;
  const size = 2 * maxEditLength + 3;
  const pOld = new Int32Array(size);
  const pLast = new Int32Array(size);
  const alive = new Uint8Array(size);

  // extractCommon on a path held in (oldPos, last): returns newPos, updates cur*
  let curOld = 0;
  let curLast = -1;
  const extract = (diagonal: number): number => {
    let oldPos = curOld;
    let newPos = oldPos - diagonal;
    let common = 0;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && o[oldPos + 1] === nw[newPos + 1]) {
      newPos++;
      oldPos++;
      common++;
    }
    if (common) curLast = node(common, 0, curLast);
    curOld = oldPos;
    return newPos;
  };
  // addToPath
  const add = (fromOld: number, fromLast: number, kind: number, oldPosInc: number) => {
    curOld = fromOld + oldPosInc;
    if (fromLast >= 0 && nKind[fromLast] === kind) curLast = node(nCount[fromLast] + 1, kind, nPrev[fromLast]);
    else curLast = node(1, kind, fromLast);
  };

  curOld = -1;
  curLast = -1;
  let newPos = extract(0);
  if (curOld + 1 >= oldLen && newPos + 1 >= newLen) return finish(curLast, nt, ot);
  pOld[off] = curOld;
  pLast[off] = curLast;
  alive[off] = 1;

  let minDiagonalToConsider = -Infinity;
  let maxDiagonalToConsider = Infinity;
  for (let editLength = 1; editLength <= maxEditLength; editLength++) {
    for (let diagonalPath = Math.max(minDiagonalToConsider, -editLength); diagonalPath <= Math.min(maxDiagonalToConsider, editLength); diagonalPath += 2) {
      const ri = off + diagonalPath - 1;
      const ai = off + diagonalPath + 1;
      const hasRemove = alive[ri] === 1;
      const hasAdd = alive[ai] === 1;
      const removeOld = pOld[ri];
      const removeLast = pLast[ri];
      if (hasRemove) alive[ri] = 0;
      let canAdd = false;
      if (hasAdd) {
        const addPathNewPos = pOld[ai] - diagonalPath;
        canAdd = 0 <= addPathNewPos && addPathNewPos < newLen;
      }
      const canRemove = hasRemove && removeOld + 1 < oldLen;
      if (!canAdd && !canRemove) {
        alive[off + diagonalPath] = 0;
        continue;
      }
      if (!canRemove || (canAdd && removeOld < pOld[ai])) add(pOld[ai], pLast[ai], 1, 0);
      else add(removeOld, removeLast, 2, 1);
      newPos = extract(diagonalPath);
      if (curOld + 1 >= oldLen && newPos + 1 >= newLen) return finish(curLast, nt, ot);
      pOld[off + diagonalPath] = curOld;
      pLast[off + diagonalPath] = curLast;
      alive[off + diagonalPath] = 1;
      if (curOld + 1 >= oldLen) maxDiagonalToConsider = Math.min(maxDiagonalToConsider, diagonalPath - 1);
      if (newPos + 1 >= newLen) minDiagonalToConsider = Math.max(minDiagonalToConsider, diagonalPath + 1);
    }
  }
  // unreachable: an edit script of length oldLen + newLen always exists
  throw new Error('diffWordsFast: no edit script found');
}

/** jsdiff's buildValues (useLongestToken is false for words), then WordDiff.postProcess. */
type Tokens = ReturnType<typeof tokenize>;

/** WordDiff.join of tokens [from, to): the first token whole, the others without their leading whitespace, i.e. the text they span. */
function join(t: Tokens, from: number, to: number): string {
  return from < to ? t.value.slice(t.start[from], t.end[to - 1]) : '';
}

function finish(last: number, nt: Tokens, ot: Tokens): ChangeObject<string>[] {
  const chain: number[] = [];
  for (let c = last; c >= 0; c = nPrev[c]) chain.push(c);
  chain.reverse();
  const out: ChangeObject<string>[] = [];
  let newPos = 0;
  let oldPos = 0;
  for (const c of chain) {
    const count = nCount[c];
    const added = nKind[c] === 1;
    const removed = nKind[c] === 2;
    let value: string;
    if (!removed) {
      value = join(nt, newPos, newPos + count);
      newPos += count;
      if (!added) oldPos += count;
    } else {
      value = join(ot, oldPos, oldPos + count);
      oldPos += count;
    }
    out.push({ count, added, removed, value } as ChangeObject<string>);
  }
  return wordDiff.postProcess(out, NO_OPTIONS);
}
