import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { processFile } from '../src/pipeline.js';
import { walk } from '../src/segment/index.js';
import { matchKey } from '../src/normalize/vi.js';
import type { Doc } from '../src/model.js';
import { FIXTURES, leafSegments, seed } from './helpers.js';

/** Leaf texts by structural path (items/sections), under the matching key. */
function leafTexts(d: Doc): string[] {
  return leafSegments(d.segments)
    .filter((s) => !['header', 'recipients', 'signature'].includes(s.kind))
    .map((s) => matchKey(s.text))
    .filter(Boolean);
}
const paths = (d: Doc) => walk(d.segments).filter((s) => s.kind === 'section' || s.kind === 'item').map((s) => s.path);

export function agreement(a: Doc, b: Doc) {
  const A = leafTexts(a);
  const B = new Set(leafTexts(b));
  const same = A.filter((t) => B.has(t)).length;
  return { same, total: A.length, ratio: same / A.length };
}

describe('format agreement: TXT, DOCX and PDF versions of a document', () => {
  it.each([
    ['002', '002_7cd20b194e2a205a.pdf'],
    ['003', '003_16dc449be3f50a1e.docx'],
  ])('%s: same paths and ≥ 98 %% identical leaves (%s)', async (id, fx) => {
    const [txt] = (await processFile(seed(id), { extract: false })).docs;
    const [other] = (await processFile(path.join(FIXTURES, fx), { extract: false })).docs;
    expect(paths(other)).toEqual(paths(txt));
    const ag = agreement(txt, other);
    expect(ag.ratio, `${ag.same}/${ag.total} leaves identical`).toBeGreaterThanOrEqual(0.98);
  });
});
