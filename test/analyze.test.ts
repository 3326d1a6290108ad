/**
 * `rasoat analyze`: the committed extracted/ equals a fresh run; re-running rewrites
 * nothing; stale files go; bad files are listed as failures while the others go through.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run, writeOutputs, MANAGED } from '../src/commands/analyze.js';
import { DiffResult, Doc, SCHEMA_VERSION } from '../src/model.js';
import { buildOutputs } from '../src/report/outputs.js';
import { CORPUS, ROOT, corpusAnalysis } from './helpers/report-fixture.js';

function tree(dir: string, rel = ''): string[] {
  if (!existsSync(path.join(dir, rel))) return [];
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? tree(dir, r) : [r];
  });
}

async function freshOutputs() {
  const { analysis, files, indexMarkdown } = await corpusAnalysis();
  return buildOutputs(analysis, { indexMarkdown, files: files.length });
}

describe('rasoat analyze', () => {
  it('committed extracted/ equals a fresh run on corpus/', async () => {
    const committed = path.join(ROOT, 'extracted');
    const out = await freshOutputs();
    const have = tree(committed).filter((f) => !f.startsWith('.') && !/(^|\/)\.[^/]*\.tmp$/.test(f));
    expect(have.length, 'extracted/ is empty: run `npm run analyze`').toBeGreaterThan(0);
    // outputs written but not committed (.gitignore: the SQLite dataset, a derived binary): produced, not compared
    const notCommitted = readFileSync(path.join(ROOT, '.gitignore'), 'utf8').split('\n').filter((l) => l.startsWith('extracted/')).map((l) => l.slice('extracted/'.length).trim());
    expect(notCommitted).toContain('exports/rasoat.sqlite');
    for (const k of notCommitted) expect(Buffer.from(out.get(k)!).subarray(0, 16).toString('latin1'), k).toBe('SQLite format 3\0');
    const stale = [...out.keys()].filter((k) => {
      if (notCommitted.includes(k)) return false;
      const f = path.join(committed, k);
      if (!existsSync(f)) return true;
      const v = out.get(k)!;
      return !readFileSync(f).equals(typeof v === 'string' ? Buffer.from(v) : v);
    });
    expect(stale, 'extracted/ is out of date: run `npm run analyze`').toEqual([]);
    const extra = have.filter((f) => !out.has(f) && (MANAGED.includes(f.split('/')[0]) || !f.includes('/')) && !/^readme/i.test(f));
    expect(extra, 'files in extracted/ that a fresh run does not produce').toEqual([]);
  });

  it('outputs are schema-valid, one JSON per document and one diff per plan', async () => {
    const out = await freshOutputs();
    const docs = [...out.keys()].filter((k) => k.startsWith('docs/'));
    const diffs = [...out.keys()].filter((k) => k.startsWith('diffs/'));
    expect(docs.length).toBe(6); // 5 files, one bundles a plan and Chỉ thị 50-CT/TW
    expect(diffs.length).toBe(3);
    for (const k of docs) Doc.parse(JSON.parse(String(out.get(k))));
    for (const k of diffs) {
      const d = DiffResult.parse(JSON.parse(String(out.get(k))));
      expect(d.base.symbol).toBe('50-CT/TW');
    }
    for (const k of ['index.json', 'index.md', 'calendar.ics', 'summary.json', 'site/index.html', 'site/matrix.html', 'site/calendar.html', 'site/xref.html', 'exports/coverage.csv']) expect(out.has(k), k).toBe(true);
    // every JSON output starts with the schema version (README, "Output formats")
    const jsons = [...out.keys()].filter((k) => k.endsWith('.json'));
    expect(jsons.length).toBe(docs.length + diffs.length + 2);
    for (const k of jsons) expect(String(out.get(k)).startsWith(`{\n "schemaVersion": ${SCHEMA_VERSION},\n`), k).toBe(true);
    expect([...out.keys()].filter((k) => k.startsWith('reports/') && k.endsWith('.docx')).length).toBe(3);
    expect([...out.keys()].filter((k) => /^site\/plan-.*\.html$/.test(k)).length).toBe(3);
  });

  it('re-running rewrites nothing; stale files are removed; writes leave no temp files', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rasoat-out-'));
    const out = await freshOutputs();
    const w1 = await writeOutputs(dir, out);
    expect(w1.written.length).toBe(out.size);
    const mtimes = new Map(tree(dir).map((f) => [f, statSync(path.join(dir, f)).mtimeMs]));
    writeFileSync(path.join(dir, 'site', 'old-plan.html'), 'stale');
    const w2 = await writeOutputs(dir, await freshOutputs());
    expect(w2.written).toEqual([]);
    expect(w2.unchanged).toBe(out.size);
    expect(w2.removed).toEqual(['site/old-plan.html']);
    for (const [f, t] of mtimes) expect(statSync(path.join(dir, f)).mtimeMs, f).toBe(t);
    expect(tree(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('lists bad files as failures, processes the others, exits non-zero, summary on stdout, failures on stderr', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rasoat-bad-'));
    const out = mkdtempSync(path.join(os.tmpdir(), 'rasoat-bad-out-'));
    copyFileSync(path.join(CORPUS, 'tap-doan-cnnl-ke-hoach-va-chi-thi-50-CT-TW.txt'), path.join(dir, 'a.txt'));
    copyFileSync(path.join(CORPUS, 'tinh-uy-ke-hoach-thuc-hien-chi-thi-50.txt'), path.join(dir, 'b.txt'));
    writeFileSync(path.join(dir, 'broken.pdf'), Buffer.from('%PDF-1.7\n this is not a pdf \x00\x01\x02'));
    writeFileSync(path.join(dir, 'empty.docx'), Buffer.alloc(0));
    let stdout = '';
    let stderr = '';
    const so = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
    const se = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
    let code: number;
    try {
      code = await run([dir], { out });
    } finally {
      so.mockRestore();
      se.mockRestore();
    }
    expect(code).toBe(1);
    expect(stdout).toMatch(/files 4, documents 3, plans 2, failures 2/);
    // failures on stderr as `rasoat: FILE: reason [code]` (README: exit status; issue 14 §12), not on stdout
    expect(stderr).toMatch(/^rasoat: broken\.pdf: .*\[/m);
    expect(stderr).toMatch(/^rasoat: empty\.docx: .*\[/m);
    expect(stdout).not.toMatch(/broken\.pdf|empty\.docx/);
    expect(stdout.split('\n').length).toBeLessThan(30); // one screen
    expect(stderr.split('\n').filter((l) => l && !l.startsWith('rasoat: '))).toEqual([]); // no progress bar when stderr is not a terminal
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.failures.map((f: { file: string }) => f.file).sort()).toEqual(['broken.pdf', 'empty.docx']);
    expect(tree(out).filter((f) => f.startsWith('diffs/')).length).toBe(2);
  });
});

describe('rasoat analyze on a folder of subordinate plans without their directive', () => {
  const capture = async (args: string[], flags: Record<string, unknown>) => {
    let stdout = '';
    const so = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
    const se = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      return { code: await run(args, flags), stdout };
    } finally {
      so.mockRestore();
      se.mockRestore();
    }
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rasoat-plans-'));
  copyFileSync(path.join(CORPUS, 'thanh-uy-hai-phong-ke-hoach-thuc-hien-chi-thi-50.txt'), path.join(dir, 'xa-a.txt'));
  copyFileSync(path.join(CORPUS, 'tinh-uy-ke-hoach-thuc-hien-chi-thi-50.txt'), path.join(dir, 'xa-b.txt'));

  it('says which plans were not diffed and why', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'rasoat-plans-out-'));
    const r = await capture([dir], { out });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/plans 0/);
    expect(r.stdout).toMatch(/not diffed \(base not found\):\n.*xa-a\.txt#0 implements 50-CT\/TW.*--base FILE/);
    expect(tree(out).filter((f) => f.startsWith('diffs/'))).toEqual([]);
  });

  it('--base FILE: the directive in another file is the base of every plan that implements it', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'rasoat-plans-out-'));
    const r = await capture([dir], { out, base: path.join(CORPUS, 'tap-doan-cnnl-ke-hoach-va-chi-thi-50-CT-TW.txt') });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/plans 2/);
    expect(r.stdout).not.toMatch(/not diffed/);
    const diffs = tree(out).filter((f) => f.startsWith('diffs/')).sort();
    expect(diffs).toEqual(['diffs/xa-a.txt#0.json', 'diffs/xa-b.txt#0.json']);
    const d = DiffResult.parse(JSON.parse(readFileSync(path.join(out, diffs[0]), 'utf8')));
    expect(d.base).toMatchObject({ file: 'tap-doan-cnnl-ke-hoach-va-chi-thi-50-CT-TW.txt', symbol: '50-CT/TW' });
    expect(d.summary.coverage).toBeGreaterThan(0.9);
    // only the directive joins the analysis, not the plan bundled before it in the same file
    expect(tree(out).filter((f) => f.startsWith('docs/')).sort()).toEqual(['docs/tap-doan-cnnl-ke-hoach-va-chi-thi-50-CT-TW.txt#1.json', 'docs/xa-a.txt#0.json', 'docs/xa-b.txt#0.json']);
  });
});

describe('rasoat analyze on the worker pool', () => {
  it('gives the same outputs with 2 workers (and from the cache) as in one thread', async () => {
    const { analyzeCorpus } = await import('../src/commands/analyze.js');
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'rasoat-cache-'));
    const { citationTargets } = await import('../src/report/plan.js');
    const { findDoc, refKey } = await import('../src/report/common.js');
    const outputs = async (workers: number) => {
      const { analysis, files, indexMarkdown, made } = await analyzeCorpus(CORPUS, { workers, cacheDir });
      if (workers) {
        // the Word reports, pages and calendars made on the plan workers are the ones written (and must equal the main thread's)
        expect(made).toBeDefined();
        for (const d of analysis.diffs) {
          const plan = findDoc(analysis, d.plan)!;
          expect(made!.docx(refKey(d.plan)), refKey(d.plan)).toBeDefined();
          expect(made!.page(refKey(d.plan), citationTargets(analysis, plan)), refKey(d.plan)).toBeDefined();
          expect(made!.ics(refKey(d.plan)), refKey(d.plan)).toBeDefined();
          // a page made with other links for the plan's citations is never used
          expect(made!.page(refKey(d.plan), [...citationTargets(analysis, plan), '<a href="x.html">x</a>'])).toBeUndefined();
        }
      } else expect(made).toBeUndefined();
      return buildOutputs(analysis, { indexMarkdown, files: files.length, made });
    };
    const seq = await outputs(0);
    const par = await outputs(2);
    const cached = await outputs(2);
    expect(readdirSync(cacheDir).length).toBeGreaterThan(0);
    for (const o of [par, cached]) {
      expect([...o.keys()].sort()).toEqual([...seq.keys()].sort());
      for (const [k, v] of seq) expect(Buffer.from(o.get(k)!).equals(Buffer.from(v)), k).toBe(true);
    }
  }, 120_000);
});

describe('an unchanged re-run of rasoat analyze (issue 14: ≤ 5 % of the first run)', () => {
  const capture = async (args: string[], flags: Record<string, unknown>) => {
    let stdout = '';
    let stderr = '';
    const so = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
    const se = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
    try {
      return { code: await run(args, flags), stdout, stderr };
    } finally {
      so.mockRestore();
      se.mockRestore();
    }
  };

  it('does no work when inputs, code, options and the output folder are as the last run left them; any change does the work again', async () => {
    const { memoStats } = await import('../src/commands/analyze.js');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rasoat-memo-in-'));
    for (const f of ['tap-doan-cnnl-ke-hoach-va-chi-thi-50-CT-TW.txt', 'tinh-uy-ke-hoach-thuc-hien-chi-thi-50.txt']) copyFileSync(path.join(CORPUS, f), path.join(dir, f));
    writeFileSync(path.join(dir, 'broken.pdf'), Buffer.from('%PDF-1.7\n not a pdf'));
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'rasoat-memo-out-')), 'out');
    const cache = mkdtempSync(path.join(os.tmpdir(), 'rasoat-memo-cache-'));
    const flags = { out, cache, workers: '2' };
    const snapshot = () => new Map(tree(out).map((f) => [f, readFileSync(path.join(out, f))]));

    const runs0 = memoStats.runs;
    const first = await capture([dir], flags);
    expect(first.code).toBe(1); // broken.pdf
    const files = snapshot();
    const second = await capture([dir], flags);
    expect(memoStats.runs - runs0, 'the second run did the work again').toBe(1);
    expect(second.code).toBe(first.code);
    expect(second.stderr).toBe(first.stderr);
    // what an unchanged re-run prints: nothing written, every file unchanged
    expect(second.stdout).toBe(first.stdout.replace(/wrote (\d+) file\(s\), 0 unchanged/, 'wrote 0 file(s), $1 unchanged'));
    expect(snapshot()).toEqual(files);

    // an output file edited: the run does the work and restores it
    const page = path.join(out, 'site', 'index.html');
    writeFileSync(page, 'edited');
    const third = await capture([dir], flags);
    expect(memoStats.runs - runs0).toBe(2);
    expect(third.stdout).toMatch(/wrote 1 file\(s\)/);
    expect(snapshot()).toEqual(files);
    await capture([dir], flags);
    expect(memoStats.runs - runs0, 'recalled after the repair').toBe(2);

    // an input changed by one byte: the work again, and a different result
    const plan = path.join(dir, 'tinh-uy-ke-hoach-thuc-hien-chi-thi-50.txt');
    writeFileSync(plan, readFileSync(plan, 'utf8') + '\n');
    await capture([dir], flags);
    expect(memoStats.runs - runs0).toBe(3);
    // other options: the work again
    await capture([dir], { ...flags, 'max-pages': '7' });
    expect(memoStats.runs - runs0).toBe(4);
  }, 600_000);
});
