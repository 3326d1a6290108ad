/**
 * Chains in `rasoat analyze` (issue 11, item 7): a commune plan naming the directive and the provincial plan that
 * implements it ("Thực hiện Chỉ thị số 50-CT/TW … và Kế hoạch số 25-KH/TU …") is diffed against both, and the
 * transitive coverage (which requirements of the directive reach the commune through the provincial plan) is in
 * the JSON diff, the plan's page and its Word report — in one thread, on the worker pool and from the cache.
 * Fixture: test/fixtures/chain/ (README there).
 */
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeCorpus } from '../src/commands/analyze.js';
import { DiffResult } from '../src/model.js';
import { buildOutputs } from '../src/report/outputs.js';
import { reportContent } from '../src/report/docx.js';
import { chainPages, citationTargets } from '../src/report/plan.js';
import { ROOT } from './helpers/report-fixture.js';

const COMMUNE = 'xa-an-binh-ke-hoach-08-KH-DU.txt';

function chainFolder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rasoat-chain-'));
  copyFileSync(path.join(ROOT, 'corpus', 'tap-doan-cnnl-ke-hoach-va-chi-thi-50-CT-TW.txt'), path.join(dir, 'chi-thi-50.txt'));
  copyFileSync(path.join(ROOT, 'gold', 'condensed', '06-tinh-uy-nam-son-25-KH-TU.txt'), path.join(dir, 'tinh-uy-25-KH-TU.txt'));
  copyFileSync(path.join(ROOT, 'test', 'fixtures', 'chain', COMMUNE), path.join(dir, COMMUNE));
  return dir;
}

