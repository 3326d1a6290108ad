/** The run's string interner (src/corpus/intern.ts) leaves every value as it was. */
import { describe, expect, it } from 'vitest';
import { interner } from '../src/corpus/intern.js';
import { corpusAnalysis } from './helpers/report-fixture.js';

describe('interner', () => {
  it('leaves the documents and diffs of the corpus equal to what they were', async () => {
    const { analysis } = await corpusAnalysis();
    const docs = structuredClone(analysis.docs);
    const diffs = structuredClone(analysis.diffs);
    const intern = interner();
    for (const d of docs) expect(intern(d)).toBe(d);
    for (const d of diffs) intern(d);
    expect(docs).toEqual(analysis.docs);
    expect(diffs).toEqual(analysis.diffs);
    expect(JSON.stringify(docs)).toBe(JSON.stringify(analysis.docs));
  });

  it('keeps nulls, numbers, short strings, nested arrays and the key order', () => {
    const intern = interner();
    const x = { a: null, b: [1, 'ngắn', ['một chuỗi dài hơn', null, { c: 'một chuỗi dài hơn' }]], d: 'x', e: true };
    const before = JSON.stringify(x);
    intern(x);
    expect(JSON.stringify(x)).toBe(before);
  });
});
