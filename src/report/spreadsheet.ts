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
import { type Cell, type ExportTable, csvCell, exportTables } from './csv.js';
import { deterministicZip } from './docx.js';
import type { Status } from '../model.js';

/** Vietnamese sheet / file titles (≤ 31 characters: Excel's sheet-name limit). */
export const TABLE_TITLE: Record<string, string> = {
  'coverage.csv': 'Tình trạng yêu cầu',
  'matrix.csv': 'Ma trận',
  'changes.csv': 'Thông số thay đổi',
  'additions.csv': 'Nội dung bổ sung',
  'tasks.csv': 'Nhiệm vụ',
  'deadlines.csv': 'Thời hạn',
  'citations.csv': 'Trích dẫn',
  'documents.csv': 'Văn bản',
};

/** Vietnamese header of every column of every export (same key in every table means the same thing). */
export const COLUMN_VI: Record<string, string> = {
  plan_file: 'Tệp kế hoạch',
  plan_index: 'Số thứ tự trong tệp',
  plan: 'Kế hoạch',
  plan_title: 'Trích yếu kế hoạch',
  base_file: 'Tệp văn bản gốc',
  base_index: 'Số thứ tự văn bản gốc trong tệp',
  base_symbol: 'Số hiệu văn bản gốc',
  requirement_id: 'Mã yêu cầu',
  requirement_path: 'Mục của văn bản gốc',
  requirement_text: 'Yêu cầu (nguyên văn văn bản gốc)',
  status: 'Tình trạng',
  score: 'Điểm khớp',
  match_paths: 'Vị trí trong kế hoạch',
  match_text: 'Nội dung tương ứng trong kế hoạch',
  missing: 'Phần còn thiếu',
  changes: 'Thông số thay đổi',
  page: 'Trang báo cáo',
  kind: 'Loại',
  from: 'Văn bản gốc ghi',
  to: 'Kế hoạch ghi',
  note: 'Ghi chú',
  plan_path: 'Vị trí trong kế hoạch',
  path: 'Vị trí',
  text: 'Nội dung',
  citations: 'Văn bản trích dẫn',
  deadlines: 'Thời hạn',
  bodies: 'Cơ quan',
  group: 'Nhóm',
  group_plans: 'Số kế hoạch trong nhóm',
  task_id: 'Mã nhiệm vụ',
  lead: 'Chủ trì',
  support: 'Phối hợp',
  due: 'Hạn cuối',
  first_date: 'Ngày đầu tiên trong lịch',
  rrule: 'Quy tắc lặp (iCalendar)',
  rrule_vi: 'Lặp lại',
  event: 'Sự kiện / điều kiện',
  offset_days: 'Số ngày sau sự kiện',
  task: 'Nhiệm vụ',
  in_calendar: 'Có trong lịch',
  calendar_note: 'Lý do không đưa vào lịch',
  doc_file: 'Tệp văn bản',
  doc_index: 'Số thứ tự trong tệp',
  doc: 'Văn bản',
  cited_id: 'Văn bản được trích dẫn',
  number: 'Số',
  symbol: 'Ký hiệu',
  date: 'Ngày',
  issuer: 'Cơ quan ban hành',
  title: 'Trích yếu',
  relation: 'Quan hệ',
  form: 'Cách trích dẫn',
  in_corpus: 'Có trong kho',
  file: 'Tệp',
  index: 'Số thứ tự trong tệp',
  format: 'Định dạng',
  place: 'Nơi ban hành',
  signer: 'Người ký',
  role: 'Vai trò',
  base_of: 'Là văn bản gốc của (số kế hoạch)',
  implements: 'Thực hiện văn bản',
  coverage: 'Tỷ lệ bao phủ',
};

const ADDITION_KIND_VI: Record<string, string> = { clause: 'Đoạn bổ sung', insertion: 'Chèn thêm vào câu', citation: 'Dẫn thêm văn bản' };
const FORM_VI: Record<string, string> = { full: 'đầy đủ', short: 'rút gọn', descriptive: 'mô tả', named: 'theo tên', self: 'chính văn bản' };
const ROLE_VI: Record<string, string> = { plan: 'Kế hoạch được rà soát', base: 'Văn bản gốc' };
const YES_NO: Record<string, string> = { yes: 'Có', no: 'Không' };
const STATUS_VI: Record<string, string> = { ...STATUS_LABEL, 'not-applicable': 'Không áp dụng' };

/** Value translations per table and column (codes → Vietnamese labels). */
const VALUE_VI: Record<string, Record<string, Record<string, string>>> = {
  'coverage.csv': { status: STATUS_VI },
  'changes.csv': { kind: CHANGE_LABEL },
  'additions.csv': { kind: ADDITION_KIND_VI },
  'deadlines.csv': { kind: DEADLINE_KIND_LABEL, in_calendar: YES_NO },
  'citations.csv': { relation: RELATION_LABEL, form: FORM_VI },
  'documents.csv': { role: ROLE_VI },
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
      return COLUMN_VI[h] ?? h;
    });
    const rows = t.rows.map((r) =>
      r.map((v, i) => {
        if (typeof v !== 'string' || !v) return v;
        if (isMatrix && i >= 4) return STATUS_VI[v] ?? v;
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