describe('rasoat analyze: a plan naming several bases of the folder', () => {
  let dir: string;
  let a: Awaited<ReturnType<typeof analyzeCorpus>>;
  beforeAll(async () => {
    dir = chainFolder();
    a = await analyzeCorpus(dir, { workers: 0 });
  }, 120_000);

  it('diffs the commune against the directive (top of the chain) and the provincial plan, with the transitive coverage', () => {
    const d = a.analysis.diffs.find((x) => x.plan.file === COMMUNE)!;
    expect(d.base.symbol).toBe('50-CT/TW');
    expect(DiffResult.safeParse(d).success).toBe(true);
    expect(d.chain?.diffs.map((c) => c.base.symbol)).toEqual(['25-KH/TU']);
    const [t] = d.chain!.transitive;
    expect([t.directive.symbol, t.via.symbol]).toEqual(['50-CT/TW', '25-KH/TU']);
    // the meeting day of the month: the province restates it, the commune keeps the province's wording
    const day = t.rows.find((x) => x.text.includes('vào ngày 03 hàng tháng'))!;
    expect(day.via.length).toBeGreaterThan(0);
    expect(['both', 'through']).toContain(day.reaches);
    // online meetings (Hướng dẫn 03-HD/TW): the commune words it as the province does
    const online = t.rows.find((x) => x.text.includes('03-HD/TW'))!;
    expect(['both', 'through']).toContain(online.reaches);
    expect(t.summary.through).toBeGreaterThan(0);
    expect(t.summary.reaching).toBeGreaterThanOrEqual(Math.max(t.summary.through, t.summary.direct));
    // the provincial plan itself has one base: no chain
    expect(a.analysis.diffs.find((x) => x.plan.symbol === '25-KH/TU')?.chain).toBeUndefined();
  });

  it('shows the chain in the JSON diff, the plan page and the Word report', async () => {
    const out = await buildOutputs(a.analysis, { indexMarkdown: a.indexMarkdown, files: a.files.length });
    const json = JSON.parse(String(out.get(`diffs/${COMMUNE}#0.json`)));
    expect(json.chain.transitive[0].summary.through).toBeGreaterThan(0);
    const page = [...out.entries()].find(([k]) => k.startsWith('site/plan-xa-an-binh'))!;
    expect(String(page[1])).toContain('Chuỗi văn bản căn cứ');
    expect(String(page[1])).toContain('qua kế hoạch cấp trên');
    expect(String(page[1])).toContain('25-KH/TU');
    const d = a.analysis.diffs.find((x) => x.plan.file === COMMUNE)!;
    const text = reportContent(a.analysis, d).blocks.map((b) => (b.type === 'p' ? b.text : b.type === 'table' ? [b.header, ...b.rows].flat().join(' ') : '')).join('\n');
    expect(text).toContain('VI. CHUỖI VĂN BẢN CĂN CỨ');
    expect(text).toContain('VII. NHIỆM VỤ VÀ THỜI HẠN');
    expect(text).toMatch(/đến kế hoạch này qua kế hoạch cấp trên \d+/u);
    // a plan with one base keeps its six sections
    const prov = a.analysis.diffs.find((x) => x.plan.symbol === '25-KH/TU')!;
    expect(reportContent(a.analysis, prov).blocks.some((b) => b.type === 'p' && b.text.includes('CHUỖI VĂN BẢN'))).toBe(false);
  }, 120_000);

  it('gives the same chain on the worker pool and from the cache', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'rasoat-chain-cache-'));
    const seq = a.analysis.diffs.find((x) => x.plan.file === COMMUNE)!;
    for (let i = 0; i < 2; i++) {
      const par = await analyzeCorpus(dir, { workers: 1, cacheDir });
      const d = par.analysis.diffs.find((x) => x.plan.file === COMMUNE)!;
      expect(d.chain?.transitive).toHaveLength(1);
      expect(d).toEqual(seq);
      // the Word report made on the worker has the chain section too
      const zip = await JSZip.loadAsync(par.made!.docx(`${COMMUNE}#0`)!);
      expect(await zip.file('word/document.xml')!.async('string')).toContain('CHUỖI VĂN BẢN CĂN CỨ');
      // the page, calendar and Word report made on the worker are those the main thread makes (the page links
      // the provincial plan's review page, the report names it as the main thread does)
      // the page of the chained plan was made on the worker and is found under the links of the finished analysis
      const doc = par.analysis.docs.find((x) => x.source.file === COMMUNE)!;
      expect(par.made!.page(`${COMMUNE}#0`, citationTargets(par.analysis, doc), chainPages(par.analysis, [d.base, ...d.chain!.diffs.map((c) => c.base)]))).toBeDefined();
      const workerMade = await buildOutputs(par.analysis, { indexMarkdown: par.indexMarkdown, files: par.files.length, made: par.made });
      const here = await buildOutputs(par.analysis, { indexMarkdown: par.indexMarkdown, files: par.files.length });
      const page = [...here.keys()].find((k) => k.startsWith('site/plan-xa-an-binh'))!;
      expect(String(here.get(page))).toMatch(/href="plan-tinh-uy-25/);
      for (const k of [page, ...[...here.keys()].filter((k) => /^(reports|calendars)\/xa-an-binh/.test(k))]) expect(Buffer.compare(Buffer.from(workerMade.get(k)!), Buffer.from(here.get(k)!)), k).toBe(0);
    }
    expect(readdirSync(cacheDir).length).toBeGreaterThan(0);
  }, 120_000);
});

describe('rasoat analyze --base FILE: the directive kept elsewhere, the commune and provincial plans in the folder', () => {
  it('still diffs the commune against both, the directive from FILE at the top of the chain', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rasoat-chain-base-'));
    copyFileSync(path.join(ROOT, 'gold', 'condensed', '06-tinh-uy-nam-son-25-KH-TU.txt'), path.join(dir, 'tinh-uy-25-KH-TU.txt'));
    copyFileSync(path.join(ROOT, 'test', 'fixtures', 'chain', COMMUNE), path.join(dir, COMMUNE));
    const { analysis } = await analyzeCorpus(dir, { workers: 0, baseFiles: [path.join(ROOT, 'corpus', 'tap-doan-cnnl-ke-hoach-va-chi-thi-50-CT-TW.txt')] });
    const d = analysis.diffs.find((x) => x.plan.file === COMMUNE)!;
    expect(d.base.symbol).toBe('50-CT/TW');
    expect(d.chain?.diffs.map((c) => c.base.symbol)).toEqual(['25-KH/TU']);
    expect(d.chain?.transitive[0].summary.through).toBeGreaterThan(0);
    // every base of the chain is a document of the analysis (the plan page links to its page)
    for (const b of [d.base, ...d.chain!.diffs.map((c) => c.base)]) expect(analysis.docs.some((x) => x.source.file === b.file && x.source.index === b.index), b.file).toBe(true);
  }, 120_000);
});
