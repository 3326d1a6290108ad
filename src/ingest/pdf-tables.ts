/**
 * Tables of a PDF page, read from positions:
 *
 * - ruled tables (task tables of an appendix): the drawn border lines (pdf.js operator list:
 *   thin horizontal and vertical paths) give the rows and the columns; each text item goes to the
 *   cell it lies in, and the table becomes one block linearized as the legal portal's Markdown has
 *   it ("|" cell "|" cell "|", rows back to back; see src/segment/tables.ts);
 * - borderless two-column blocks (the official header "ỦY BAN NHÂN DÂN | CỘNG HÒA …", "Số: …" |
 *   place and date; the signature "Nơi nhận: … | TM. … / name"): lines that pdf.js gives side by
 *   side at the same height are split at a wide gap, and the run of lines that stay on either side
 *   of that gap becomes one row of two cells (left column first), so that the header reader sees
 *   the issuing body, the symbol, the motto and the date as cells instead of merged lines.
 */
import type { PdfLine, TextItem } from './types.js';
import { PDF_LAYOUT as L } from './pdf-layout.js';

export interface Rule {
  /** horizontal: y (from the page top), x0..x1; vertical: x, y0..y1 (from the page top) */
  at: number;
  from: number;
  to: number;
}
export interface Rules {
  h: Rule[];
  v: Rule[];
}

type Matrix = [number, number, number, number, number, number];
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/**
 * Thin horizontal and vertical paths of a page (lines or hairline rectangles), from pdf.js's
 * operator list (OPS numbers passed in); the current transformation matrix is followed.
 */
export function rulesFromOps(fnArray: number[], argsArray: unknown[], OPS: Record<string, number>, height: number): Rules {
  const h: Rule[] = [];
  const v: Rule[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform) ctm = mul(argsArray[i] as Matrix, ctm);
    else if (fn === OPS.constructPath) {
      const args = argsArray[i] as unknown[];
      const mm = args[args.length - 1] as ArrayLike<number> | null;
      if (!mm || mm.length < 4) continue;
      const [ax, ay] = apply(ctm, mm[0], mm[1]);
      const [bx, by] = apply(ctm, mm[2], mm[3]);
      const x0 = Math.min(ax, bx);
      const x1 = Math.max(ax, bx);
      const y0 = height - Math.max(ay, by);
      const y1 = height - Math.min(ay, by);
      if (y1 - y0 < L.RULE_THICKNESS && x1 - x0 > L.H_RULE_MIN_LENGTH) h.push({ at: (y0 + y1) / 2, from: x0, to: x1 });
      else if (x1 - x0 < L.RULE_THICKNESS && y1 - y0 > L.V_RULE_MIN_LENGTH) v.push({ at: (x0 + x1) / 2, from: y0, to: y1 });
    }
  }
  return { h, v };
}

export interface GridTable {
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** rows of cells: [x0, x1] per cell, the row's band [y0, y1] */
  rows: { y0: number; y1: number; cols: number[] }[];
}

const uniq = (xs: number[], tol: number = L.RULE_MERGE) => {
  const out: number[] = [];
  for (const x of [...xs].sort((a, b) => a - b)) if (!out.length || x - out[out.length - 1] > tol) out.push(x);
  return out;
};

/** Ruled tables of a page: bands between consecutive horizontal rules crossed by vertical rules. */
export function gridTables(r: Rules): GridTable[] {
  const ys = uniq(r.h.map((x) => x.at));
  const tables: GridTable[] = [];
  let cur: GridTable | null = null;
  for (let k = 0; k + 1 < ys.length; k++) {
    const y0 = ys[k];
    const y1 = ys[k + 1];
    const span = r.v.filter((x) => x.from <= y0 + L.RULE_SLACK && x.to >= y1 - L.RULE_SLACK);
    const cols = uniq(span.map((x) => x.at));
    if (cols.length < L.MIN_ROW_RULES || y1 - y0 < L.MIN_ROW_HEIGHT) {
      cur = null;
      continue;
    }
    if (!cur || Math.abs(cur.bottom - y0) > L.ROW_JOIN) {
      cur = { top: y0, bottom: y1, left: cols[0], right: cols[cols.length - 1], rows: [] };
      tables.push(cur);
    }
    cur.rows.push({ y0, y1, cols });
    cur.bottom = y1;
    cur.left = Math.min(cur.left, cols[0]);
    cur.right = Math.max(cur.right, cols[cols.length - 1]);
  }
  return tables;
}

/** The text box of an item: [x0, x1, top, bottom] (from the page top). */
const box = (it: TextItem) => [it.x, it.x + it.w, it.y - it.size * L.ASCENT, it.y + it.size * L.DESCENT] as const;

/**
 * Take the items of each ruled table out of `items` and return the tables as block lines
 * ("|" linearized), each cell's lines grouped by `toLines`.
 */
