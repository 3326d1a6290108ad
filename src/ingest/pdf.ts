/**
 * PDF reader: pdf.js (pdfjs-dist, the engine under pdf-parse 2; eval disabled)
 * gives positioned text items; we group them into lines and reflow the lines
 * into paragraphs in the canonical layout (one paragraph per line, blank line
 * between paragraphs).
 *
 * Reflow rules (positions in points, y measured down from the page top):
 *  - dropped: page numbers (a line that is only a number, "- 2 -", "Trang 2",
 *    "2/8" as the first or last line of a page, in its top/bottom 15 %), and
 *    running headers/footers (the same text, digits ignored, at the same place
 *    as first/last line on at least 3 pages and half of them);
 *  - a new paragraph starts at a larger vertical gap, a first-line indent, a
 *    line after a short (not full-width) line, a change of centered/left layout,
 *    or a line starting with a list marker ("1.", "II.", "a)", "-", "+") after
 *    a line that ends a sentence/clause;
 *  - a line ending in a symbol split by a hyphen ("06-" + "HD/BTCTU") joins
 *    without a space;
 *  - a small raised number in a body line is a footnote reference → "¹";
 *    small-font lines at the page bottom starting with a number are footnote
 *    bodies → their own line "¹ text" after the paragraph that references them.
 *
 * The same reflow serves OCR output (ocr.ts gives positioned lines too).
 *
 * Source map (coarse): a breakpoint at every source line's place in the output,
 * with sourceOffset = page * 100000 + lineIndexOnPage * 1000 (pages from 1).
 */
import type { Diagnostic } from '../model.js';
import type { SourceMap } from '../normalize/markup.js';
import { fromSuperscript, toSuperscript } from '../normalize/markup.js';
import { DEFAULT_LIMITS } from './limits.js';
import { checkInflatedSize } from './pdfstreams.js';
import { IngestError, type IngestOptions, type PdfLine, type PdfPage, type ReaderResult, type TextItem } from './types.js';
import { columnBlocks, gridTables, rulesFromOps, tableBlocks } from './pdf-tables.js';
import { PDF_LAYOUT as L } from './pdf-layout.js';

export type { PdfLine, PdfPage } from './types.js';

// ---------------------------------------------------------------- pdf.js → lines

/** bullet glyphs at a line start: the canonical layout writes bullets as "- " */
const BULLET = /^[•▪●◦○■□►➢✓\uF0B7\uF0A7]\s*/u;
const LIGATURES: Record<string, string> = { 'ﬀ': 'ff', 'ﬁ': 'fi', 'ﬂ': 'fl', 'ﬃ': 'ffi', 'ﬄ': 'ffl', 'ﬅ': 'st', 'ﬆ': 'st' };

/** A font size rounded to the step sizes are compared in. */
const sizeStep = (size: number): number => Math.round(size / L.SIZE_STEP) * L.SIZE_STEP;

