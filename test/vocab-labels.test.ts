/**
 * The Vietnamese labels of the exports and the workbench come from the vocabulary (src/vocab/labels.ts,
 * src/vocab/columns.ts), table-driven: every table has a label for every code, every export column has a
 * Vietnamese header, and no export, report or workbench source spells a value label of its own (a copy
 * would drift from the table: "Không áp dụng" was written out in four places before).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Addition, BodyLevel, CitationForm, Status } from '../src/model.js';
import { exportTables } from '../src/report/csv.js';
import { buildIndex } from '../src/corpus/xref.js';
import { CHANGE_LABEL, DEADLINE_KIND_LABEL, RELATION_LABEL, STATUS_LABEL } from '../src/vocab/labels.js';
import {
  ADDITION_KIND_LABEL,
  CHECKLIST_HEADERS,
  CITATION_FORM_LABEL,
  COLUMN_LABEL,
  DECISION_LABEL,
  DOC_ROLE_LABEL,
  FINDING_KIND_LABEL,
  LEVEL_LABEL,
  PLAN_STATE_LABEL,
  TABLE_TITLE,
  YES_NO_LABEL,
} from '../src/vocab/columns.js';
import { vietnameseTables } from '../src/report/spreadsheet.js';
import { ROOT } from './helpers/report-fixture.js';

/** The tables whose labels stand for a code (a status, a kind, a decision): values, not headings. */
const VALUE_TABLES: [string, Readonly<Record<string, string>>][] = [
  ['STATUS_LABEL', STATUS_LABEL],
  ['CHANGE_LABEL', CHANGE_LABEL],
  ['RELATION_LABEL', RELATION_LABEL],
  ['DEADLINE_KIND_LABEL', DEADLINE_KIND_LABEL],
  ['ADDITION_KIND_LABEL', ADDITION_KIND_LABEL],
  ['CITATION_FORM_LABEL', CITATION_FORM_LABEL],
  ['DOC_ROLE_LABEL', DOC_ROLE_LABEL],
  ['LEVEL_LABEL', LEVEL_LABEL],
  ['FINDING_KIND_LABEL', FINDING_KIND_LABEL],
  ['DECISION_LABEL', DECISION_LABEL],
  ['PLAN_STATE_LABEL', PLAN_STATE_LABEL],
];

const emptyAnalysis = () => ({ docs: [], diffs: [], index: buildIndex([]).value, failures: [] });

describe('label tables', () => {
  it.each([...VALUE_TABLES, ['YES_NO_LABEL', YES_NO_LABEL], ['TABLE_TITLE', TABLE_TITLE], ['COLUMN_LABEL', COLUMN_LABEL]] as [string, Readonly<Record<string, string>>][])(
    '%s: every code has a distinct Vietnamese label',
    (_n, t) => {
      const vs = Object.values(t);
      expect(vs.length).toBeGreaterThan(1);
      for (const v of vs) expect(v).toMatch(/\p{L}/u);
      if (_n !== 'COLUMN_LABEL') expect(new Set(vs).size).toBe(vs.length);
    },
  );

  it('covers every value of the model enums it labels', () => {
    expect(Object.keys(STATUS_LABEL).sort()).toEqual([...Status.options].sort());
    expect(Object.keys(CITATION_FORM_LABEL).sort()).toEqual([...CitationForm.options].sort());
    expect(Object.keys(LEVEL_LABEL).sort()).toEqual([...BodyLevel.options].sort());
    expect(Object.keys(ADDITION_KIND_LABEL).sort()).toEqual([...Addition.shape.kind.unwrap().options].sort());
    expect(new Set(CHECKLIST_HEADERS).size).toBe(CHECKLIST_HEADERS.length);
  });

  it('gives every column of every export table a Vietnamese header and every table a sheet title ≤ 31 characters', () => {
    const a = emptyAnalysis();
    for (const t of exportTables(a)) {
      expect(TABLE_TITLE[t.name], t.name).toBeTruthy();
      expect(TABLE_TITLE[t.name].length).toBeLessThanOrEqual(31);
      for (const h of t.header) expect(COLUMN_LABEL[h], `${t.name}: ${h}`).toBeTruthy();
    }
    const vi = vietnameseTables(a);
    expect(vi.find((t) => t.name === 'coverage.csv')!.header).toContain(COLUMN_LABEL.status);
  });

  it('is the only place a value label is spelled: no export, report or workbench source repeats one', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = path.join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|js)$/.test(f)) files.push(p);
      }
    };
    for (const d of ['src/report', 'src/export', 'src/serve', 'src/commands']) walk(path.join(ROOT, d));
    expect(files.length).toBeGreaterThan(20);
    // headings that happen to be the same words as a value label (the "Thời hạn" column of a table, the
    // "Thời hạn" CSV file): not a label of a code
    const HEADINGS = new Set(['src/report/csv.ts|Thời hạn', 'src/report/docx.ts|Thời hạn']);
    const found: string[] = [];
    for (const f of files) {
      const s = readFileSync(f, 'utf8');
      const rel = path.relative(ROOT, f);
      for (const [name, t] of VALUE_TABLES)
        for (const v of Object.values(t))
          if ((s.includes(`'${v}'`) || s.includes(`\`${v}\``)) && !HEADINGS.has(`${rel}|${v}`)) found.push(`${rel}: '${v}' (${name})`);
    }
    expect(found).toEqual([]);
  });
});