export function tableBlocks(items: TextItem[], tables: GridTable[], page: number, toLines: (its: TextItem[]) => PdfLine[]): { rest: TextItem[]; blocks: PdfLine[] } {
  if (!tables.length) return { rest: items, blocks: [] };
  const taken = new Set<TextItem>();
  const blocks: PdfLine[] = [];
  for (const t of tables) {
    const out: string[] = [];
    let size = 0;
    for (const row of t.rows) {
      const cells: TextItem[][] = row.cols.slice(1).map(() => []);
      for (const it of items) {
        if (taken.has(it) || !it.str.trim()) continue;
        const [x0, x1, top, bottom] = box(it);
        const cy = (top + bottom) / 2;
        if (cy < row.y0 || cy > row.y1) continue;
        const cx = x0 + Math.min(it.size, (x1 - x0) / 2);
        const c = row.cols.findIndex((x, j) => j + 1 < row.cols.length && cx >= x - L.CELL_SLACK && cx <= row.cols[j + 1] + L.CELL_SLACK);
        if (c < 0) continue;
        cells[c].push(it);
        taken.add(it);
        size = Math.max(size, it.size);
      }
      out.push('|');
      for (const c of cells) {
        // a cell's lines wrap at its width: a line runs on unless the one before closed ("." ";" ":")
        // or it opens a bullet ("- Sở Tài chính")
        const ls: string[] = [];
        for (const t of toLines(c).map((l) => l.text)) {
          if (!t || t === '|') continue;
          if (ls.length && !/[.;:!?]$/u.test(ls[ls.length - 1]) && !/^[-–+•]\s/u.test(t)) ls[ls.length - 1] += (/[\p{L}\p{N}][-‐]$/u.test(ls[ls.length - 1]) ? '' : ' ') + t;
          else ls.push(t);
        }
        out.push(...(ls.length ? ls : ['']), '|');
      }
    }
    // items in the table's box but outside every band (rare) stay in the flow
    blocks.push({ page, index: 0, x0: t.left, x1: t.right, y: t.top + 1, size, font: '', text: out.join('\n'), block: 'table' });
  }
  return { rest: items.filter((i) => !taken.has(i)), blocks };
}

/**
 * Borderless two-column blocks (header, signature): runs of lines of which at least one pair stands side
 * by side at one height with a wide gap between, and every other line keeps to one side of that gap.
 * Returns the page's lines with each such run replaced by one block line ("|" left lines "|" right lines "|").
 */
export function columnBlocks(lines: PdfLine[], lineGap: number): PdfLine[] {
  const out: PdfLine[] = [];
  let i = 0;
  while (i < lines.length) {
    const a = lines[i];
    const b = lines[i + 1];
    // side by side at one height, a wide gap between them (or capitals on both sides: header cells, see pdf.ts)
    const gap = b ? b.x0 - a.x1 : 0;
    const capsPair = !!b && gap > a.size * L.CAPS_CELL_GAP && !/\p{Ll}/u.test(a.text) && !/\p{Ll}/u.test(b.text);
    const pair = !a.block && b && !b.block && b.page === a.page && Math.abs(b.y - a.y) < a.size * L.SAME_HEIGHT && (gap > a.size * L.COLUMN_GAP || capsPair);
    if (!pair) {
      out.push(a);
      i++;
      continue;
    }
    // a left line ends before the right column starts; a right line starts after the left item and not
    // much left of the right one (its column is centered: a wider line starts a little further left)
    // (and starts left of the middle of the first left item: a centered heading after the block is not in it)
    const isLeft = (l: PdfLine) => l.x1 <= b.x0 + L.LEFT_COLUMN_SLACK && l.x0 < (a.x0 + a.x1) / 2;
    const isRight = (l: PdfLine) => l.x0 >= a.x1 + a.size && l.x0 >= b.x0 - b.size * L.RIGHT_COLUMN_SLACK;
    const left: PdfLine[] = [];
    const right: PdfLine[] = [];
    let j = i;
    let lastY = a.y;
    // lines just above the pair that keep to one side belong to the block (a taller left cell)
    while (out.length) {
      const p = out[out.length - 1];
      if (p.block || p.page !== a.page || a.y - p.y > lineGap * L.BLOCK_ABOVE || !(isLeft(p) || isRight(p))) break;
      out.pop();
      (isLeft(p) ? left : right).unshift(p);
    }
    for (; j < lines.length; j++) {
      const l = lines[j];
      if (l.block || l.page !== a.page || l.y - lastY > lineGap * L.BLOCK_BELOW) break;
      if (isLeft(l)) left.push(l);
      else if (isRight(l)) right.push(l);
      else break;
      lastY = l.y;
    }
    const text = ['|', ...left.map((l) => l.text), '|', ...right.map((l) => l.text), '|'].join('\n');
    const all = [...left, ...right];
    out.push({ page: a.page, index: a.index, x0: Math.min(...all.map((l) => l.x0)), x1: Math.max(...all.map((l) => l.x1)), y: Math.min(...all.map((l) => l.y)), size: a.size, font: a.font, text, block: 'columns' });
    i = j;
  }
  return out;
}