/** Group positioned items into lines; small raised digits become superscript footnote refs. */
export function itemsToLines(items: TextItem[], page: number): PdfLine[] {
  const its = items.filter((i) => i.str.length > 0 && i.size > 0);
  // cluster by baseline; a raised small item joins the line whose baseline is just below it
  // big items first, so that lines exist before small raised items look for their line
  const sorted = [...its].sort((a, b) => b.size - a.size || a.y - b.y || a.x - b.x);
  const groups: TextItem[][] = [];
  for (const it of sorted) {
    const g = groups.find((g) => {
      const base = g.reduce((m, i) => (i.size > m.size ? i : m), g[0]);
      const dy = it.y - base.y;
      const tol = Math.max(base.size, it.size) * L.BASELINE_TOLERANCE;
      // small raised number above the baseline (superscript) or same baseline
      return Math.abs(dy) <= tol || (it.size < base.size * L.SUPERSCRIPT_SIZE && dy < 0 && dy > -base.size * L.SUPERSCRIPT_RISE_MAX && it.x >= Math.min(...g.map((i) => i.x)) - L.SUPERSCRIPT_X_SLACK);
    });
    if (g) g.push(it);
    else groups.push([it]);
  }
  // two columns side by side at one height (header, signature tables): a wide gap splits the line
  const split: TextItem[][] = [];
  for (const g of groups) {
    g.sort((a, b) => a.x - b.x);
    let cur: TextItem[] = [];
    /** whether the run so far has a lower-case letter (then it is not a header cell in capitals) */
    let curLower = false;
    let end = -Infinity;
    for (const i of g) {
      const size = Math.max(i.size, cur[0]?.size ?? 0);
      const gap = i.x - end;
      // header cells in capitals ("ỦY BAN NHÂN DÂN THÀNH" | "CỘNG HÒA XÃ HỘI …") may stand closer than a wide gap:
      // capitals on both sides of more than a word space and a half split too (body text is never set so)
      const capsCells = gap > size * L.CAPS_CELL_GAP && !curLower && /^\s*\p{Lu}/u.test(i.str) && !/\p{Ll}/u.test(i.str);
      if (cur.length && i.str.trim() && (gap > size * L.COLUMN_GAP || capsCells)) {
        split.push(cur);
        cur = [];
        curLower = false;
      }
      cur.push(i);
      if (!curLower && /\p{Ll}/u.test(i.str)) curLower = true;
      if (i.str.trim()) end = Math.max(end, i.x + i.w);
    }
    if (cur.length) split.push(cur);
  }
  const lines: PdfLine[] = [];
  for (const g of split) {
    // dominant size = size carrying most characters
    const bySize = new Map<number, number>();
    for (const i of g) if (i.str.trim()) bySize.set(sizeStep(i.size), (bySize.get(sizeStep(i.size)) ?? 0) + i.str.trim().length);
    const size = [...bySize.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? g[0].size;
    const base = g.filter((i) => Math.abs(sizeStep(i.size) - size) < 0.01)[0] ?? g[0];
    let text = '';
    let end = -Infinity;
    let font = base.font;
    for (const i of g) {
      let s = i.str.replace(/[\uFB00-\uFB06]/g, (c) => LIGATURES[c] ?? c);
      const raised = i.size < size * L.SUPERSCRIPT_SIZE && base.y - i.y > size * L.SUPERSCRIPT_RISE_MIN;
      if (raised && /^\s*\d{1,3}\s*$/.test(s) && text.trim()) {
        text = text.replace(/\s+$/, '') + toSuperscript(s.trim());
        end = i.x + i.w;
        continue;
      }
      const gap = i.x - end;
      if (text && !/\s$/.test(text) && !/^\s/.test(s) && gap > size * L.WORD_GAP) text += ' ';
      text += s;
      if (i.x + i.w > end) end = i.x + i.w;
      if (s.trim() && i.size === base.size) font = i.font;
    }
    text = text.replace(/\s+/g, ' ').trim().replace(BULLET, '- ');
    if (!text) continue;
    const visible = g.filter((i) => i.str.trim());
    lines.push({
      page,
      index: 0,
      x0: Math.min(...visible.map((i) => i.x)),
      x1: Math.max(...visible.map((i) => i.x + i.w)),
      y: base.y,
      size,
      font,
      text,
    });
  }
  lines.sort((a, b) => a.y - b.y || a.x0 - b.x0);
  lines.forEach((l, k) => (l.index = k));
  return lines;
}

// ---------------------------------------------------------------- reflow

const PAGE_NUMBER = /^(?:[-–—]\s*)?(?:trang\s+|page\s+)?(\d{1,4}|[ivxlcdm]{1,6})(?:\s*(?:\/|of|trên)\s*\d{1,4})?(?:\s*[-–—])?$/i;
const LIST_MARKER = /^(?:[IVXLCDM]+\.|\d{1,3}(?:\.\d{1,3})*\.|\d{1,3}\)|\(\d{1,3}\)|[a-zđ]\)|[-–+•*▪●○◦]\s)/u;
/** "… số 21-" + "NQ/TW, …": a document symbol split after its hyphen */
const SPLIT_SYMBOL_END = /(?:^|\s)\d{1,4}[-‐]$/u;
const SPLIT_SYMBOL_START = /^[\p{Lu}Đ][\p{L}Đđ]{0,7}\/[\p{Lu}Đ]/u;
const ENDS_CLAUSE = /[.:;!?…)”"]\s*$/;
/** a line ending in a word that cannot end a title or sentence ("… ngày", "… số", "… của") runs on */
const OPEN_END = /(?:^|\s)(?:ngày|số|của|và|về|tại|năm|tháng|đến|theo|với|trong|cho|NGÀY|SỐ|CỦA|VÀ|VỀ|TẠI|NĂM|THÁNG|ĐẾN|THEO|VỚI|TRONG|CHO)$/u;

