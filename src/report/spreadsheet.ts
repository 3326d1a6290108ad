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
import { type Analysis, CHANGE_LABEL, DEADLINE_KIND_LABEL, REACHES_LABEL, RELATION_LABEL, STATUS_COLOR, STATUS_LABEL } from './common.js';
import { ADDITION_KIND_LABEL, CITATION_FORM_LABEL, COLUMN_LABEL, DOC_ROLE_LABEL, TABLE_TITLE, YES_NO_LABEL } from '../vocab/columns.js';
import { type Cell, type ExportTable, csvCell, exportTables, linesBytes } from './csv.js';
import { zipParts } from './docx.js';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import JSZip from 'jszip';
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
  'chain.csv': { intermediate_status: STATUS_LABEL, via_status: STATUS_LABEL, direct_status: STATUS_LABEL, reaches: REACHES_LABEL },
};

/** Columns holding a status (coloured in the workbook). */
const STATUS_COLUMNS = new Set(['status', 'intermediate_status', 'via_status', 'direct_status']);

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
      if (STATUS_COLUMNS.has(h)) statusColumns.push(i);
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

/** The ExcelJS workbook of these tables (every sheet, header, column, fill and font of the package). */
export function excelWorkbook(tables: ViTable[], date: Date): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'rasoat';
  wb.created = date;
  wb.modified = date;
  for (const t of tables) {
    const ws = wb.addWorksheet(t.title, { views: [{ state: 'frozen', xSplit: t.name === 'matrix.csv' ? 4 : 0, ySplit: 1 }] });
    ws.addRow(t.header);
    for (const r of t.rows) ws.addRow(r.map(cellValue));
    const head = ws.getRow(1);
    head.font = { bold: true };
    head.alignment = { vertical: 'top', wrapText: true };
    head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.header.length } };
    t.header.forEach((h, i) => {
      const longest = Math.max(String(h).length, ...t.rows.slice(0, WIDTH_ROWS).map((r) => String(r[i] ?? '').length));
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
  // ExcelJS resolves the style of every cell when writing and remembers it by object identity only: each
  // cell carrying its own style object made that the workbook's main cost (issue 14). Cells with equal
  // styles (and the same value type, which decides the number format) share one object, so it is resolved once.
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  wb.eachSheet((ws) =>
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const k = `${cell.type}\u0000${JSON.stringify(cell.style ?? {})}`;
        let st = shared.get(k);
        if (!st) shared.set(k, (st = cell.style ?? {}));
        cell.style = st;
      }),
    ),
  );
  return wb;
}

/** The rows the column widths are measured on. */
const WIDTH_ROWS = 200;
const cellValue = (v: Cell): string | number | null => (v === null || v === undefined ? null : typeof v === 'string' ? safeText(v) : v);

/** What decides a data cell's style: its column, its value type and, in a status column, the status. */
function styleKey(t: ViTable, col: number, v: string | number | null, status: Set<number>): string {
  const type = v === null ? 'n' : typeof v === 'number' ? '#' : 's';
  return `${col}\u0000${type}\u0000${status.has(col) && typeof v === 'string' ? (STATUS_BY_LABEL.get(v) ?? '') : ''}`;
}

/**
 * Only the rows ExcelJS needs to make the package's styles, column settings and sheet frames: the header, the
 * rows the widths are measured on, and each row that first shows a (column, value type, status) style.
 * ExcelJS numbers styles in the order it meets them, row by row, so this keeps their numbers.
 */
function styleProbe(t: ViTable): ViTable {
  const status = new Set(t.statusColumns);
  const seen = new Set<string>();
  const rows: Cell[][] = [];
  t.rows.forEach((r, i) => {
    let keep = i < WIDTH_ROWS;
    r.forEach((v, c) => {
      const k = styleKey(t, c, cellValue(v), status);
      if (!seen.has(k)) {
        seen.add(k);
        keep = true;
      }
    });
    if (keep) rows.push(r);
  });
  return { ...t, rows };
}

// ExcelJS's own renderers of rows and shared strings (CommonJS modules of the package)
const requireCjs = createRequire(import.meta.url);
/* eslint-disable @typescript-eslint/no-explicit-any */
const XmlStream = requireCjs('exceljs/lib/utils/xml-stream.js') as any;
const RowXform = requireCjs('exceljs/lib/xlsx/xform/sheet/row-xform.js') as any;
const SharedStringsXform = requireCjs('exceljs/lib/xlsx/xform/strings/shared-strings-xform.js') as any;
const colCache = requireCjs('exceljs/lib/utils/col-cache.js') as any;
const VT = { Null: 0, Number: 2, String: 3 } as const;

/**
 * The XLSX workbook (bytes, deterministic: fixed dates in the package), byte for byte what ExcelJS writes for the
 * whole tables (`test/spreadsheet.test.ts` compares them) without holding every cell as an ExcelJS object, which
 * took over a gigabyte at 1 000 plans (issue 14). ExcelJS makes the package of a probe (styleProbe): styles,
 * theme, workbook, each sheet's frame (views, columns, filter, page set-up); the cells of each sheet are then
 * rendered row by row with ExcelJS's row renderer, the style of each cell read from the probe, the shared strings
 * numbered in the order ExcelJS meets them, and streamed into the zip.
 */
