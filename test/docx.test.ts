/**
 * The Word report is written as WordprocessingML by rasoat (src/report/docx.ts: the `docx` library's object
 * tree cost half a second per plan, issue 14) into the parts the library makes: the package must be
 * byte-identical to the one the library builds from the same blocks (test/helpers/docx-library.ts).
 */
import { describe, expect, it } from 'vitest';
import type { DiffResult } from '../src/model.js';
import { planDocx } from '../src/report/docx.js';
import { planDocxWithLibrary } from './helpers/docx-library.js';
import { corpusAnalysis } from './helpers/report-fixture.js';

describe('Word report writer', () => {
  it('is byte-identical to the docx library on every plan of the corpus', async () => {
    const { analysis: a } = await corpusAnalysis();
    expect(a.diffs.length).toBeGreaterThan(0);
    for (const d of a.diffs) expect((await planDocx(a, d)).equals(await planDocxWithLibrary(a, d)), d.plan.file).toBe(true);
  }, 120_000);

  it('is byte-identical on hostile and empty text (markup, quotes, XML-forbidden characters, line breaks, no plan document, no title)', async () => {
    const { analysis: a } = await corpusAnalysis();
    const d0 = a.diffs[0];
    const nasty = `<b>"x" & 'y'</b> \u0001\uFFFE\uFFFF \uD800 tab\tend`;
    const d: DiffResult = structuredClone(d0);
    d.requirements = d.requirements.map((r, i) => ({ ...r, text: i % 2 ? nasty : '', path: i % 3 ? r.path : '<I>' }));
    d.additions = [...d.additions, { ...(d.additions[0] ?? { path: '1', span: [0, 1] as [number, number] }), text: `a\nb & <c>` }];
    const plan = structuredClone(a.docs.find((x) => x.source.file === d0.plan.file && x.source.index === d0.plan.index)!);
    plan.meta = { ...plan.meta, title: null, issuer: nasty, symbol: null };
    const withPlan = { ...a, docs: [plan, ...a.docs.filter((x) => x !== plan && !(x.source.file === plan.source.file && x.source.index === plan.source.index))], diffs: [d] };
    expect((await planDocx(withPlan, d)).equals(await planDocxWithLibrary(withPlan, d))).toBe(true);
    const noDocs = { ...a, docs: [], diffs: [d] };
    expect((await planDocx(noDocs, d)).equals(await planDocxWithLibrary(noDocs, d))).toBe(true);
  }, 120_000);
});
