/**
 * The research dataset on the real corpus: the SQLite file is written to a temp folder,
 * opened with better-sqlite3 and checked (foreign keys, one row per entity of the
 * analysis, spans that point into the document text), the README's five questions are
 * read from the README and run, the full-text index finds "Ủy ban" and "Uỷ ban" from
 * "uy ban" (and "Đảng" from "dang"), and `rasoat export --sqlite` writes the same file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { datasetSqlite, fillDataset, ftsQuery } from '../src/export/dataset.js';
import { datasetSqliteFile } from '../src/report/dataset.js';
import type { Analysis } from '../src/report/common.js';
import { refKey } from '../src/report/common.js';
import { walk } from '../src/segment/index.js';
import { buildIndex } from '../src/corpus/xref.js';
import { ROOT, corpusAnalysis } from './helpers/report-fixture.js';

type Row = Record<string, unknown>;

async function openDataset(a?: Analysis): Promise<Database.Database> {
  const analysis = a ?? (await corpusAnalysis()).analysis;
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'rasoat-dataset-')), 'rasoat.sqlite');
  writeFileSync(file, datasetSqlite(analysis));
  return new Database(file, { readonly: true });
}

/** The five ```sql blocks of the README's "Five questions" section. */
function readmeQuestions(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf('### Five questions answered in SQL');
  expect(at).toBeGreaterThan(0);
  const section = readme.slice(at, readme.indexOf('\n### ', at + 10));
  return [...section.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]);
}