export async function workbookXlsx(a: Analysis, tables: ViTable[] = vietnameseTables(a)): Promise<Buffer> {
  const date = new Date('2000-01-01T00:00:00Z');
  const probes = tables.map(styleProbe);
  const probeBuf = Buffer.from(await excelWorkbook(probes, date).xlsx.writeBuffer({ zip: { compression: 'STORE' } } as Partial<ExcelJS.XlsxWriteOptions>));
  const zip = await JSZip.loadAsync(probeBuf);
  const parts = new Map<string, Uint8Array | string | NodeJS.ReadableStream>();
  for (const name of Object.keys(zip.files)) if (!zip.files[name].dir) parts.set(name, await zip.files[name].async('uint8array'));
  // the shared strings, in the order ExcelJS adds them (sheet by sheet, row by row)
  const sst = new SharedStringsXform();
  const ids: Map<string, number>[] = [];
  for (const t of tables) {
    for (const h of t.header) if (h !== null && h !== undefined) sst.add(String(h));
    for (const r of t.rows)
      for (const v of r) {
        const c = cellValue(v);
        if (typeof c === 'string') sst.add(c);
      }
  }
  for (const [i, t] of tables.entries()) {
    const name = `xl/worksheets/sheet${i + 1}.xml`;
    const xml = Buffer.from(parts.get(name) as Uint8Array).toString('utf8');
    const open = xml.indexOf('<sheetData>') + '<sheetData>'.length;
    const close = xml.indexOf('</sheetData>');
    const probeRows = xml.slice(open, close);
    // the style of each (column, type, status) and of the header row, as ExcelJS numbered them in the probe
    const status = new Set(t.statusColumns);
    const styles = new Map<string, number>();
    const rowRe = /<row r="(\d+)"([^>]*)>(.*?)<\/row>/g;
    let head: { style?: number; cells: Map<number, number> } = { cells: new Map() };
    for (let m = rowRe.exec(probeRows); m; m = rowRe.exec(probeRows)) {
      const rn = Number(m[1]);
      const cells = new Map<number, number>();
      for (const c of m[3].matchAll(/<c r="([A-Z]+)\d+"(?: s="(\d+)")?/g)) cells.set(colCache.l2n(c[1]) - 1, c[2] ? Number(c[2]) : 0);
      if (rn === 1) {
        const s = /\bs="(\d+)"/.exec(m[2]);
        head = { style: s ? Number(s[1]) : undefined, cells };
        continue;
      }
      const r = probes[i].rows[rn - 2];
      r.forEach((v, c) => styles.set(styleKey(t, c, cellValue(v), status), cells.get(c) ?? 0));
    }
    // a loop, not Math.max(...rows): 2 000 plans make more rows than a call can take arguments
    let width = t.header.length;
    for (const r of t.rows) if (r.length > width) width = r.length;
    const last = t.rows.length + 1;
    const prefix = xml.slice(0, open).replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:${colCache.n2l(width)}${last}"/>`);
    const suffix = xml.slice(close);
    const rowXform = new RowXform();
    const render = (n: number, values: (string | number | null)[], styleOf: (c: number, v: string | number | null) => number, rowStyle?: number): string => {
      const xs = new XmlStream();
      const cells = values.map((v, c) => {
        const m: Record<string, unknown> = { address: `${colCache.n2l(c + 1)}${n}`, type: v === null ? VT.Null : typeof v === 'number' ? VT.Number : VT.String, value: v };
        if (typeof v === 'string') m.ssId = sst.hash[v];
        const s = styleOf(c, v);
        if (s) m.styleId = s;
        return m;
      });
      rowXform.render(xs, { cells, number: n, min: values.length ? 1 : 0, max: values.length, styleId: rowStyle });
      return xs.xml;
    };
    function* sheet(): Generator<Buffer> {
      yield Buffer.from(prefix, 'utf8');
      const header = t.header.map((h) => (h === null || h === undefined ? null : String(h)));
      let chunk = render(1, header, (c) => head.cells.get(c) ?? 0, head.style);
      for (let k = 0; k < t.rows.length; k++) {
        chunk += render(k + 2, t.rows[k].map(cellValue), (c, v) => styles.get(styleKey(t, c, v, status)) ?? 0);
        if (chunk.length > 1 << 16) {
          yield Buffer.from(chunk, 'utf8');
          chunk = '';
        }
      }
      yield Buffer.from(chunk + suffix, 'utf8');
    }
    parts.set(name, Readable.from(sheet(), { objectMode: false }));
  }
  const xs = new XmlStream();
  sst.render(xs, sst.model);
  parts.set('xl/sharedStrings.xml', xs.xml);
  return zipParts(parts, date);
}

/** A number with a decimal comma (Vietnamese locale). */
const viNumber = (n: number) => String(Math.round(n * 10000) / 10000).replace('.', ',');

/** One table as CSV for Excel in Vietnamese locale: BOM, ";" separator, decimal comma, CRLF. */
export function excelViCsv(t: ViTable): string {
  const cell = (v: Cell) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : viNumber(v)) : csvCell(v));
  return '\uFEFF' + [t.header, ...t.rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}

/** excelViCsv as bytes, without the string of the whole file (csv.ts linesBytes). */
export function excelViCsvBytes(t: ViTable): Buffer {
  const cell = (v: Cell) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : viNumber(v)) : csvCell(v));
  function* lines() {
    yield '\uFEFF' + t.header.map(cell).join(';');
    for (const r of t.rows) yield r.map(cell).join(';');
  }
  return linesBytes(lines(), '\r\n');
}

/** Every table as an Excel-locale CSV (same file names as the CSVs for programs). */
export function excelViCsvs(a: Analysis, tables: ViTable[] = vietnameseTables(a)): Map<string, string> {
  return new Map(tables.map((t) => [t.name, excelViCsv(t)]));
}
