/**
 * Tables in the canonical text: cells linearized one per line between "|" lines, as the
 * legal portal's Markdown has them and as our DOCX reader writes them:
 *
 *   |            ← a row opens
 *   TT           ← a cell's lines
 *   |            ← the next cell
 *   Nội dung
 *   |            ← the row closes …
 *   |            ← … and the next one opens ("|" twice: a row break)
 *
 * An empty cell is a blank line between bars. Nothing marks the end of the last row:
 * text after a single bar is a further cell, unless a blank line comes first, the row
 * already has as many cells as the widest row before it, or the text is plainly not a cell
 * (a kind line, "PHỤ LỤC", "Chương …", "Điều …", "I. …", "Nơi nhận").
 */
import type { Line } from './lines.js';

export interface Cell {
  /** the cell's non-blank lines */
  lines: Line[];
}
export interface Row {
  cells: Cell[];
  /** first and last line index (in the given lines) of the row, bars included */
  from: number;
  to: number;
}
export interface Table {
  rows: Row[];
  /** index of the first line after the table */
  next: number;
}

const BAR = (l: Line | undefined) => !!l && l.text === '|';
const NOT_A_CELL = /^(?:KẾ HOẠCH|QUYẾT ĐỊNH|NGHỊ QUYẾT|CHỈ THỊ|KẾT LUẬN|THÔNG BÁO|HƯỚNG DẪN|QUY ĐỊNH|QUY CHẾ|CHƯƠNG TRÌNH|THÔNG TƯ|NGHỊ ĐỊNH|PHỤ LỤC|Phụ lục\s+[IVX\d]|Chương\s+[IVXLC\d]+|CHƯƠNG\s+[IVXLC\d]+|Điều\s+\d+\.|[IVX]+\.\s+\p{Lu}|Nơi nhận)/u;

/** Read the table that starts at lines[at] (a "|" line). */
export function readTable(lines: Line[], at: number): Table {
  const rows: Row[] = [];
  let i = at + 1;
  let row: Row = { cells: [], from: at, to: at };
  let widest = 0;
  for (;;) {
    // one cell up to the next bar (blank lines inside are allowed when a bar follows)
    const cell: Line[] = [];
    let j = i;
    while (j < lines.length && !BAR(lines[j])) {
      if (lines[j].text) cell.push(lines[j]);
      else {
        // a blank line: an empty cell when a bar follows, else the table has ended
        let k = j;
        while (k < lines.length && !lines[k].text) k++;
        if (!BAR(lines[k]) || cell.length) break;
        j = k;
        continue;
      }
      j++;
    }
    if (j >= lines.length || !BAR(lines[j])) {
      // no closing bar: what was read is not a cell
      if (row.cells.length) rows.push(row);
      return { rows, next: cell.length ? i : j };
    }
    row.cells.push({ lines: cell });
    row.to = j;
    i = j + 1;
    if (BAR(lines[i])) {
      // row break
      rows.push(row);
      widest = Math.max(widest, row.cells.length);
      row = { cells: [], from: i, to: i };
      i++;
      continue;
    }
    // after a single bar: another cell or the end of the table
    let k = i;
    while (k < lines.length && !lines[k].text) k++;
    const blank = k > i;
    if (blank && BAR(lines[k])) {
      // an empty cell
      row.cells.push({ lines: [] });
      row.to = k;
      i = k + 1;
      if (BAR(lines[i])) {
        rows.push(row);
        widest = Math.max(widest, row.cells.length);
        row = { cells: [], from: i, to: i };
        i++;
      }
      continue;
    }
    if (k >= lines.length || blank || (widest > 0 && row.cells.length >= widest) || NOT_A_CELL.test(lines[k].text)) {
      rows.push(row);
      return { rows, next: i };
    }
  }
}

/** A row's text: its cells' lines joined, cells separated by " | ". */
export function rowText(r: Row): string {
  return r.cells.map((c) => c.lines.map((l) => l.text).join(' ').replace(/\s+/g, ' ').trim()).join(' | ');
}