describe('SQLite dataset', () => {
  it('written straight into a file (analyze, large corpora) is byte for byte the serialized in-memory database', async () => {
    const { analysis } = await corpusAnalysis();
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'rasoat-dataset-')), 'made.sqlite');
    datasetSqliteFile(analysis, file);
    const made = readFileSync(file);
    const mem = datasetSqlite(analysis);
    expect(made.length).toBeGreaterThan(100_000);
    expect(made.equals(mem)).toBe(true);
    // and it opens as a database
    const db = new Database(file, { readonly: true });
    expect((db.prepare('SELECT count(*) FROM documents').pluck().get() as number) > 0).toBe(true);
    db.close();
  });

  it('has every entity of the analysis, valid foreign keys, and spans into the document text', async () => {
    const { analysis: a } = await corpusAnalysis();
    const db = await openDataset();
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const count = (t: string) => (db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number);
    expect(count('documents')).toBe(a.docs.length);
    expect(count('segments')).toBe(a.docs.reduce((n, d) => n + walk(d.segments).length, 0));
    const clauses = a.docs.reduce((n, d) => n + walk(d.segments).reduce((m, s) => m + s.clauses.length, 0), 0);
    expect(count('clauses')).toBe(clauses);
    expect(count('clauses_fts')).toBe(clauses);
    expect(count('citations')).toBe(a.docs.reduce((n, d) => n + d.citations.length, 0));
    expect(count('deadlines')).toBe(a.docs.reduce((n, d) => n + d.deadlines.length, 0));
    expect(count('tasks')).toBe(a.docs.reduce((n, d) => n + d.tasks.length, 0));
    expect(count('diffs')).toBe(a.diffs.length);
    expect(count('diff_results')).toBe(a.diffs.reduce((n, d) => n + d.requirements.length, 0));
    expect(count('additions')).toBe(a.diffs.reduce((n, d) => n + d.additions.length, 0));
    expect(count('cited_documents')).toBe(a.index.documents.length);
    expect(count('verdicts')).toBe(0);
    // every citation's span, in the database, cuts the citation's text out of its document's text
    const rows = db.prepare('SELECT c.text, c.span_start, c.span_end, d.text AS doc FROM citations c JOIN documents d ON d.id = c.document_id').all() as Row[];
    const ws = (t: unknown) => String(t).replace(/\s+/g, ' ');
    for (const r of rows) expect(ws((r.doc as string).slice(r.span_start as number, r.span_end as number))).toBe(ws(r.text));
    // the status of every plan × requirement is the diff's
    for (const d of a.diffs) {
      const st = db.prepare('SELECT q.req_id, r.status FROM diff_results r JOIN requirements q ON q.id = r.requirement_id JOIN diffs x ON x.id = r.diff_id JOIN documents p ON p.id = x.plan_document_id WHERE p.file = ? AND p.idx = ?').all(d.plan.file, d.plan.index) as Row[];
      expect(Object.fromEntries(st.map((r) => [r.req_id, r.status]))).toEqual(Object.fromEntries(d.requirements.map((r) => [r.id, r.status])));
    }
    // indexes exist on the foreign keys people join on
    const idx = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all() as string[]).join(' ');
    for (const n of ['segments_doc_path', 'clauses_doc', 'citations_cited', 'deadlines_doc', 'diff_results_req', 'additions_cluster']) expect(idx).toContain(n);
    expect(db.prepare("SELECT label FROM status_labels WHERE status = 'omitted'").pluck().get()).toBe('Bỏ sót');
    db.close();
  });

  it('fills a base alone (its own "thay thế Chỉ thị 10", a replacing document nobody cites) with valid foreign keys', async () => {
    const { analysis: full } = await corpusAnalysis();
    const base = full.docs.find((d) => d.meta.symbol === '50-CT/TW')!;
    const docs = [base];
    const db = new Database(':memory:');
    fillDataset(db, { docs, diffs: [], index: buildIndex(docs).value, failures: [] });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(1);
    expect(db.prepare("SELECT count(*) FROM cited_documents WHERE cited_id LIKE '10-CT/TW%'").pluck().get()).toBeGreaterThan(0);
    db.close();
  });

  it('answers the README’s five questions', async () => {
    const qs = readmeQuestions();
    expect(qs).toHaveLength(5);
    const db = await openDataset();
    const [q1, q2, q3, q4, q5] = qs.map((q) => db.prepare(q).all() as Row[]);
    // 1: the requirements left out most often come first; the first is left out by at least two plans
    expect(q1.length).toBeGreaterThan(3);
    expect((q1[0].bo_sot as number) + (q1[0].mot_phan as number)).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < q1.length; i++) expect((q1[i - 1].bo_sot as number) + (q1[i - 1].mot_phan as number)).toBeGreaterThanOrEqual((q1[i].bo_sot as number) + (q1[i].mot_phan as number));
    // 2: three plans, all keep day 3 like the base
    expect(q2).toHaveLength(3);
    for (const r of q2) {
      expect(String(r.plan_day)).toBe('3');
      expect(String(r.base_day)).toBe('3');
      expect(r.day_changes).toBe(0);
    }
    // 3: recurring additions, each in two plans or more
    expect(q3.length).toBeGreaterThan(0);
    for (const r of q3) {
      expect(r.plans as number).toBeGreaterThanOrEqual(2);
      expect(String(r.in_plans).split(',').length).toBeGreaterThanOrEqual(2);
    }
    // 4: documents still citing 10-CT/TW, replaced by 50-CT/TW; never 50-CT/TW's own "thay thế" sentence
    expect(q4.length).toBeGreaterThan(0);
    expect(new Set(q4.map((r) => r.cites))).toEqual(new Set(['10-CT/TW']));
    expect(new Set(q4.map((r) => r.replaced_by))).toEqual(new Set(['50-CT/TW']));
    expect(q4.map((r) => r.document)).toContain('Đảng ủy Khối các cơ quan tỉnh');
    expect(q4.every((r) => r.relation !== 'replaces')).toBe(true);
    // 5: full-text hits all hold the words, whatever the tones
    expect(q5.length).toBeGreaterThan(5);
    for (const r of q5) expect(String(r.text).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()).toContain('uy ban kiem tra');
    db.close();
  });

  it('question 2 reports a plan that moves the meeting day (the query can fail)', async () => {
    const { analysis: a } = await corpusAnalysis();
    const moved: Analysis = structuredClone(a);
    const plan = moved.docs.find((d) => refKey(d.source) === refKey(moved.diffs[0].plan))!;
    const dl = plan.deadlines.find((d) => d.rrule === 'FREQ=MONTHLY;BYMONTHDAY=3')!;
    dl.rrule = 'FREQ=MONTHLY;BYMONTHDAY=5';
    const db = await openDataset(moved);
    const rows = db.prepare(readmeQuestions()[1]).all() as Row[];
    expect(rows.filter((r) => String(r.plan_day) === '5')).toHaveLength(1);
    db.close();
  });

  it('full-text search folds tones: "uy ban" finds "Ủy ban" and "Uỷ ban"; "dang" finds "Đảng"', async () => {
    const { analysis: a } = await corpusAnalysis();
    // the corpus writes "Ủy ban"; one clause is rewritten with the old tone placement "Uỷ ban"
    const b: Analysis = structuredClone(a);
    let rewritten = '';
    outer: for (const d of b.docs)
      for (const s of walk(d.segments))
        for (const c of s.clauses)
          if (c.text.includes('Ủy ban Kiểm tra')) {
            c.text = c.text.replace('Ủy ban Kiểm tra', 'Uỷ ban Kiểm tra');
            rewritten = c.text;
            break outer;
          }
    expect(rewritten).toContain('Uỷ ban');
    const db = new Database(':memory:');
    fillDataset(db, b);
    const hits = (q: string) => db.prepare('SELECT c.text FROM clauses_fts f JOIN clauses c ON c.id = f.rowid WHERE clauses_fts MATCH ?').pluck().all(ftsQuery(q)) as string[];
    const uy = hits('uy ban');
    expect(uy.some((t) => t.includes('Ủy ban'))).toBe(true);
    expect(uy).toContain(rewritten);
    expect(hits('Uỷ ban').length).toBe(uy.length);
    expect(hits('ủy ban').length).toBe(uy.length);
    const dang = hits('dang uy');
    expect(dang.some((t) => t.includes('Đảng ủy'))).toBe(true);
    expect(hits('Đảng ủy').length).toBe(dang.length);
    // quoting: operators typed by a user are words, not syntax
    expect(() => hits('uy OR "ban')).not.toThrow();
    db.close();
  });

  it('rasoat export --sqlite writes the file; no output option is a usage error', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rasoat-export-'));
    const file = path.join(dir, 'out.sqlite');
    const bin = path.join(ROOT, 'bin', 'rasoat.js');
    execFileSync(process.execPath, [bin, 'export', path.join(ROOT, 'corpus'), '--sqlite', file, '--no-cache'], { stdio: 'pipe' });
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM diffs').pluck().get()).toBe(3);
    db.close();
    let code = 0;
    try {
      execFileSync(process.execPath, [bin, 'export', path.join(ROOT, 'corpus')], { stdio: 'pipe' });
    } catch (e) {
      code = (e as { status: number }).status;
    }
    expect(code).toBe(2);
  }, 60_000);
});
