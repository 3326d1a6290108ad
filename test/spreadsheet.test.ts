/**
 * Spreadsheets for people, checked with the real LibreOffice (headless `soffice`): the XLSX
 * converts sheet by sheet to CSV with its Vietnamese headers and values intact; its header
 * rows are frozen and filtered (read back with exceljs); the Excel-locale CSVs are
 * semicolon-separated and LibreOffice splits them into the right columns, whereas a
 * `sep=,` line is not understood (it stays a data row: the measurement behind choosing ";").
 * Skipped visibly when soffice is not installed (.ci/run installs libreoffice-calc-nogui).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { STATUS_LABEL } from '../src/report/common.js';
import { csvBytes, exportTables, toCsv } from '../src/report/csv.js';
import { deterministicZip } from '../src/report/docx.js';
import { excelViCsv, excelViCsvBytes, excelWorkbook, type ViTable, vietnameseTables, workbookXlsx } from '../src/report/spreadsheet.js';
import { corpusAnalysis } from './helpers/report-fixture.js';

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice'].find((p) => existsSync(p));
if (!SOFFICE) console.warn('spreadsheet.test.ts: LibreOffice tests SKIPPED — soffice not found (apt-get install libreoffice-calc-nogui)');

/** Convert with LibreOffice headless into `out`; a private profile so parallel runs do not collide. */
function soffice(file: string, out: string, args: string[]): string[] {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'rasoat-lo-profile-'));
  execFileSync(SOFFICE!, [`-env:UserInstallation=file://${profile}`, '--headless', ...args, '--outdir', out, file], { stdio: 'pipe', timeout: 120_000 });
  return readdirSync(out);
}
const rows = (s: string, delimiter = ',') => parse(s, { bom: true, delimiter, relax_column_count: true }) as string[][];

describe('XLSX workbook (exceljs)', () => {
  it('has one sheet per table with Vietnamese headers, frozen header row, filters, the matrix as a sheet', async () => {
    const { analysis: a } = await corpusAnalysis();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await workbookXlsx(a)) as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(['Tình trạng yêu cầu', 'Ma trận', 'Thông số thay đổi', 'Nội dung bổ sung', 'Nhiệm vụ', 'Thời hạn', 'Trích dẫn', 'Văn bản']);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter, ws.name).toBeTruthy();
      expect(ws.getRow(1).font?.bold).toBe(true);
    }
    const cov = wb.getWorksheet('Tình trạng yêu cầu')!;
    const head = (cov.getRow(1).values as unknown[]).slice(1);
    expect(head).toContain('Tình trạng');
    expect(head).toContain('Yêu cầu (nguyên văn văn bản gốc)');
    expect(head.some((h) => /^[a-z_]+$/.test(String(h)))).toBe(false); // no snake_case left
    const statusCol = head.indexOf('Tình trạng') + 1;
    const statuses = new Set<string>();
    cov.eachRow((r, i) => i > 1 && statuses.add(String(r.getCell(statusCol).value)));
    expect([...statuses].every((s) => Object.values(STATUS_LABEL).includes(s))).toBe(true);
    expect(cov.rowCount - 1).toBe(a.diffs.reduce((n, d) => n + d.requirements.length, 0));
    const matrix = wb.getWorksheet('Ma trận')!;
    expect(matrix.columnCount).toBe(4 + a.diffs.length);
    expect(matrix.views[0]).toMatchObject({ xSplit: 4 });
  });

  it('is byte-identical when built twice (extracted/ stays unchanged on a re-run)', async () => {
    const { analysis: a } = await corpusAnalysis();
    expect((await workbookXlsx(a)).equals(await workbookXlsx(a))).toBe(true);
  });

  /** The package as ExcelJS writes it with every cell of the tables (how the workbook was made before issue 14). */
  const library = async (tables: ViTable[]) => {
    const date = new Date('2000-01-01T00:00:00Z');
    return deterministicZip(Buffer.from(await excelWorkbook(tables, date).xlsx.writeBuffer({ zip: { compression: 'STORE' } } as Partial<ExcelJS.XlsxWriteOptions>)), date);
  };

  it('is byte for byte what ExcelJS writes holding every cell (corpus tables)', async () => {
    const { analysis: a } = await corpusAnalysis();
    const tables = vietnameseTables(a);
    expect(tables.reduce((n, t) => n + t.rows.length, 0)).toBeGreaterThan(300);
    expect((await workbookXlsx(a, tables)).equals(await library(tables))).toBe(true);
  });

  it('the CSVs written as bytes a chunk at a time are the bytes of the CSV strings (corpus tables, and past a chunk)', async () => {
    const { analysis: a } = await corpusAnalysis();
    const tables = exportTables(a);
    const big = { name: 'big.csv', header: ['a', 'b'], rows: Array.from({ length: 3000 }, (_, i) => [`dòng ${i}, "trích" ${'ư'.repeat(i % 50)}`, i / 7]) };
    for (const t of [...tables, big]) expect(csvBytes(t.header, t.rows).equals(Buffer.from(toCsv(t.header, t.rows)))).toBe(true);
    for (const t of vietnameseTables(a, [...tables, big])) expect(excelViCsvBytes(t).equals(Buffer.from(excelViCsv(t)))).toBe(true);
  });

  it('is byte for byte what ExcelJS writes on hostile and irregular cells (late styles, long columns, XML text, formulas)', async () => {
    const status = Object.values(STATUS_LABEL);
    const rows: (string | number | null)[][] = [];
    // 450 rows: past the 200 the widths are measured on; a status and a long text first met after them
    for (let i = 0; i < 450; i++)
      rows.push([
        `kế hoạch ${i}`,
        i % 7 === 0 ? null : i * 1.25,
        i < 300 ? status[i % 2] : status[i % status.length],
        i === 420 ? 'x'.repeat(90) : i % 3 ? ` khoảng trắng đầu & <cuối> "${i}" ` : '',
        i % 5 === 0 ? '=cmd|\' /C calc\'!A0' : i % 11 === 0 ? '-2+3' : 'a\nb',
        i === 449 ? 7 : null,
      ]);
    const tables: ViTable[] = [
      { name: 'coverage.csv', title: 'Tình trạng yêu cầu', header: ['Kế hoạch', 'Điểm', 'Tình trạng', 'Ghi chú', 'Công thức', 'Muộn'], rows, statusColumns: [2] },
      { name: 'matrix.csv', title: 'Ma trận', header: ['a', 'b', 'c', 'd', 'p1', 'p2'], rows: rows.slice(0, 40).map((r) => [...r.slice(0, 4), r[2], null]), statusColumns: [4, 5] },
      { name: 'empty.csv', title: 'Trống', header: ['một', 'hai'], rows: [], statusColumns: [] },
    ];
    expect((await workbookXlsx({} as never, tables)).equals(await library(tables))).toBe(true);
  });
});

