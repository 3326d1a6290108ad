/**
 * Spreadsheets for people: the export tables with Vietnamese column headers and values
 * ("Bỏ sót", not "omitted"), as
 *  - one XLSX workbook (exceljs): one sheet per table, header row frozen, auto-filter on,
 *    the matrix as a sheet with the status cells coloured;
 *  - CSV files for Excel with Vietnamese regional settings: semicolon-separated, decimal
 *    comma, UTF-8 with BOM (Excel's list separator there is ";" and its decimal mark ",").
 * The comma-separated `exports/*.csv` with snake_case headers and English codes stay the
 * files for programs (pandas, R). Why semicolons and not "sep=,": see docs/dataset.md.
 */
import ExcelJS from 'exceljs';
import { type Analysis, CHANGE_LABEL, DEADLINE_KIND_LABEL, RELATION_LABEL, STATUS_COLOR, STATUS_LABEL } from './common.js';
import { ADDITION_KIND_LABEL, CITATION_FORM_LABEL, COLUMN_LABEL, DOC_ROLE_LABEL, TABLE_TITLE, YES_NO_LABEL } from '../vocab/columns.js';
import { type Cell, type ExportTable, csvCell, exportTables } from './csv.js';
import { deterministicZip } from './docx.js';
import type { Status } from '../model.js';

// sheet titles, column headers and every value label are tables of src/vocab (labels.ts, columns.ts)
/** Value translations per table and column (codes → Vietnamese labels). */
const VALUE_VI: Record<string, Record<string, Readonly<Record<string, string>>>> = {
  'coverage.csv': { status: STATUS_LABEL },
  'changes.csv': { kind: CHANGE_LABEL },
  'additions.csv': { kind: ADDITION_KIND_LABEL },
  'deadlines.csv': { kind: DEADLINE_KIND_LABEL, in_calendar: YES_NO_LABEL },
  'citations.csv': { relation: RELATION_LABEL, form: CITATION_FORM_LABEL },
  'documents.csv': { role: DOC_ROLE_LABEL },
};

/** The change list "kind: from → to | …" of coverage.csv with Vietnamese kind names. */
const changesVi = (v: string) => v.replace(/(^|\| )(\w+):/g, (m, p: string, k: string) => ((CHANGE_LABEL as Record<string, string>)[k] ? `${p}${(CHANGE_LABEL as Record<string, string>)[k]}:` : m));

export interface ViTable {
  name: string;
  title: string;
  header: string[];
  rows: Cell[][];
  /** columns that hold a status (coloured in the workbook) */
  statusColumns: number[];
}

/** The export tables with Vietnamese headers and values. */
export function vietnameseTables(a: Analysis, tables: ExportTable[] = exportTables(a)): ViTable[] {
  return tables.map((t) => {
    const isMatrix = t.name === 'matrix.csv';
    const vals = VALUE_VI[t.name] ?? {};
    const statusColumns: number[] = [];
    const header = t.header.map((h, i) => {
      if (isMatrix && i >= 4) {
        statusColumns.push(i);
        return h; // plan name
      }
      if (h === 'status') statusColumns.push(i);
      return COLUMN_LABEL[h] ?? h;
    });
    const rows = t.rows.map((r) =>
      r.map((v, i) => {
        if (typeof v !== 'string' || !v) return v;
        if (isMatrix && i >= 4) return (STATUS_LABEL as Readonly<Record<string, string>>)[v] ?? v;
        const m = vals[t.header[i]];
        if (m) return m[v] ?? v;
        if (t.name === 'coverage.csv' && t.header[i] === 'changes') return changesVi(v);
        return v;
      }),
    );
    return { name: t.name, title: TABLE_TITLE[t.name] ?? t.name, header, rows, statusColumns };
  });
}

const STATUS_BY_LABEL = new Map(Object.entries(STATUS_LABEL).map(([k, v]) => [v, k as Status]));

/** Cells a spreadsheet would run as a formula are written as text, like the CSV's guard. */
const safeText = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** "#1a9850" or "#fff" → "FF1A9850" / "FFFFFFFF". */
const argb = (hex: string) => {
  const h = hex.slice(1);
  return 'FF' + (h.length === 3 ? [...h].map((c) => c + c).join('') : h).toUpperCase();
};

/** The XLSX workbook (bytes, deterministic: fixed dates in the package). */
export async function workbookXlsx(a: Analysis): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const date = new Date('2000-01-01T00:00:00Z');
  wb.creator = 'rasoat';
  wb.created = date;
  wb.modified = date;
  for (const t of vietnameseTables(a)) {
    const ws = wb.addWorksheet(t.title, { views: [{ state: 'frozen', xSplit: t.name === 'matrix.csv' ? 4 : 0, ySplit: 1 }] });
    ws.addRow(t.header);
    for (const r of t.rows) ws.addRow(r.map((v) => (v === null || v === undefined ? null : typeof v === 'string' ? safeText(v) : v)));
    const head = ws.getRow(1);
    head.font = { bold: true };
    head.alignment = { vertical: 'top', wrapText: true };
    head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.header.length } };
    t.header.forEach((h, i) => {
      const longest = Math.max(String(h).length, ...t.rows.slice(0, 200).map((r) => String(r[i] ?? '').length));
      ws.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2));
      if (longest > 60) ws.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' };
    });
    for (const c of t.statusColumns)
      ws.getColumn(c + 1).eachCell((cell, row) => {
        if (row === 1) return;
        const s = STATUS_BY_LABEL.get(String(cell.value ?? ''));
        if (s) {
          cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(STATUS_COLOR[s][0]) } };
          cell.font = { color: { argb: argb(STATUS_COLOR[s][1]) } };
        }
      });
  }
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return deterministicZip(buf, date);
}

/** A number with a decimal comma (Vietnamese locale). */
const viNumber = (n: number) => String(Math.round(n * 10000) / 10000).replace('.', ',');

/** One table as CSV for Excel in Vietnamese locale: BOM, ";" separator, decimal comma, CRLF. */
export function excelViCsv(t: ViTable): string {
  const cell = (v: Cell) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : viNumber(v)) : csvCell(v));
  return '\uFEFF' + [t.header, ...t.rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}

/** Every table as an Excel-locale CSV (same file names as the CSVs for programs). */
export function excelViCsvs(a: Analysis): Map<string, string> {
  return new Map(vietnameseTables(a).map((t) => [t.name, excelViCsv(t)]));
}