const mode = (xs: number[], step: number = L.SIZE_STEP): number => {
  const c = new Map<number, number>();
  for (const x of xs) {
    const k = Math.round(x / step) * step;
    c.set(k, (c.get(k) ?? 0) + 1);
  }
  return [...c.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
};
const quantile = (xs: number[], q: number): number => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

export interface ReflowResult {
  text: string;
  map: SourceMap;
  pageNumbers: number;
  headers: number;
  footnotes: number;
}

/** Remove page furniture, find footnotes, and join lines into paragraphs. */
export function reflow(pages: PdfPage[]): ReflowResult {
  // --- running headers / footers: same text (digits folded) at the same place on many pages
  const furnitureKey = (l: PdfLine) => `${l.text.replace(/\d+/g, '#').toLowerCase()}@${Math.round(l.y / L.FURNITURE_Y_BAND)}`;
  const counts = new Map<string, number>();
  for (const p of pages) {
    const edge = new Set([...p.lines.slice(0, L.EDGE_LINES), ...p.lines.slice(-L.EDGE_LINES)].map(furnitureKey));
    for (const k of edge) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const minRepeat = Math.max(L.FURNITURE_MIN_PAGES, Math.ceil(pages.length / 2));
  let pageNumbers = 0;
  let headers = 0;
  const kept: PdfLine[][] = [];
  for (const p of pages) {
    const lines = p.lines.filter((l, k) => {
      const edge = k < L.EDGE_LINES || k >= p.lines.length - L.EDGE_LINES;
      if (!edge) return true;
      const nearEdge = l.y < p.height * L.EDGE_BAND || l.y > p.height * (1 - L.EDGE_BAND);
      const first = k === 0 || k === p.lines.length - 1;
      if (nearEdge && first && PAGE_NUMBER.test(l.text.trim()) && (l.text.length <= L.PAGE_NUMBER_MAX_LENGTH || /trang|page/i.test(l.text))) {
        pageNumbers++;
        return false;
      }
      if (nearEdge && pages.length >= L.FURNITURE_MIN_PAGES && (counts.get(furnitureKey(l)) ?? 0) >= minRepeat) {
        headers++;
        return false;
      }
      return true;
    });
    kept.push(lines);
  }

  const all = kept.flat().filter((l) => !l.block);
  if (!all.length && !kept.flat().length) return { text: '', map: [], pageNumbers, headers, footnotes: 0 };
  // --- body metrics, weighted by characters
  const sizes: number[] = [];
  for (const l of all) for (let k = 0; k < Math.min(l.text.length, L.SIZE_SAMPLE_MAX); k += L.SIZE_SAMPLE_CHARS) sizes.push(l.size);
  const bodySize = mode(sizes);
  const body = all.filter((l) => Math.abs(l.size - bodySize) < L.BODY_SIZE_TOLERANCE);
  const leftMargin = quantile(body.map((l) => l.x0), L.LEFT_MARGIN_QUANTILE);
  const rightEdge = quantile(body.map((l) => l.x1), L.RIGHT_EDGE_QUANTILE);
  const gaps: number[] = [];
  for (const lines of kept)
    for (let k = 1; k < lines.length; k++) {
      const d = lines[k].y - lines[k - 1].y;
      if (d > 0 && !lines[k].block && !lines[k - 1].block && Math.abs(lines[k].size - bodySize) < L.BODY_SIZE_TOLERANCE && Math.abs(lines[k - 1].size - bodySize) < L.BODY_SIZE_TOLERANCE) gaps.push(d);
    }
  const lineGap = gaps.length ? mode(gaps) : bodySize * L.DEFAULT_LINE_GAP;
  // borderless two-column runs (header, signature) become one block each
  for (let k = 0; k < kept.length; k++) kept[k] = columnBlocks(kept[k], lineGap);

  // --- footnote bodies: small lines below the last body-size line of the page
  interface Note {
    n: string;
    text: string;
    page: number;
    src: number;
  }
  const notes: Note[] = [];
  const flow: PdfLine[] = [];
  for (const lines of kept) {
    let lastBody = -1;
    lines.forEach((l, k) => {
      if (l.size >= bodySize * L.FOOTNOTE_SIZE) lastBody = k;
    });
    lines.forEach((l, k) => {
      if (l.block) {
        flow.push(l);
        return;
      }
      const small = l.size < bodySize * L.FOOTNOTE_SIZE;
      const height = pages.find((p) => p.page === l.page)?.height ?? L.DEFAULT_PAGE_HEIGHT;
      if (small && lastBody >= 0 && k > lastBody && l.y > height * L.FOOTNOTE_ZONE) {
        const m = /^([⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,3})(?=\s|\p{L}|\()\s*(.*)$/u.exec(l.text);
        if (m) {
          const n = fromSuperscript(m[1]);
          notes.push({ n, text: m[2], page: l.page, src: l.page * 100000 + l.index * 1000 });
          return;
        }
        if (notes.length && notes[notes.length - 1].page === l.page) {
          notes[notes.length - 1].text += ' ' + l.text;
          return;
        }
      }
      flow.push(l);
    });
  }

  // --- paragraphs
  // centered: equal room left and right within the text block
  const centered = (l: PdfLine) => l.x0 > leftMargin + bodySize * L.CENTERED_INDENT && Math.abs(l.x0 - leftMargin - (rightEdge - l.x1)) < bodySize * L.CENTERED_BALANCE;
  interface Para {
    text: string;
    parts: [number, number][]; // [offset in para text, source]
    first: PdfLine;
    last: PdfLine;
    cont?: number; // x0 of continuation lines
  }
  const paras: Para[] = [];
  for (const l of flow) {
    const p = paras[paras.length - 1];
    let start = !p || !!l.block || !!p.last.block;
    if (!start && p) {
      const prev = p.last;
      const samePage = prev.page === l.page;
      const gap = samePage ? l.y - prev.y : lineGap;
      const prevShort = prev.x1 < rightEdge - bodySize * L.SHORT_LINE;
      const isCentered = centered(l);
      const prevCentered = centered(prev);
      const marker = LIST_MARKER.test(l.text);
      const firstLineOfPara = prev === p.first;
      const contX = p.cont ?? (firstLineOfPara ? undefined : prev.x0);
      const indented = contX !== undefined ? l.x0 > contX + bodySize * L.INDENT : !firstLineOfPara && l.x0 > prev.x0 + bodySize * L.INDENT;
      if (SPLIT_SYMBOL_END.test(prev.text) && SPLIT_SYMBOL_START.test(l.text) && gap <= lineGap * L.PARAGRAPH_GAP) start = false;
      else if (gap > lineGap * L.PARAGRAPH_GAP || gap < 0) start = true;
      else if (Math.abs(l.size - prev.size) > L.SIZE_CHANGE || (l.font !== prev.font && (prevShort || marker))) start = true;
      else if (isCentered !== prevCentered) start = true;
      // a centered title wraps into a lower-case line, or after a word that leaves it open ("… ngày" / "04/9/2025")
      else if (isCentered && prevCentered) start = !/^[\p{Ll}(“"]/u.test(l.text) && !OPEN_END.test(prev.text);
      else if (prevShort) start = true;
      else if (indented) start = true;
      else if (marker && ENDS_CLAUSE.test(prev.text)) start = true;
    }
    const src = l.page * 100000 + l.index * 1000;
    if (start) {
      paras.push({ text: l.text, parts: [[0, src]], first: l, last: l });
      continue;
    }
    const joinTight = /[\p{L}\p{N}][-‐]$/u.test(p.text) && /^[\p{L}\p{N}]/u.test(l.text);
    if (!joinTight) p.text += ' ';
    p.parts.push([p.text.length, src]);
    p.text += l.text;
    if (p.cont === undefined && p.last === p.first) p.cont = l.x0;
    p.last = l;
  }

  // --- emit, with footnotes after the paragraph that references them
  const placed = new Set<Note>();
  let text = '';
  const map: SourceMap = [];
  const emit = (s: string, parts: [number, number][]) => {
    if (text) text += '\n\n';
    const base = text.length;
    for (const [o, src] of parts) map.push([base + o, src]);
    text += s;
  };
  const emitNote = (n: Note) => {
    placed.add(n);
    emit(`${toSuperscript(n.n)} ${n.text.trim()}`, [[0, n.src]]);
  };
  for (let k = 0; k < paras.length; k++) {
    const p = paras[k];
    // a ruled table that goes on over the next page: its rows continue (one line break, a row break)
    if (p.first.block === 'table' && paras[k - 1]?.last.block === 'table' && p.first.page > paras[k - 1].last.page) {
      const base = text.length + 1;
      for (const [o, src] of p.parts) map.push([base + o, src]);
      text += '\n' + p.text;
      continue;
    }
    emit(p.text, p.parts);
    for (const m of p.text.matchAll(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g)) {
      const n = fromSuperscript(m[0]);
      const note = notes.find((x) => x.n === n && !placed.has(x) && x.page >= p.first.page && x.page <= p.last.page + 1);
      if (note) emitNote(note);
    }
    // unreferenced notes: after the last paragraph of their page
    const next = paras[k + 1];
    for (const n of notes) if (!placed.has(n) && n.page <= p.last.page && (!next || next.first.page > n.page)) emitNote(n);
  }
  for (const n of notes) if (!placed.has(n)) emitNote(n);
  return { text: text.normalize('NFC') + (text ? '\n' : ''), map, pageNumbers, headers, footnotes: notes.length };
}

// ---------------------------------------------------------------- reader

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfjsModule> | null = null;
// without its native canvas binding (rasoat reads text only): no-canvas.mjs
const pdfjs = () => (pdfjsPromise ??= import('./no-canvas.mjs').then((m) => m.importPdfjs()));

export interface PdfReadOptions extends Required<Pick<IngestOptions, 'maxPages'>> {
  /** the streams pdf.js decodes for the text may inflate to at most this many bytes in total (default 200 MiB) */
  maxInflatedBytes?: number;
  ocr?: boolean;
  ocrMaxPages?: number;
  deadline?: number;
}

function hasEof(buf: Buffer): boolean {
  return buf.subarray(Math.max(0, buf.length - 2048)).includes('%%EOF');
}

export async function readPdf(buf: Buffer, opts: PdfReadOptions): Promise<ReaderResult> {
  const diagnostics: Diagnostic[] = [];
  // decompression bombs are refused before pdf.js inflates anything (pdfstreams.ts)
  await checkInflatedSize(buf, opts.maxInflatedBytes ?? DEFAULT_LIMITS.maxInflatedBytes);
  const lib = await pdfjs();
  const truncated = !hasEof(buf);
  let doc: Awaited<ReturnType<PdfjsModule['getDocument']>['promise']>;
  const task = lib.getDocument({
    data: new Uint8Array(buf),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    doc = await task.promise;
  } catch (err) {
    const name = (err as { name?: string }).name ?? '';
    if (name === 'PasswordException') throw new IngestError('encrypted', 'the PDF is password-protected; open it and save a copy without password');
    throw new IngestError('corrupt-pdf', `the PDF is damaged${truncated ? ' (truncated: no %%EOF at the end)' : ''}: ${(err as Error).message}`);
  }
  try {
    const n = doc.numPages;
    if (n > opts.maxPages) throw new IngestError('too-large', `the PDF has ${n} pages, above the limit of ${opts.maxPages} (--max-pages)`);
    const pages: PdfPage[] = [];
    let chars = 0;
    const empty: number[] = [];
    for (let p = 1; p <= n; p++) {
      const before = chars;
      let page;
      let tc;
      try {
        page = await doc.getPage(p);
        tc = await page.getTextContent();
      } catch (err) {
        throw new IngestError('corrupt-pdf', `the PDF is damaged${truncated ? ' (truncated: no %%EOF at the end)' : ''}: page ${p} cannot be read (${(err as Error).message})`);
      }
      const [, , w, h] = page.view;
      let items: TextItem[] = [];
      for (const it of tc.items) {
        if (!('str' in it)) continue;
        const [a, b, , d, e, f] = it.transform as number[];
        const size = Math.hypot(b, d) || Math.abs(a);
        items.push({ str: it.str, x: e, y: h - f, w: it.width, size, font: it.fontName });
        chars += it.str.replace(/\s/g, '').length;
      }
      if (chars === before) empty.push(p);
      // ruled tables: their border lines give rows and columns
      let blocks: PdfLine[] = [];
      if (chars > before) {
        try {
          const ops = await page.getOperatorList();
          const tables = gridTables(rulesFromOps(ops.fnArray, ops.argsArray, lib.OPS as unknown as Record<string, number>, h));
          const r = tableBlocks(items, tables, p, (its) => itemsToLines(its, p));
          items = r.rest;
          blocks = r.blocks;
        } catch {
          // no drawing operators: the page's text is read without table structure
        }
      }
      const lines = [...itemsToLines(items, p), ...blocks].sort((a, b) => a.y - b.y || a.x0 - b.x0);
      lines.forEach((l, k) => (l.index = k));
      pages.push({ page: p, width: w, height: h, lines });
      page.cleanup();
    }
    if (truncated) diagnostics.push({ level: 'warning', code: 'pdf-truncated', message: 'the PDF has no %%EOF at its end (truncated?); its pages were nevertheless readable' });
    if (chars < L.MIN_TEXT_PER_PAGE * n) {
      diagnostics.push({ level: 'warning', code: 'no-text-layer', message: `the PDF has almost no text layer (${chars} characters on ${n} pages): a scan` });
      const { ocrPdf } = await import('./ocr.js');
      if (opts.ocr === false) throw new IngestError('no-text-layer', 'image-only PDF with no text layer; OCR is disabled');
      const ocr = await ocrPdf(buf, { maxPages: opts.ocrMaxPages ?? n, pages: n, deadline: opts.deadline });
      diagnostics.push({
        level: 'info',
        code: 'ocr',
        message: `text recognised by ${ocr.version} (vie) from ${ocr.pages.length} of ${n} pages at ${ocr.dpi} dpi in ${(ocr.ms / 1000).toFixed(1)} s; expect OCR errors`,
      });
      const r = reflow(ocr.pages);
      return { value: { format: 'pdf', text: r.text, map: r.map, pages: n }, diagnostics: [...diagnostics, ...reflowDiagnostics(r)] };
    }
    if (empty.length)
      diagnostics.push({ level: 'warning', code: 'pdf-pages-without-text', message: `page(s) ${empty.join(', ')} have no text layer (scanned pages inside a text PDF?); their content is missing` });
    const r = reflow(pages);
    return { value: { format: 'pdf', text: r.text, map: r.map, pages: n }, diagnostics: [...diagnostics, ...reflowDiagnostics(r)] };
  } finally {
    await doc.destroy();
  }
}

function reflowDiagnostics(r: ReflowResult): Diagnostic[] {
  const d: Diagnostic[] = [];
  if (r.pageNumbers || r.headers) d.push({ level: 'info', code: 'pdf-furniture', message: `dropped ${r.pageNumbers} page-number lines and ${r.headers} running header/footer lines` });
  if (r.footnotes) d.push({ level: 'info', code: 'pdf-footnotes', message: `${r.footnotes} footnotes placed after the paragraphs that reference them` });
  return d;
}