describe.skipIf(!SOFFICE)(SOFFICE ? 'in LibreOffice headless' : 'in LibreOffice headless — SKIPPED: soffice not found', () => {
  it('the XLSX opens and converts to CSV with its Vietnamese headers and values intact', async () => {
    const { analysis: a } = await corpusAnalysis();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rasoat-xlsx-'));
    const file = path.join(dir, 'rasoat.xlsx');
    writeFileSync(file, await workbookXlsx(a));
    const out = path.join(dir, 'csv');
    // UTF-8 (76), every sheet (-1) into its own file
    const files = soffice(file, out, ['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1']);
    expect(files.length).toBe(8);
    const cov = rows(readFileSync(path.join(out, files.find((f) => f.includes('Tình trạng yêu cầu'))!), 'utf8'));
    expect(cov[0]).toContain('Tình trạng');
    expect(cov[0]).toContain('Kế hoạch');
    expect(cov[0]).toContain('Yêu cầu (nguyên văn văn bản gốc)');
    const st = cov[0].indexOf('Tình trạng');
    expect(new Set(cov.slice(1).map((r) => r[st]))).toEqual(new Set(Object.values(STATUS_LABEL)));
    expect(cov.length - 1).toBe(a.diffs.reduce((n, d) => n + d.requirements.length, 0));
    const req = cov[0].indexOf('Yêu cầu (nguyên văn văn bản gốc)');
    expect(cov.slice(1).map((r) => r[req])).toContain(a.diffs[0].requirements[0].text);
    const matrix = rows(readFileSync(path.join(out, files.find((f) => f.includes('Ma trận'))!), 'utf8'));
    expect(matrix[0].slice(0, 2)).toEqual(['Số hiệu văn bản gốc', 'Mã yêu cầu']);
    expect(matrix.slice(1).every((r) => r.slice(4).every((c) => Object.values(STATUS_LABEL).includes(c) || c === ''))).toBe(true);
  }, 180_000);

  it('the Excel-locale CSV (";", BOM) splits into the right columns; a "sep=," line is not understood (measured)', async () => {
    const { analysis: a } = await corpusAnalysis();
    const t = vietnameseTables(a).find((x) => x.name === 'coverage.csv')!;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rasoat-csvvi-'));
    const semi = path.join(dir, 'semi.csv');
    writeFileSync(semi, excelViCsv(t));
    const comma = exportTables(a).find((x) => x.name === 'coverage.csv')!;
    const sep = path.join(dir, 'sepcomma.csv');
    writeFileSync(sep, '\uFEFFsep=,\r\n' + rows(readFileSync(semi, 'utf8'), ';').map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n');
    const out = path.join(dir, 'out');
    // import as LibreOffice/Excel would with a ";" list separator, export tab-separated to count columns
    soffice(semi, out, ['--infilter=CSV:59,34,76,1', '--convert-to', 'csv:Text - txt - csv (StarCalc):9,34,76,1']);
    const back = rows(readFileSync(path.join(out, 'semi.csv'), 'utf8'), '\t');
    expect(back[0]).toEqual(t.header);
    expect(back[0].length).toBe(comma.header.length);
    expect(back.slice(1).every((r) => r.length === t.header.length)).toBe(true);
    // decimal comma: the score reads as a number in LibreOffice
    const score = t.header.indexOf('Điểm khớp');
    expect(back.slice(1).some((r) => /^\d,\d+$|^\d$/.test(r[score]))).toBe(true);
    soffice(sep, out, ['--infilter=CSV:44,34,76,1', '--convert-to', 'csv:Text - txt - csv (StarCalc):9,34,76,1']);
    const sepBack = rows(readFileSync(path.join(out, 'sepcomma.csv'), 'utf8'), '\t');
    expect(sepBack[0][0].startsWith('sep=')).toBe(true); // a data row, not a directive
    expect(sepBack[0]).not.toContain('Tình trạng');
  }, 180_000);
});
